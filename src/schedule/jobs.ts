import type { JobName } from '../policy/schema.ts';

/**
 * The CLI command each job runs. A job is only a name for a command: `rampart run --once digest`
 * runs whatever `rampart digest` is, with the job's arguments.
 */
export const JOB_COMMANDS: Readonly<Record<JobName, readonly string[]>> = {
  scan: ['scan'],
  'import-securityhub': ['import', 'securityhub'],
  'import-guardduty': ['import', 'guardduty'],
  compliance: ['compliance'],
  escalate: ['escalate'],
  digest: ['digest'],
  notify: ['notify'],
  'export-securityhub': ['export', 'securityhub'],
};

/** Exit codes of a command that ran to its end: the run is `ok`, with the code's meaning noted. */
const COMPLETED: ReadonlyMap<number, string> = new Map([
  [0, 'exit 0'],
  [2, 'exit 2: findings at or above --fail-on'],
  [3, 'exit 3: completed with errors (partial results recorded)'],
]);

/** What an exit code says of a run: state and the message kept with it. */
export function outcomeOf(code: number, error?: string): { state: 'ok' | 'failed'; message: string } {
  const completed = COMPLETED.get(code);
  if (completed) return { state: 'ok', message: completed };
  return { state: 'failed', message: error ? `exit ${code}: ${error}` : `exit ${code}` };
}
