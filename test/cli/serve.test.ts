import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { writeFileSync } from 'node:fs';
import { event, guardDutyPortProbe } from '../hub/fixtures.ts';
import { httpEndpoint } from '../notify/support.ts';
import { isLoopback } from '../../src/cli/serve.ts';
import { runCli } from './run-cli.ts';
import { startFakeIdp } from '../server/fake-idp.ts';

const ENTRY = fileURLToPath(new URL('../../src/cli/entry.ts', import.meta.url));
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
    const child = spawn(process.execPath, [ENTRY, 'serve', '--port', '0', '--db', db, '--policy', policy, '--now', '2024-05-03T00:00:00Z'], {
      env: { ...process.env, RAMPART_EVENTS_API_KEY: KEY, SIEM_URL: siem.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
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
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const store = await openStore(db);
    try {
      assert.equal((await store.findings({ source: 'guardduty' })).length, 1);
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
    const child = spawn(process.execPath, [ENTRY, 'serve', '--host', '0.0.0.0', '--port', '0', '--db', join(dir, 'oidc.db'), '--users', users, '--oidc-issuer', idp.issuer, '--oidc-client-id', idp.clientId, '--public-url', 'https://rampart.example.com/'], {
      env: { ...process.env, RAMPART_API_TOKEN: '', RAMPART_OIDC_CLIENT_SECRET: idp.clientSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    try {
      const port = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          const m = /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(stderr);
          if (m && stderr.includes('dashboard for')) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
      });
      const url = `http://127.0.0.1:${port}`;
      const session = await fetch(`${url}/api/session`);
      assert.equal(session.status, 401);
      assert.equal(((await session.json()) as { oidc?: boolean }).oidc, true);
      const login = await fetch(`${url}/auth/login`, { redirect: 'manual' });
      assert.equal(login.status, 302);
      const to = new URL(login.headers.get('location')!);
      assert.equal(`${to.origin}${to.pathname}`, `${idp.issuer}/authorize`);
      assert.equal(to.searchParams.get('redirect_uri'), 'https://rampart.example.com/auth/callback');
      assert.match(stderr, /dashboard sign-in through http:\/\/127\.0\.0\.1:\d+\/ at https:\/\/rampart\.example\.com\/auth\/login/);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      await idp.close();
    }
    assert.ok(!stderr.includes(idp.clientSecret));
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
