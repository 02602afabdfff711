import { Command } from 'commander';
import { DEFAULT_POLICY_FILE, loadPolicy, owners, type Policy } from '../policy/load.ts';
import type { JobName } from '../policy/schema.ts';
import type { Scheduler } from '../schedule/scheduler.ts';
import type { Store } from '../store/index.ts';
import { MIN_API_KEY_LENGTH } from '../server/api-key.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { UsageError } from './errors.ts';
import type { SetExit } from './main.ts';
import { port, positiveInt } from './parse.ts';

/** Alerts for a burst of events go out together, a moment after the burst. */
const ALERT_DEBOUNCE_MS = 2_000;

interface ServeFlags {
  host: string;
  port: number;
  eventsApiKeyHeader: string;
  policy?: string;
  notifyEvery: number;
  users?: string;
  db?: string;
  now?: Date;
}

/** Only this machine can reach a loopback address, so an open dashboard there exposes nothing. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Runs the policy's schedules, each run a `rampart run --once` child on the same database, policy
 * and clock. The schedules themselves keep to the real clock: a fixed --now only fixes the date the
 * jobs judge, it would stop the schedules if they followed it.
 */
async function startSchedules(policy: Policy, store: Store, flags: ServeFlags, fixed: Date | undefined): Promise<Scheduler | undefined> {
  const schedules = policy.config.schedules;
  const jobs = Object.entries(schedules?.jobs ?? {}).map(([job, j]) => ({ job: job as JobName, cron: j.cron }));
  if (!schedules || jobs.length === 0) return undefined;
  const { Scheduler } = await import('../schedule/scheduler.ts');
  const { runJobProcess } = await import('../schedule/child.ts');
  const log = (line: string) => process.stderr.write(`rampart serve: ${line}\n`);
  const passOn = [
    ...(flags.db !== undefined ? ['--db', flags.db] : []),
    ...(policy.path !== undefined ? ['--policy', policy.path] : []),
    ...(fixed ? ['--now', fixed.toISOString()] : []),
  ];
  const scheduler = new Scheduler({
    timezone: schedules.timezone,
    jobs,
    run: async (job, slot, signal) => {
      log(`${job}: starting the run of ${slot.toISOString()}`);
      await runJobProcess({ job, slot, flags: passOn, signal, log });
    },
    skip: async (job, slot, message) => {
      await store.jobRuns.skip({ job, scheduledFor: slot, at: new Date(), message });
    },
    lastStart: async (job) => {
      const last = (await store.jobRuns.history(job, 1))[0];
      return last ? new Date(last.startedAt) : undefined;
    },
    log,
  });
  process.stderr.write(`rampart: running the schedules of ${policy.path ?? DEFAULT_POLICY_FILE} (${jobs.length} job(s), ${schedules.timezone})\n`);
  await scheduler.start();
  return scheduler;
}

export function serveCommand(setExit: SetExit): Command {
  const cmd = new Command('serve')
    .description('Serve the dashboard and its JSON API, run the policy\'s schedules, and receive EventBridge events (Security Hub, GuardDuty) at POST /events.')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on', port, 8080)
    .option('--events-api-key-header <name>', 'header carrying the events API key (the EventBridge connection\'s API key name)', 'x-api-key')
    .option('--policy <file>', 'policy file whose notifications: routes alert on findings as they arrive and whose schedules: run (default: rampart.yaml when it exists)')
    .option('--notify-every <seconds>', 'how often pending alerts are retried', positiveInt, 60)
    .option('--users <file>', 'dashboard users: a YAML list of { name, token_sha256, role: admin|viewer|account-owner, accounts }')
    .addHelpText(
      'after',
      `
The dashboard is at http://HOST:PORT/ and its JSON API under /api (described at /api/openapi.json).
On a loopback address with no users configured anyone who can connect acts as admin; on any other
address serve refuses to start without users (--users or RAMPART_API_TOKEN).

Environment:
  RAMPART_API_TOKEN       an admin token for the dashboard and API (at least ${MIN_API_KEY_LENGTH} characters)
  RAMPART_EVENTS_API_KEY  enables POST /events (at least ${MIN_API_KEY_LENGTH} characters)`,
    );
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (flags: ServeFlags) => {
    const { runNotify } = await import('../notify/deliver.ts');
    const { SerialTask } = await import('../server/serial-task.ts');
    const { createApp } = await import('../server/app.ts');
    const { loadChecks } = await import('../checks/registry.ts');
    const { controlsInForce } = await import('../compliance/compute.ts');
    const { envAdmin, loadUsers } = await import('../server/users.ts');
    const { listen } = await import('../server/start.ts');
    const apiKey = process.env.RAMPART_EVENTS_API_KEY || undefined;
    if (apiKey !== undefined && apiKey.length < MIN_API_KEY_LENGTH) {
      throw new UsageError(`RAMPART_EVENTS_API_KEY is shorter than ${MIN_API_KEY_LENGTH} characters`);
    }
    const fixed = resolveNow(flags.now);
    const now = () => fixed ?? new Date();
    const policy = await loadPolicy(flags.policy);
    const admin = envAdmin(process.env.RAMPART_API_TOKEN);
    const users = [...(admin ? [admin] : []), ...(flags.users ? await loadUsers(flags.users) : [])];
    if (users.length === 0 && !isLoopback(flags.host)) {
      throw new UsageError(`refusing to serve the dashboard on ${flags.host} without authentication: set RAMPART_API_TOKEN or --users (or listen on 127.0.0.1)`);
    }
    const alerts = policy.config.notifications;
    const store = await openDatabase(flags.db);
    const log = (line: string) => process.stderr.write(`rampart serve: ${line}\n`);
    const notifier = alerts
      ? new SerialTask(
          async () => {
            const result = await runNotify({
              store,
              config: alerts,
              owners: owners(policy, await store.accounts()),
              now: now(),
              secrets: { env: process.env, ...(policy.secretsFile ? { file: policy.secretsFile } : {}) },
              log,
            });
            for (const failure of result.failures) log(failure);
          },
          { intervalMs: flags.notifyEvery * 1000, debounceMs: ALERT_DEBOUNCE_MS, log },
        )
      : undefined;
    const app = createApp({
      store,
      events: { apiKey, header: flags.eventsApiKeyHeader.toLowerCase() },
      now,
      ...(notifier ? { onStored: () => notifier.kick() } : {}),
      dashboard: {
        context: { store, policy, controls: controlsInForce(policy.config, await loadChecks()), now },
        access: { users, open: users.length === 0, now },
      },
    });
    let server;
    try {
      server = await listen(app, flags.host, flags.port);
    } catch (err) {
      await store.close();
      throw new UsageError(`cannot listen on ${flags.host}:${flags.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    process.stderr.write(`rampart: listening on ${server.url}${apiKey ? '' : ' (POST /events disabled: RAMPART_EVENTS_API_KEY is not set)'}\n`);
    process.stderr.write(users.length ? `rampart: dashboard for ${users.length} user${users.length > 1 ? 's' : ''}\n` : 'rampart: dashboard open to anyone who can connect to this loopback address\n');
    if (notifier) {
      process.stderr.write(`rampart: alerting by the routes in ${policy.path ?? DEFAULT_POLICY_FILE}\n`);
      notifier.start();
    }
    const scheduler = await startSchedules(policy, store, flags, fixed);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await scheduler?.stop();
    await notifier?.stop();
    await store.close();
    setExit(0);
  });
  return cmd;
}
