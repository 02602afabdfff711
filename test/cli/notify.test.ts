import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { httpEndpoint } from '../notify/support.ts';
import { finding, scan } from '../store/support.ts';
import { runCli } from './run-cli.ts';

const dir = await mkdtemp(join(tmpdir(), 'rampart-notify-cli-'));
const T0 = '2026-11-20T06:00:00.000Z';
const NOW = '2026-11-20T07:00:00Z';
const TOKEN = 'T0/B0/cli-secret-token';

const policy = join(dir, 'rampart.yaml');
await writeFile(
  policy,
  `notifications:
  channels:
    sec-slack: { type: slack, webhook_url: { env: SLACK_URL } }
  routes:
    - { name: high, min_severity: high, channels: [sec-slack] }
owners:
  accounts:
    '111111111111': { owners: [{ slack: '<@U0ALICE>' }] }
`,
);

async function database(): Promise<string> {
  const db = join(dir, `r-${Math.random().toString(36).slice(2)}.db`);
  const store = await openStore(db);
  await store.recordScan(
    scan('s1', T0),
    [
      finding({ checkId: 'iam_root_mfa_enabled', severity: 'critical', observedAt: T0, title: 'Root user has MFA enabled' }),
      finding({ checkId: 'kms_key_rotation_enabled', severity: 'medium', observedAt: T0 }),
    ],
    [{ id: '111111111111', name: 'prod' }],
  );
  await store.close();
  return db;
}

const slack = await httpEndpoint(`/services/${TOKEN}`);
after(() => slack.close());

describe('rampart notify', () => {
  it('sends, then sends nothing on the next run', async () => {
    const db = await database();
    const env = { SLACK_URL: slack.url };
    const before = slack.received.length;
    const first = await runCli(['notify', '--policy', policy, '--db', db, '--now', NOW], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(
      first.stdout,
      [
        '1 route matches, 1 new',
        'high → sec-slack: sent 1 message (1 finding)',
        '  CRITICAL Root user has MFA enabled — 111111111111 (prod), us-east-1',
        '',
      ].join('\n'),
    );
    assert.equal(slack.received.length, before + 1);
    assert.match(JSON.parse(slack.received.at(-1)?.body ?? '{}').text, /^<@U0ALICE> CRITICAL finding in 111111111111 \(prod\)/);
    const second = await runCli(['notify', '--policy', policy, '--db', db, '--now', NOW, '--json'], { env });
    assert.equal(second.code, 0);
    assert.deepEqual(JSON.parse(second.stdout).deliveries, []);
    assert.equal(slack.received.length, before + 1);
  });

  it('a dry run sends nothing and records nothing', async () => {
    const db = await database();
    const before = slack.received.length;
    const dry = await runCli(['notify', '--policy', policy, '--db', db, '--now', NOW, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^dry run: nothing is sent and nothing is recorded\n1 route matches, 1 new \(would be queued\)\nhigh → sec-slack: would send 1 message/);
    assert.equal(slack.received.length, before);
    const store = await openStore(db);
    try {
      assert.deepEqual(await store.outbox.due('2030-01-01T00:00:00.000Z'), []);
    } finally {
      await store.close();
    }
  });

  it('exits 3 with one line per failed channel while the channel is down, never printing the webhook URL', async () => {
    const db = await database();
    slack.reply = (req) => ({ status: 502, body: `bad gateway for ${req.path}` });
    try {
      const r = await runCli(['notify', '--policy', policy, '--db', db, '--now', NOW], { env: { SLACK_URL: slack.url } });
      assert.equal(r.code, 3);
      assert.match(r.stderr, /^rampart: high → sec-slack: HTTP 502: bad gateway for \*\*\* \(1 pending, next attempt 2026-11-20T07:0[01]:\d\d\.\d{3}Z\)\n$/);
      for (const out of [r.stdout, r.stderr]) {
        assert.ok(!out.includes('cli-secret-token'), out);
        assert.ok(!out.includes(slack.url), out);
      }
    } finally {
      slack.reply = () => ({ status: 200, body: 'ok' });
    }
  });

  /** [case, policy file name, its content (none: the file does not exist), expected stderr] */
  const bad: [string, string, string | undefined, RegExp][] = [
    ['a missing policy file', 'missing.yaml', undefined, /^rampart: cannot read .*missing\.yaml: ENOENT\n$/],
    [
      'a plain secret',
      'plain.yaml',
      'notifications:\n  channels:\n    s: { type: slack, webhook_url: "https://hooks.slack.com/x" }\n  routes: []\n',
      /^rampart: .*plain\.yaml:3:23: notifications\.channels\.s\.webhook_url: secrets may not be written into the policy file/,
    ],
    ['no notifications section', 'none.yaml', 'owners: {}\n', /^rampart: .*none\.yaml has no notifications: section\n$/],
    [
      'a secret that is not set',
      'unset.yaml',
      'notifications:\n  channels:\n    s: { type: slack, webhook_url: { env: RAMPART_TEST_UNSET_URL } }\n  routes: []\n',
      /^rampart: channel s webhook_url: environment variable RAMPART_TEST_UNSET_URL is not set\n$/,
    ],
  ];
  for (const [name, fileName, content, message] of bad) {
    it(`rejects ${name} in one line with exit 1`, async () => {
      const file = join(dir, fileName);
      if (content !== undefined) await writeFile(file, content);
      const db = join(dir, `bad-${fileName}.db`);
      const r = await runCli(['notify', '--policy', file, '--db', db]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1);
      // The policy is read before the database is opened, so a bad one leaves nothing behind.
      if (fileName !== 'unset.yaml') assert.equal(existsSync(db), false);
    });
  }
});
