import { Command, Option } from 'commander';
import { loadPolicy } from '../policy/load.ts';
import { JOBS, type JobName } from '../policy/schema.ts';
import type { JobOutcome } from '../schedule/run-job.ts';
import type { JobRun } from '../store/index.ts';
import { addDbOption, addNowOption, openDatabase } from './common.ts';
import { UsageError } from './errors.ts';
import type { SetExit } from './main.ts';
import { instant } from './parse.ts';

interface RunFlags {
  once?: boolean;
  scheduledFor?: Date;
  policy?: string;
  db?: string;
  now?: Date;
}

/** Exit code of a process ended by a signal, as shells report it. */
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * The flags of `run` the job's command also takes, so that the job works on the same database,
 * policy and clock. Read from the command itself, so a command added later is served alike.
 */
async function sharedFlags(command: readonly string[], flags: Omit<RunFlags, 'once'>): Promise<string[]> {
  const { program } = await import('./main.ts');
  let cmd: Command | undefined = program(() => undefined);
  for (const name of command) cmd = cmd?.commands.find((c) => c.name() === name);
  const takes = (long: string) => cmd?.options.some((o) => o.long === long) ?? false;
  return [
    ...(flags.db !== undefined && takes('--db') ? ['--db', flags.db] : []),
    ...(flags.policy !== undefined && takes('--policy') ? ['--policy', flags.policy] : []),
    ...(flags.now !== undefined && takes('--now') ? ['--now', flags.now.toISOString()] : []),
  ];
}

/**
 * Runs one job now unless it is running anywhere on the database, through this program's own
 * command for it, and records the run. `args` replace the policy's when there are any.
 */
export async function runOnce(job: string, args: readonly string[], flags: Omit<RunFlags, 'once'>): Promise<JobOutcome> {
  if (!(JOBS as readonly string[]).includes(job)) throw new UsageError(`unknown job '${job}'; known: ${JOBS.join(', ')}`);
  const name = job as JobName;
  const policy = await loadPolicy(flags.policy);
  const { JOB_COMMANDS } = await import('../schedule/jobs.ts');
  const { runJob } = await import('../schedule/run-job.ts');
  const command = JOB_COMMANDS[name];
  const jobArgs = args.length > 0 ? args : (policy.config.schedules?.jobs[name]?.args ?? []);
  const argv = [...command, ...(await sharedFlags(command, flags)), ...jobArgs];
  const store = await openDatabase(flags.db);
  let current: JobRun | undefined;
  // A stopped run is closed as failed before the process goes, rather than left for the stale check.
  const interrupted = (signal: NodeJS.Signals) => {
    const close = current ? store.jobRuns.finish(current.id, { state: 'failed', at: new Date(), message: `interrupted by ${signal}` }) : Promise.resolve();
    void close.finally(() => process.exit(SIGNAL_EXIT[signal] ?? 1));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const { main } = await import('./main.ts');
    return await runJob({
      store,
      job: name,
      ...(flags.scheduledFor ? { scheduledFor: flags.scheduledFor } : {}),
      onStart: (run) => (current = run),
      execute: async () => {
        let error: string | undefined;
        const code = await main(argv, (message) => (error = message));
        return { code, ...(error !== undefined ? { error } : {}) };
      },
    });
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await store.close();
  }
}

export function runCommand(setExit: SetExit): Command {
  const cmd = new Command('run')
    .description(
      'Run one job of the schedules now, with the arguments the policy gives it (or those after --): for cron, EventBridge Scheduler or Lambda. ' +
        'A job already running anywhere on the same database is skipped, logged and recorded; the exit code is the job\'s.',
    )
    .argument('<job>', `the job: ${JOBS.join(', ')}`)
    .argument('[args...]', "the job's arguments after --, instead of schedules.jobs.<job>.args")
    .option('--once', 'run it once, now (schedules themselves are run by rampart serve)')
    .option('--policy <file>', 'policy file with the schedules (default: rampart.yaml when it exists)')
    // Set by rampart serve for the runs it starts; the slot a run was for is what makes up missed slots.
    .addOption(new Option('--scheduled-for <iso-time>').argParser(instant).hideHelp());
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (job: string, args: string[], flags: RunFlags) => {
    if (!flags.once) throw new UsageError('run needs --once: it runs one job now (rampart serve runs the schedules)');
    const outcome = await runOnce(job, args, flags);
    process.stderr.write(`rampart: ${job}: ${outcome.state === 'skipped' ? outcome.message : `${outcome.state} (${outcome.message})`}\n`);
    setExit(outcome.exitCode);
  });
  return cmd;
}
