import { runOnce } from '../cli/run.ts';

/** The input an EventBridge Scheduler schedule passes: the job, and optionally its arguments and the policy file. */
export interface JobEvent {
  job: string;
  /** Instead of the policy's schedules.jobs.<job>.args. */
  args?: string[];
  /** Default: rampart.yaml in the working directory (the deployment package's root). */
  policy?: string;
}

/**
 * AWS Lambda target of an EventBridge Scheduler schedule: `rampart run --once <job>` on RAMPART_DB.
 * A failed run throws, so the schedule's retry policy and dead-letter queue see it; a run skipped
 * because the job is already running elsewhere is an expected outcome and returns.
 */
export async function handler(event: JobEvent): Promise<{ job: string; exitCode: number }> {
  const valid =
    typeof event?.job === 'string' &&
    (event.args === undefined || (Array.isArray(event.args) && event.args.every((a) => typeof a === 'string'))) &&
    (event.policy === undefined || typeof event.policy === 'string');
  if (!valid) throw new Error('the schedule input must be {"job": "<job>", "args"?: ["..."], "policy"?: "<file>"}');
  const outcome = await runOnce(event.job, event.args ?? [], { db: process.env.RAMPART_DB, ...(event.policy !== undefined ? { policy: event.policy } : {}) });
  if (outcome.state === 'failed') throw new Error(`${event.job}: ${outcome.message}`);
  return { job: event.job, exitCode: outcome.exitCode };
}
