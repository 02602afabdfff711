import { Command, Option } from 'commander';
import { DEFAULT_POLICY_FILE, loadPolicy, owners, type Policy } from '../policy/load.ts';
import type { JobName } from '../policy/schema.ts';
import type { Scheduler } from '../schedule/scheduler.ts';
import type { Store } from '../store/index.ts';
import { MIN_API_KEY_LENGTH } from '../server/api-key.ts';
import { currentStreaks } from '../server/api/streaks.ts';
import type { OidcSettings } from '../server/oidc.ts';
import { DEFAULT_ROLES, type DashboardUser, type DefaultRole } from '../server/users.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { UsageError } from './errors.ts';
import { dayOf, judgeRunDay } from './judge-day.ts';
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
  judgeEvery: number;
  users?: string;
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcDefaultRole?: DefaultRole;
  publicUrl?: string;
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

function parseUrl(flag: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag}: '${value}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${flag}: '${value}' is not an http(s) URL`);
  if (url.search || url.hash || url.username || url.password) throw new UsageError(`${flag}: '${value}' must have no query, fragment or credentials`);
  return url;
}

/** The OIDC flags, checked together (undefined: OIDC is not configured); the secret only ever comes from the environment. */
function oidcSettings(flags: ServeFlags, users: readonly DashboardUser[], env: NodeJS.ProcessEnv): Omit<OidcSettings, 'sessionKey' | 'log'> | undefined {
  const emailOnly = users.find((u) => u.tokenSha256 === undefined);
  if (flags.oidcIssuer === undefined) {
    const stray = flags.oidcClientId !== undefined ? '--oidc-client-id' : flags.publicUrl !== undefined ? '--public-url' : flags.oidcDefaultRole !== undefined ? '--oidc-default-role' : undefined;
    if (stray) throw new UsageError(`${stray} applies only with --oidc-issuer`);
    if (emailOnly) throw new UsageError(`user '${emailOnly.user}' has only an email, which signs in through OIDC: set --oidc-issuer, or give the user a token_sha256`);
    return undefined;
  }
  if (flags.oidcClientId === undefined) throw new UsageError('--oidc-issuer needs --oidc-client-id');
  if (flags.publicUrl === undefined) throw new UsageError("--oidc-issuer needs --public-url, the dashboard's address as browsers reach it (the redirect URI is <public-url>/auth/callback)");
  const clientSecret = env.RAMPART_OIDC_CLIENT_SECRET;
  if (!clientSecret) throw new UsageError('RAMPART_OIDC_CLIENT_SECRET is not set: OIDC sign-in needs the client secret');
  const issuer = parseUrl('--oidc-issuer', flags.oidcIssuer);
  // The issuer's keys and tokens travel over this connection, so only a provider on this machine may skip TLS.
  const allowHttp = isLoopback(issuer.hostname);
  if (issuer.protocol !== 'https:' && !allowHttp) throw new UsageError(`--oidc-issuer: '${flags.oidcIssuer}' must be https:// (plain http only for a provider on this machine)`);
  const publicUrl = parseUrl('--public-url', flags.publicUrl);
  const defaultRole = flags.oidcDefaultRole ?? 'none';
  if (defaultRole === 'none' && !users.some((u) => u.email !== undefined)) {
    throw new UsageError('--oidc-issuer: no user has an email: and --oidc-default-role is none, so nobody could sign in through OIDC');
  }
  return { issuer, clientId: flags.oidcClientId, clientSecret, publicUrl, defaultRole, allowHttp };
}

export function serveCommand(setExit: SetExit): Command {
  const cmd = new Command('serve')
    .description('Serve the dashboard and its JSON API, run the policy\'s schedules, and receive EventBridge events (Security Hub, GuardDuty) at POST /events.')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on', port, 8080)
    .option('--events-api-key-header <name>', 'header carrying the events API key (the EventBridge connection\'s API key name)', 'x-api-key')
    .option('--policy <file>', 'policy file whose notifications: routes alert on findings as they arrive and whose schedules: run (default: rampart.yaml when it exists)')
    .option('--notify-every <seconds>', 'how often pending alerts are retried', positiveInt, 60)
    .option('--judge-every <seconds>', "after findings arrive at POST /events, judge the day's compliance at most this often", positiveInt, 300)
    .option('--users <file>', 'dashboard users: a YAML list of { name, token_sha256 and/or email, role: admin|viewer|account-owner, accounts }')
    .option('--oidc-issuer <url>', 'sign in through this OpenID Connect provider (discovered at <url>/.well-known/openid-configuration)')
    .option('--oidc-client-id <id>', "the dashboard's client id at the OIDC provider (its secret: RAMPART_OIDC_CLIENT_SECRET)")
    .option('--public-url <url>', "the dashboard's address as browsers reach it, for the OIDC redirect URI <url>/auth/callback")
    .addOption(new Option('--oidc-default-role <role>', 'what a verified OIDC email that no user has gets (default: none, refused)').choices(DEFAULT_ROLES))
    .addHelpText(
      'after',
      `
The dashboard is at http://HOST:PORT/ and its JSON API under /api (described at /api/openapi.json).
On a loopback address with no users configured anyone who can connect acts as admin; on any other
address serve refuses to start without authentication (--users, RAMPART_API_TOKEN or --oidc-issuer).
With OIDC, people sign in at /auth/login; the provider must assert email_verified, and the email maps
to the users file entry with that email: (or, with --oidc-default-role viewer, to a viewer).

Environment:
  RAMPART_API_TOKEN           an admin token for the dashboard and API (at least ${MIN_API_KEY_LENGTH} characters)
  RAMPART_EVENTS_API_KEY      enables POST /events (at least ${MIN_API_KEY_LENGTH} characters)
  RAMPART_OIDC_CLIENT_SECRET  the OIDC client secret (required with --oidc-issuer)
  RAMPART_SESSION_SECRET      signs OIDC sessions, so they survive restarts (default: a random key
                              per start; at least ${MIN_API_KEY_LENGTH} characters)`,
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
    const { discoverOidc, OidcSetupError } = await import('../server/oidc.ts');
    const { sessionKey } = await import('../server/session.ts');
    const { listen } = await import('../server/start.ts');
    const apiKey = process.env.RAMPART_EVENTS_API_KEY || undefined;
    if (apiKey !== undefined && apiKey.length < MIN_API_KEY_LENGTH) {
      throw new UsageError(`RAMPART_EVENTS_API_KEY is shorter than ${MIN_API_KEY_LENGTH} characters`);
    }
    const fixed = resolveNow(flags.now);
    const now = () => fixed ?? new Date();
    const policy = await loadPolicy(flags.policy);
    const admin = envAdmin(process.env.RAMPART_API_TOKEN);
    const fileUsers = flags.users ? await loadUsers(flags.users) : [];
    const twin = admin && fileUsers.find((u) => u.tokenSha256 === admin.tokenSha256);
    if (twin) throw new UsageError(`RAMPART_API_TOKEN is also the token of user '${twin.user}' in ${flags.users}: give each its own`);
    const users = [...(admin ? [admin] : []), ...fileUsers];
    const oidcWanted = oidcSettings(flags, users, process.env);
    if (users.length === 0 && !oidcWanted && !isLoopback(flags.host)) {
      throw new UsageError(`refusing to serve the dashboard on ${flags.host} without authentication: set RAMPART_API_TOKEN or --users, or --oidc-issuer (or listen on 127.0.0.1)`);
    }
    const sessionSecret = process.env.RAMPART_SESSION_SECRET || undefined;
    if (sessionSecret !== undefined && sessionSecret.length < MIN_API_KEY_LENGTH) {
      throw new UsageError(`RAMPART_SESSION_SECRET is shorter than ${MIN_API_KEY_LENGTH} characters`);
    }
    const log = (line: string) => process.stderr.write(`rampart serve: ${line}\n`);
    const key = sessionKey(sessionSecret);
    let oidc;
    try {
      oidc = oidcWanted && (await discoverOidc({ ...oidcWanted, sessionKey: key, log }));
    } catch (err) {
      throw err instanceof OidcSetupError ? new UsageError(err.message) : err;
    }
    const alerts = policy.config.notifications;
    const store = await openDatabase(flags.db);
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
    // Pushed findings count for compliance like imported ones: their day is judged again
    // --judge-every seconds after the first findings stored since the last judgement, with all
    // that arrived meanwhile; never more often, as a judgement of 1,000 accounts takes seconds of CPU.
    // Findings stored just before midnight are judged into their own day, not the next.
    // The dashboard's current streaks read from the whole history: read at start and after each
    // judgement here, so that no page view waits for them.
    const readStreaks = async () => {
      const day = await store.dashboard.latestDay(dayOf(now()));
      if (day) await currentStreaks(store, day, undefined);
    };
    const arrived = new Map<string, Date>();
    const judge = apiKey
      ? new SerialTask(
          async () => {
            const days = [...arrived].sort(([a], [b]) => a.localeCompare(b));
            arrived.clear();
            for (const [, at] of days) log((await judgeRunDay(store, policy, at)).line);
            await readStreaks();
          },
          { debounceMs: flags.judgeEvery * 1000, throttle: true, log },
        )
      : undefined;
    const app = createApp({
      store,
      events: { apiKey, header: flags.eventsApiKeyHeader.toLowerCase() },
      now,
      onStored: () => {
        notifier?.kick();
        if (judge) {
          const at = now();
          arrived.set(dayOf(at), at);
          judge.kick();
        }
      },
      dashboard: {
        context: { store, policy, controls: controlsInForce(policy.config, await loadChecks()), now },
        access: { users, open: users.length === 0 && !oidc, now, sessionKey: key, ...(oidc ? { oidc } : {}) },
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
    if (oidcWanted) process.stderr.write(`rampart: dashboard sign-in through ${oidcWanted.issuer.href} at ${oidcWanted.publicUrl.href.replace(/\/+$/, '')}/auth/login\n`);
    if (users.length || !oidcWanted) process.stderr.write(users.length ? `rampart: dashboard for ${users.length} user${users.length > 1 ? 's' : ''}\n` : 'rampart: dashboard open to anyone who can connect to this loopback address\n');
    if (notifier) {
      process.stderr.write(`rampart: alerting by the routes in ${policy.path ?? DEFAULT_POLICY_FILE}\n`);
      notifier.start();
    }
    const warming = readStreaks().catch((err: unknown) => log(`cannot read the current streaks: ${(err as Error)?.message ?? String(err)}`));
    const scheduler = await startSchedules(policy, store, flags, fixed);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await scheduler?.stop();
    await notifier?.stop();
    await judge?.stop();
    await warming;
    await store.close();
    setExit(0);
  });
  return cmd;
}
