import { Command } from 'commander';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy/load.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { EXIT } from './errors.ts';
import type { SetExit } from './main.ts';

interface JobsFlags {
  policy?: string;
  db?: string;
  now?: Date;
  json?: boolean;
}

export function jobsCommand(setExit: SetExit): Command {
  const cmd = new Command('jobs')
    .description("The policy's scheduled jobs: cron expression, next run and how the last run went.")
    .option('--policy <file>', 'policy file with the schedules (default: rampart.yaml when it exists)')
    .option('--json', 'print the jobs as JSON');
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (flags: JobsFlags) => {
    const policy = await loadPolicy(flags.policy);
    const { Slots, wallClock } = await import('../schedule/slots.ts');
    const schedules = policy.config.schedules;
    const now = resolveNow(flags.now) ?? new Date();
    const store = await openDatabase(flags.db);
    let latest;
    try {
      latest = await store.jobRuns.latest();
    } finally {
      await store.close();
    }
    const timezone = schedules?.timezone ?? 'UTC';
    const jobs = Object.entries(schedules?.jobs ?? {}).map(([job, j]) => ({
      job,
      cron: j.cron,
      args: j.args,
      nextRun: new Slots(j.cron, timezone).next(now)?.toISOString() ?? null,
      lastRun: latest.get(job) ?? null,
    }));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ timezone, jobs }, null, 2)}\n`);
    } else if (jobs.length === 0) {
      process.stdout.write(`${policy.path ?? DEFAULT_POLICY_FILE} has no schedules: section\n`);
    } else {
      const rows = [
        ['JOB', 'CRON', `NEXT RUN (${timezone})`, 'LAST RUN'],
        ...jobs.map((j) => [
          j.job,
          j.cron,
          j.nextRun ? wallClock(new Date(j.nextRun), timezone) : '-',
          j.lastRun ? `${j.lastRun.state} ${wallClock(new Date(j.lastRun.startedAt), timezone)}${j.lastRun.message ? `: ${j.lastRun.message}` : ''}` : 'never',
        ]),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      process.stdout.write(rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ')).join('\n') + '\n');
    }
    setExit(EXIT.ok);
  });
  return cmd;
}
