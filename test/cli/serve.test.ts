import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Slots } from '../../src/schedule/slots.ts';
import { openStore } from '../../src/store/index.ts';
import { writeFileSync } from 'node:fs';
import { ACCOUNT, event, guardDutyPortProbe, iamRootMfaControl } from '../hub/fixtures.ts';
import { httpEndpoint } from '../notify/support.ts';
import { isLoopback } from '../../src/cli/serve.ts';
import { runCli } from './run-cli.ts';
import { startServe } from '../support/serve.ts';
import { startFakeIdp } from '../server/fake-idp.ts';

const KEY = 'serve-test-key-0123456789';

describe('rampart serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-serve-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('listens on 127.0.0.1, stores POSTed events, alerts on them by the policy, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'serve.db');
    const siem = await httpEndpoint('/siem');
    const policy = join(dir, 'rampart.yaml');
    writeFileSync(
      policy,
      `notifications:
  channels:
    siem: { type: webhook, url: { env: SIEM_URL } }
  routes:
    - { name: threats, sources: [guardduty], min_severity: medium, channels: [siem] }
`,
    );
    const { url, stop } = await startServe(['--db', db, '--policy', policy, '--now', '2024-05-03T00:00:00Z'], { env: { RAMPART_EVENTS_API_KEY: KEY, SIEM_URL: siem.url } });
    const res = await fetch(`${url}/events`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify(event('aws.guardduty', 'GuardDuty Finding', guardDutyPortProbe())),
    });
    assert.equal(res.status, 200);
    // The alert follows the event without anyone running `rampart notify`.
    for (let i = 0; i < 100 && siem.accepted().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const [alert] = siem.accepted() as { findings?: { source: string; severity: string }[] }[];
    assert.deepEqual(alert?.findings?.map((f) => [f.source, f.severity]), [['guardduty', 'medium']]);
    await siem.close();
    assert.equal(await stop(), 0);
    const store = await openStore(db);
    try {
      assert.equal((await store.findings({ source: 'guardduty' })).length, 1);
    } finally {
      await store.close();
    }
  });

  it("judges the day's compliance after findings arrive by POST /events, at most every --judge-every seconds", async () => {
    const db = join(dir, 'judge.db');
    const { url, stderr, stop } = await startServe(['--db', db, '--judge-every', '1', '--now', '2024-05-03T00:00:00Z'], { env: { RAMPART_EVENTS_API_KEY: KEY } });
    let code: number | null;
    try {
      const res = await fetch(`${url}/events`, {
        method: 'POST',
        headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
        body: JSON.stringify(event('aws.securityhub', 'Security Hub Findings - Imported', { findings: [iamRootMfaControl('us-east-1')] })),
      });
      assert.equal(res.status, 200);
      for (let i = 0; i < 100 && !/compliance 2024-05-03/.test(stderr()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(stderr(), /compliance 2024-05-03: 0\.0% compliant \(0\/1 account-controls\) across 1 account\(s\)/);
    } finally {
      code = await stop();
    }
    assert.equal(code, 0);
    const store = await openStore(db);
    try {
      const rows = await store.compliance.readDaily({ day: '2024-05-03' });
      assert.deepEqual(rows.map((r) => [r.accountId, r.control, r.status]), [[ACCOUNT, 'securityhub/IAM.6', 'non_compliant']]);
    } finally {
      await store.close();
    }
  });

  it('runs the policy schedules: a job that missed its slot while serve was down runs once at start, in a child, recorded; SIGTERM stops it cleanly', async () => {
    const db = join(dir, 'schedules.db');
    const policy = join(dir, 'schedules.yaml');
    writeFileSync(policy, "schedules:\n  timezone: Europe/Berlin\n  jobs:\n    compliance: { cron: '30 5 * * *', args: [--json] }\n    escalate: { cron: '0 9 1 1 *' }\n");
    const seeded = await openStore(db);
    try {
      const { run } = await seeded.jobRuns.start({ job: 'compliance', at: new Date('2020-01-01T04:30:00Z'), note: 'running as pid 1 on elsewhere', abandoned: () => false });
      await seeded.jobRuns.finish(run.id, { state: 'ok', at: new Date('2020-01-01T04:31:00Z'), message: 'exit 0' });
    } finally {
      await seeded.close();
    }
    const serve = await startServe(['--db', db, '--policy', policy, '--now', '2025-06-15T06:00:00Z'], { env: { RAMPART_EVENTS_API_KEY: '' }, ready: /compliance: exited \d+/ });
    assert.equal(await serve.stop(), 0);
    const stderr = serve.stderr();
    const slot = new Slots('30 5 * * *', 'Europe/Berlin').last(new Date(Date.now() - 60_000))!;
    assert.match(stderr, new RegExp(`rampart: running the schedules of ${policy.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(2 job\\(s\\), Europe/Berlin\\)`));
    assert.match(stderr, /rampart serve: compliance: missed the run of \S+ \(last started 2020-01-01T04:30:00.000Z\); running it now, once/);
    assert.match(stderr, /rampart serve: escalate: next run \d{4}-01-01 09:00 Europe\/Berlin/);
    // The job's own output (its --json report, judged as of --now) goes to the log, line by line.
    assert.match(stderr, /rampart serve: compliance: {3}"day": "2025-06-15",/);
    assert.match(stderr, /rampart serve: compliance: ok \(exit 0\)\nrampart serve: compliance: exited 0\n/);
    const store = await openStore(db);
    try {
      const [latest] = await store.jobRuns.history('compliance', 1);
      assert.deepEqual([latest?.state, latest?.message, latest?.scheduledFor], ['ok', 'exit 0', slot.toISOString()]);
      assert.deepEqual(await store.jobRuns.history('escalate'), []);
    } finally {
      await store.close();
    }
  });

  it('on SIGTERM stops a scheduled job that is running: the job closes its run as interrupted, serve exits 0', async () => {
    const db = join(dir, 'interrupted.db');
    const policy = join(dir, 'interrupted.yaml');
    // An AWS endpoint that accepts connections and never answers keeps the scan going.
    const sockets: Socket[] = [];
    const blackhole = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(blackhole.address() as { port: number }).port}`;
    writeFileSync(policy, `schedules:\n  jobs:\n    scan: { cron: '0 2 * * *', args: [--endpoint-url, '${endpoint}', --regions, us-east-1, --no-progress] }\n`);
    const seeded = await openStore(db);
    try {
      const { run } = await seeded.jobRuns.start({ job: 'scan', at: new Date('2020-01-01T02:00:00Z'), note: 'running as pid 1 on elsewhere', abandoned: () => false });
      await seeded.jobRuns.finish(run.id, { state: 'ok', at: new Date('2020-01-01T02:30:00Z'), message: 'exit 0' });
    } finally {
      await seeded.close();
    }
    const { child, stderr, stop } = await startServe(['--db', db, '--policy', policy], {
      env: { RAMPART_EVENTS_API_KEY: '', AWS_ACCESS_KEY_ID: 'AKIAEMULATOR0000SRV1', AWS_SECRET_ACCESS_KEY: 'not-a-secret', AWS_REGION: 'us-east-1', AWS_PROFILE: '' },
    });
    try {
      let running = false;
      for (let i = 0; i < 200 && !running; i++) {
        const store = await openStore(db);
        running = await store.jobRuns.history('scan', 1).then(([r]) => r?.state === 'running').finally(() => store.close());
        if (!running) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(running, `the scheduled scan never started: ${stderr()}`);
      assert.equal(await stop(), 0);
    } finally {
      child.kill('SIGKILL');
      for (const s of sockets) s.destroy();
      blackhole.close();
    }
    assert.match(stderr(), /rampart serve: scan: exited 143\n/);
    const store = await openStore(db);
    try {
      const [latest] = await store.jobRuns.history('scan', 1);
      assert.deepEqual([latest?.state, latest?.message], ['failed', 'interrupted by SIGTERM']);
    } finally {
      await store.close();
    }
  });

  it('refuses a short events key and a port in use with one line, exit 1', async () => {
    const short = await runCli(['serve', '--port', '0', '--db', join(dir, 'a.db')], { env: { RAMPART_EVENTS_API_KEY: 'short' } });
    assert.equal(short.code, 1);
    assert.match(short.stderr, /^rampart: RAMPART_EVENTS_API_KEY is shorter than 16 characters\n$/);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const busy = await runCli(['serve', '--port', String(port), '--db', join(dir, 'b.db')], { env: { RAMPART_EVENTS_API_KEY: '' } });
      assert.equal(busy.code, 1);
      assert.match(busy.stderr, new RegExp(`^rampart: cannot listen on 127.0.0.1:${port}: EADDRINUSE\\n$`));
    } finally {
      blocker.close();
    }
    const badPort = await runCli(['serve', '--port', '70000']);
    assert.equal(badPort.code, 1);
    assert.match(badPort.stderr, /not a port number/);
  });

  it('refuses to serve the dashboard beyond loopback without users, and names a bad users file by line', async () => {
    const exposed = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--db', join(dir, 'c.db')], { env: { RAMPART_API_TOKEN: '' } });
    assert.equal(exposed.code, 1);
    assert.match(exposed.stderr, /^rampart: refusing to serve the dashboard on 0\.0\.0\.0 without authentication: set RAMPART_API_TOKEN or --users/);
    const shortToken = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--db', join(dir, 'c.db')], { env: { RAMPART_API_TOKEN: 'short' } });
    assert.equal(shortToken.code, 1);
    assert.match(shortToken.stderr, /^rampart: RAMPART_API_TOKEN is shorter than 16 characters\n$/);
    const users = join(dir, 'users.yaml');
    writeFileSync(users, `- name: alice\n  token_sha256: ${'a'.repeat(64)}\n  role: account-owner\n- name: bob\n  token_sha256: nothex\n  role: viewer\n`);
    const badUsers = await runCli(['serve', '--users', users, '--port', '0', '--db', join(dir, 'c.db')]);
    assert.equal(badUsers.code, 1);
    assert.match(badUsers.stderr, /users\.yaml:1:3: \[0\]\.accounts: an account-owner needs accounts/);
    assert.match(badUsers.stderr, /\(and 1 more\)/);
  });

  it('serves beyond loopback with OIDC sign-in configured, never printing the client secret', async () => {
    const idp = await startFakeIdp();
    const users = join(dir, 'oidc-users.yaml');
    writeFileSync(users, '- { name: alice, email: alice@example.com, role: admin }\n');
    const serve = await startServe(
      ['--host', '0.0.0.0', '--db', join(dir, 'oidc.db'), '--users', users, '--oidc-issuer', idp.issuer, '--oidc-client-id', idp.clientId, '--public-url', 'https://rampart.example.com/'],
      { env: { RAMPART_API_TOKEN: '', RAMPART_OIDC_CLIENT_SECRET: idp.clientSecret }, ready: /dashboard for/ },
    );
    let code: number | null;
    try {
      const { url } = serve;
      const session = await fetch(`${url}/api/session`);
      assert.equal(session.status, 401);
      assert.equal(((await session.json()) as { oidc?: boolean }).oidc, true);
      const login = await fetch(`${url}/auth/login`, { redirect: 'manual' });
      assert.equal(login.status, 302);
      const to = new URL(login.headers.get('location')!);
      assert.equal(`${to.origin}${to.pathname}`, `${idp.issuer}/authorize`);
      assert.equal(to.searchParams.get('redirect_uri'), 'https://rampart.example.com/auth/callback');
      assert.match(serve.stderr(), /dashboard sign-in through http:\/\/127\.0\.0\.1:\d+\/ at https:\/\/rampart\.example\.com\/auth\/login/);
    } finally {
      code = await serve.stop();
      await idp.close();
    }
    assert.equal(code, 0);
    assert.ok(!serve.stderr().includes(idp.clientSecret));
  });

  it('checks the OIDC settings before starting, with one line each', async () => {
    const idp = await startFakeIdp();
    const users = join(dir, 'oidc-users.yaml');
    writeFileSync(users, '- { name: alice, email: alice@example.com, role: admin }\n');
    const base = ['serve', '--port', '0', '--db', join(dir, 'd.db')];
    const env = { RAMPART_API_TOKEN: '', RAMPART_OIDC_CLIENT_SECRET: idp.clientSecret };
    const oidc = ['--users', users, '--oidc-issuer', idp.issuer, '--oidc-client-id', 'rampart-dashboard', '--public-url', 'https://rampart.example.com'];
    const dead = await startFakeIdp();
    await dead.close();
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--users', users], env, /^rampart: user 'alice' has only an email, which signs in through OIDC: set --oidc-issuer/],
      [['--public-url', 'https://x.example'], env, /^rampart: --public-url applies only with --oidc-issuer\n$/],
      [['--users', users, '--oidc-issuer', idp.issuer, '--public-url', 'https://x.example'], env, /^rampart: --oidc-issuer needs --oidc-client-id\n$/],
      [['--users', users, '--oidc-issuer', idp.issuer, '--oidc-client-id', 'x'], env, /^rampart: --oidc-issuer needs --public-url/],
      [oidc, { ...env, RAMPART_OIDC_CLIENT_SECRET: '' }, /^rampart: RAMPART_OIDC_CLIENT_SECRET is not set/],
      [[...oidc.slice(0, 3), 'http://idp.example.com', ...oidc.slice(4)], env, /^rampart: --oidc-issuer: 'http:\/\/idp\.example\.com' must be https:\/\//],
      [[...oidc.slice(0, -1), 'rampart.example.com'], env, /^rampart: --public-url: 'rampart\.example\.com' is not a URL\n$/],
      [[...oidc, '--oidc-default-role', 'admin'], env, /^rampart: option '--oidc-default-role <role>' argument 'admin' is invalid/],
      [oidc.slice(2), env, /^rampart: --oidc-issuer: no user has an email: and --oidc-default-role is none/],
      [[...oidc.slice(0, 3), dead.issuer, ...oidc.slice(4)], env, new RegExp(`^rampart: cannot discover the OIDC issuer ${dead.issuer}/: fetch failed: .*ECONNREFUSED.*\\n$`)],
      [oidc, { ...env, RAMPART_SESSION_SECRET: 'short' }, /^rampart: RAMPART_SESSION_SECRET is shorter than 16 characters\n$/],
    ];
    try {
      for (const [args, caseEnv, expected] of cases) {
        const r = await runCli([...base, ...args], { env: caseEnv });
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, expected, args.join(' '));
        assert.ok(!r.stderr.includes(idp.clientSecret));
      }
    } finally {
      await idp.close();
    }
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.equal(isLoopback(h), true, h);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.1', 'example.com']) assert.equal(isLoopback(h), false, h);
  });
});
