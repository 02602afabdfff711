import type { JobName } from '../policy/schema.ts';
import type { JobRun, JobRunState, Store } from '../store/index.ts';
import { outcomeOf } from './jobs.ts';
import { abandoned, currentOwner, ownerNote, type RunOwner } from './owner.ts';

export interface JobOutcome {
  state: JobRunState;
  /** The command's exit code; 0 for a skipped run, which is an expected outcome of overlapping schedules. */
  exitCode: number;
  message: string;
}

export interface RunJobOptions {
  store: Store;
  job: JobName;
  scheduledFor?: Date;
  /** Runs the job's command; its exit code and, on failure, the one-line error. */
  execute: () => Promise<{ code: number; error?: string }>;
  /** Told the run once it holds the job, so that an interrupted process can still close it. */
  onStart?: (run: JobRun) => void;
  clock?: () => Date;
  owner?: RunOwner;
  isAlive?: (pid: number) => boolean;
}

/** Runs one job unless a run of it is going on anywhere, and records how it went. */
export async function runJob(o: RunJobOptions): Promise<JobOutcome> {
  const clock = o.clock ?? (() => new Date());
  const owner = o.owner ?? currentOwner();
  const { run, heldBy } = await o.store.jobRuns.start({
    job: o.job,
    ...(o.scheduledFor ? { scheduledFor: o.scheduledFor } : {}),
    at: clock(),
    note: ownerNote(owner),
    abandoned: (r) => abandoned(r, clock(), owner, o.isAlive),
  });
  if (heldBy) return { state: 'skipped', exitCode: 0, message: run.message ?? 'skipped' };
  o.onStart?.(run);
  let result: { code: number; error?: string };
  try {
    result = await o.execute();
  } catch (err) {
    result = { code: 1, error: (err as Error)?.message ?? String(err) };
  }
  const { state, message } = outcomeOf(result.code, result.error);
  await o.store.jobRuns.finish(run.id, { state, at: clock(), message });
  return { state, exitCode: result.code, message };
}
