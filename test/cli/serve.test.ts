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

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.equal(isLoopback(h), true, h);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.1', 'example.com']) assert.equal(isLoopback(h), false, h);
  });
});
