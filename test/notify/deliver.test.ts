import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../src/findings/model.ts';
import { runNotify, type NotifyOptions } from '../../src/notify/deliver.ts';
import type { NotificationsConfig } from '../../src/policy/notifications.ts';
import { ownerDirectory, ownersSchema } from '../../src/policy/owners-file.ts';
import { openStore, type AccountRef, type Store } from '../../src/store/index.ts';
import { finding, scan, sqliteBackend } from '../store/support.ts';
import { header, httpEndpoint, mimePart, notifications, smtpEndpoint, type HttpEndpoint } from './support.ts';

const T0 = '2026-11-20T06:00:00.000Z';
const NOW = new Date('2026-11-20T07:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

const backend = sqliteBackend();
after(() => backend.cleanup());

const ACCOUNTS: AccountRef[] = [
  { id: '111111111111', name: 'prod' },
  { id: '222222222222', name: 'dev' },
];

const owners = ownerDirectory(
  ownersSchema.parse({
    accounts: { '111111111111': { owners: [{ name: 'Alice', email: 'alice@example.com', slack: '<@U0ALICE>' }] } },
    security_team: { name: 'Security', email: 'security@example.com', slack: '<!subteam^S0SEC>' },
  }),
);

function guardDuty(spec: Partial<Finding> & { resourceId: string }): Finding {
  return finding({
    checkId: 'Recon:EC2/PortProbeUnprotectedPort',
    source: 'guardduty',
    origin: 'guardduty',
    product: 'GuardDuty',
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    severity: 'high',
    resourceType: 'AwsEc2Instance',
    title: `Unprotected port on EC2 instance ${spec.resourceId} is being probed.`,
    description: `EC2 instance ${spec.resourceId} has an unprotected port which is being probed by a known malicious host.`,
    observedAt: T0,
    ...spec,
  });
}

async function storeWith(findings: Finding[]): Promise<Store> {
  const store = await openStore(backend.fresh());
  await store.recordScan(scan('s1', T0), findings, ACCOUNTS);
  return store;
}

function slackConfig(extra: Record<string, unknown> = {}): NotificationsConfig {
  return notifications({
    channels: { 'sec-slack': { type: 'slack', webhook_url: { env: 'SLACK_URL' } } },
    routes: [{ name: 'threats', min_severity: 'medium', channels: ['sec-slack'] }],
    ...extra,
  });
}

function run(store: Store, config: NotificationsConfig, endpoint: HttpEndpoint, over: Partial<NotifyOptions> = {}) {
  return runNotify({ store, config, owners, now: NOW, secrets: { env: { SLACK_URL: endpoint.url } }, random: () => 0, ...over });
}

describe('rampart notify delivery', () => {
  it('sends a finding to Slack once, as Block Kit in an attachment coloured by severity, mentioning the owners', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-0abc' })]);
    const slack = await httpEndpoint('/services/T0/B0/secret-token');
    try {
      const first = await run(store, slackConfig(), slack);
      assert.deepEqual([first.matched, first.queued, first.failures], [1, 1, []]);
      assert.equal(slack.received.length, 1);
      assert.equal(slack.received[0]?.path, '/services/T0/B0/secret-token');
      assert.equal(slack.received[0]?.headers['content-type'], 'application/json; charset=utf-8');
      assert.deepEqual(slack.accepted(), [
        {
          text: '<@U0ALICE> HIGH finding in 111111111111 (prod), us-east-1: Unprotected port on EC2 instance i-0abc is being probed.',
          attachments: [
            {
              color: '#d93f0b',
              blocks: [
                { type: 'section', text: { type: 'mrkdwn', text: '*HIGH: Unprotected port on EC2 instance i-0abc is being probed.*' } },
                {
                  type: 'section',
                  fields: [
                    { type: 'mrkdwn', text: '*Account*\n111111111111 (prod)' },
                    { type: 'mrkdwn', text: '*Region*\nus-east-1' },
                    { type: 'mrkdwn', text: '*Type*\nRecon:EC2/PortProbeUnprotectedPort' },
                    { type: 'mrkdwn', text: '*Source*\nGuardDuty' },
                  ],
                },
                {
                  type: 'section',
                  text: { type: 'mrkdwn', text: 'EC2 instance i-0abc has an unprotected port which is being probed by a known malicious host.' },
                },
                {
                  type: 'context',
                  elements: [
                    {
                      type: 'mrkdwn',
                      text: '<https://console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current|Open in the AWS console> · resource i-0abc',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ]);

      const second = await run(store, slackConfig(), slack);
      assert.deepEqual([second.matched, second.queued, second.deliveries], [1, 0, []]);
      assert.equal(slack.received.length, 1, 'a second run sends nothing new');
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('gives each route its own copy, also a route added later', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-0abc' })]);
    const slack = await httpEndpoint();
    try {
      const two = slackConfig({
        routes: [
          { name: 'threats', min_severity: 'medium', channels: ['sec-slack'] },
          { name: 'ec2', min_severity: 'low', types: ['Recon:EC2/*'], channels: ['sec-slack'] },
        ],
      });
      const first = await run(store, two, slack);
      assert.deepEqual(
        first.deliveries.map((d) => [d.route, d.outcome, d.messages.length]),
        [
          ['ec2', 'sent', 1],
          ['threats', 'sent', 1],
        ],
      );
      const three = slackConfig({ routes: [...two.routes, { name: 'prod', min_severity: 'high', accounts: ['111111111111'], channels: ['sec-slack'] }] });
      const second = await run(store, three, slack, { now: later(60) });
      assert.deepEqual(
        second.deliveries.map((d) => [d.route, d.messages.length]),
        [['prod', 1]],
      );
      assert.equal(slack.received.length, 3);
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('mentions the team below no owners, and nobody below medium', async () => {
    const store = await storeWith([
      guardDuty({ resourceId: 'i-dev', accountId: '222222222222', severity: 'medium' }),
      guardDuty({ resourceId: 'i-low', accountId: '111111111111', severity: 'low' }),
    ]);
    const slack = await httpEndpoint();
    try {
      const config = slackConfig({ routes: [{ name: 'all', min_severity: 'low', channels: ['sec-slack'], mention: { team: '<!subteam^S0PLATFORM>' } }] });
      await run(store, config, slack);
      const texts = (slack.accepted() as { text: string }[]).map((b) => b.text);
      assert.deepEqual(texts, [
        '<!subteam^S0PLATFORM> MEDIUM finding in 222222222222 (dev), us-east-1: Unprotected port on EC2 instance i-dev is being probed.',
        'LOW finding in 111111111111 (prod), us-east-1: Unprotected port on EC2 instance i-low is being probed.',
      ]);
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('escapes finding text, so a title cannot ping the channel or plant a link', async () => {
    const title = 'Bucket <!channel> see <https://evil.example|click here> & <@U0BOSS>';
    const store = await storeWith([guardDuty({ resourceId: 'i-0abc', title, description: '<!here> <https://evil.example>' })]);
    const slack = await httpEndpoint();
    try {
      await run(store, slackConfig(), slack);
      const body = slack.received[0]?.body ?? '';
      for (const raw of ['<!channel>', '<!here>', '<https://evil', '<@U0BOSS>']) assert.ok(!body.includes(raw), `${raw} went out unescaped`);
      const payload = slack.accepted()[0] as { text: string; attachments: { blocks: { text?: { text: string } }[] }[] };
      assert.equal(
        payload.text,
        '<@U0ALICE> HIGH finding in 111111111111 (prod), us-east-1: Bucket &lt;!channel&gt; see &lt;https://evil.example|click here&gt; &amp; &lt;@U0BOSS&gt;',
      );
      assert.equal(payload.attachments[0]?.blocks[2]?.text?.text, '&lt;!here&gt; &lt;https://evil.example&gt;');
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('posts the documented JSON to a webhook with headers from the environment', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-0abc', severity: 'critical', regions: ['us-east-1'] })]);
    const hook = await httpEndpoint();
    try {
      const config = notifications({
        channels: { siem: { type: 'webhook', url: { env: 'SIEM_URL' }, headers: { Authorization: { env: 'SIEM_TOKEN' } } } },
        routes: [{ name: 'critical', min_severity: 'critical', channels: ['siem'] }],
      });
      const result = await runNotify({ store, config, owners, now: NOW, secrets: { env: { SIEM_URL: hook.url, SIEM_TOKEN: 'Bearer t0ken' } } });
      assert.deepEqual(result.failures, []);
      assert.equal(hook.received[0]?.headers.authorization, 'Bearer t0ken');
      const id = result.deliveries[0]?.messages[0]?.findingIds[0];
      assert.deepEqual(hook.accepted(), [
        {
          schema: 'rampart.notification/v1',
          id: result.deliveries[0]?.messages[0]?.key,
          kind: 'finding',
          route: 'critical',
          findings: [
            {
              id,
              source: 'guardduty',
              product: 'GuardDuty',
              type: 'Recon:EC2/PortProbeUnprotectedPort',
              check_id: 'Recon:EC2/PortProbeUnprotectedPort',
              severity: 'critical',
              title: 'Unprotected port on EC2 instance i-0abc is being probed.',
              description: 'EC2 instance i-0abc has an unprotected port which is being probed by a known malicious host.',
              account: { id: '111111111111', name: 'prod' },
              region: 'us-east-1',
              regions: ['us-east-1'],
              resource: { id: 'i-0abc', type: 'AwsEc2Instance' },
              console_url: 'https://console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current',
              first_seen: T0,
              updated_at: null,
              open: true,
            },
          ],
          mentions: [{ name: 'Alice', email: 'alice@example.com', slack: '<@U0ALICE>' }],
        },
      ]);
      assert.match(result.deliveries[0]?.messages[0]?.key ?? '', /^finding-[0-9a-f]{32}$/);
    } finally {
      await hook.close();
      await store.close();
    }
  });

  it('sends email over SMTP with a password from the secrets file: plain text and escaped HTML', async () => {
    const dir = backend.fresh().replace(/\.db$/, '');
    const secretsFile = `${dir}-secrets.yaml`;
    await writeFile(secretsFile, 'smtp_password: "s3cret pw"\n');
    const smtp = await smtpEndpoint('rampart', 's3cret pw');
    const store = await storeWith([guardDuty({ resourceId: 'i-0abc', title: 'Probe <script>alert(1)</script> & more' })]);
    try {
      const config = notifications({
        secrets_file: 'ignored-here.yaml',
        channels: {
          mail: {
            type: 'email',
            from: 'rampart@example.com',
            to: ['secops@example.com', 'oncall@example.com'],
            smtp: { host: '127.0.0.1', port: smtp.port, require_tls: false, username: 'rampart', password: { secret: 'smtp_password' } },
          },
        },
        routes: [{ name: 'threats', min_severity: 'high', channels: ['mail'] }],
      });
      const result = await runNotify({ store, config, owners, now: NOW, secrets: { env: {}, file: secretsFile } });
      assert.deepEqual(result.failures, []);
      assert.equal(smtp.mails.length, 1);
      const mail = smtp.mails[0];
      assert.equal(mail?.from, 'rampart@example.com');
      assert.deepEqual(mail?.to, ['secops@example.com', 'oncall@example.com']);
      const raw = mail?.raw ?? '';
      assert.equal(header(raw, 'Subject'), '[Rampart] HIGH: Probe <script>alert(1)</script> & more — 111111111111 (prod), us-east-1');
      assert.equal(header(raw, 'Message-ID'), `<${result.deliveries[0]?.messages[0]?.key}@example.com>`);
      assert.equal(
        mimePart(raw, 'text/plain'),
        [
          'HIGH: Probe <script>alert(1)</script> & more',
          '',
          'Account:  111111111111 (prod)',
          'Region:   us-east-1',
          'Type:     Recon:EC2/PortProbeUnprotectedPort',
          'Source:   GuardDuty',
          'Resource: i-0abc',
          '',
          'EC2 instance i-0abc has an unprotected port which is being probed by a known malicious host.',
          '',
          'Attention: Alice <alice@example.com>',
          'Open in the AWS console: https://console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current',
          '',
          'Route: threats',
          '',
        ].join('\n'),
      );
      const htmlPart = mimePart(raw, 'text/html');
      assert.ok(!htmlPart.includes('<script>'), 'the title is escaped in HTML');
      assert.ok(htmlPart.includes('HIGH: Probe &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</h2>'));
      assert.ok(htmlPart.includes('<tr><th align="left">Account</th><td>111111111111 (prod)</td></tr>'));
      assert.ok(htmlPart.includes('<a href="https://console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current">Open in the AWS console</a>'));
      assert.ok(htmlPart.includes('<p>Attention: Alice &lt;alice@example.com&gt;</p>'));
    } finally {
      await smtp.close();
      await store.close();
    }
  });

  it('keeps everything when the channel is down, backs off (1 min doubling, capped at 30), and delivers when it is back', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-1' }), guardDuty({ resourceId: 'i-2' })]);
    const slack = await httpEndpoint();
    try {
      slack.reply = () => ({ status: 500, body: 'upstream broken' });
      const delays: number[] = [];
      let now = NOW;
      for (let i = 0; i < 7; i++) {
        const result = await run(store, slackConfig(), slack, { now, random: () => 1 });
        assert.equal(result.failures.length, 1);
        assert.match(result.failures[0] ?? '', /^threats → sec-slack: HTTP 500: upstream broken \(2 pending, next attempt /);
        const next = new Date(result.deliveries[0]?.nextAttemptAt ?? '');
        delays.push((next.getTime() - now.getTime()) / 1000);
        // Before the next attempt is due nothing is tried.
        const early = await run(store, slackConfig(), slack, { now: new Date(next.getTime() - 1000) });
        assert.deepEqual(early.deliveries, []);
        now = next;
      }
      assert.deepEqual(delays, [60, 120, 240, 480, 960, 1800, 1800]);
      assert.equal(slack.received.length, 7, 'one request per run while the channel is down');

      slack.reply = () => ({ status: 200, body: 'ok' });
      const back = await run(store, slackConfig(), slack, { now });
      assert.deepEqual(back.failures, []);
      assert.equal(slack.accepted().length, 2);
      assert.deepEqual(await store.outbox.due(later(86_400).toISOString()), []);
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('still delivers a queued finding that closed while the channel was down, marked as no longer open', async () => {
    const location = backend.fresh();
    const store = await openStore(location);
    await store.recordScan(scan('s1', T0), [guardDuty({ resourceId: 'i-1' })], ACCOUNTS);
    const slack = await httpEndpoint();
    try {
      slack.reply = () => ({ status: 503, body: 'down' });
      await run(store, slackConfig(), slack);
      // What the finding lifecycle records when GuardDuty archives it.
      const db = new DatabaseSync(location);
      db.prepare("update findings set record_state = 'ARCHIVED'").run();
      db.close();
      slack.reply = () => ({ status: 200, body: 'ok' });
      const result = await run(store, slackConfig(), slack, { now: later(60) });
      assert.deepEqual(result.failures, []);
      const payload = slack.accepted()[0] as { attachments: { blocks: { text?: { text: string } }[] }[] };
      assert.equal(payload.attachments[0]?.blocks[0]?.text?.text, '*HIGH (no longer open): Unprotected port on EC2 instance i-1 is being probed.*');
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('leaves pending entries of a route taken out of the policy untouched, and says so', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-1' })]);
    const slack = await httpEndpoint();
    try {
      slack.reply = () => ({ status: 500 });
      await run(store, slackConfig(), slack);
      slack.reply = () => ({ status: 200, body: 'ok' });
      const lines: string[] = [];
      const renamed = slackConfig({ routes: [{ name: 'renamed', min_severity: 'critical', channels: ['sec-slack'] }] });
      const result = await run(store, renamed, slack, { now: later(3600), log: (l) => lines.push(l) });
      assert.deepEqual(
        result.deliveries.map((d) => [d.route, d.outcome, d.pending]),
        [['threats', 'unconfigured', 1]],
      );
      assert.deepEqual(lines, ['threats → sec-slack: 1 pending, but the policy no longer sends this route to this channel']);
      assert.equal(slack.received.length, 1);
      assert.equal((await store.outbox.due(later(3600).toISOString()))[0]?.attempts, 1);
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('retries a refused connection later and exits with the reason, no secret in it', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-1' })]);
    const slack = await httpEndpoint('/services/T0/B0/very-secret');
    await slack.close();
    try {
      const lines: string[] = [];
      const result = await run(store, slackConfig(), slack, { log: (l) => lines.push(l) });
      assert.deepEqual(result.failures, [`threats → sec-slack: connection failed: ECONNREFUSED (1 pending, next attempt 2026-11-20T07:00:30.000Z)`]);
      assert.deepEqual(lines, result.failures);
      const [pending] = await store.outbox.due(later(30).toISOString());
      assert.equal(pending?.attempts, 1);
      assert.equal(pending?.lastError, 'connection failed: ECONNREFUSED');
    } finally {
      await store.close();
    }
  });

  it('honours Retry-After: waits out a short one within the run, schedules a long one', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-1' })]);
    const slack = await httpEndpoint();
    try {
      let calls = 0;
      slack.reply = () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' } : { status: 200, body: 'ok' });
      const started = Date.now();
      const quick = await run(store, slackConfig(), slack);
      assert.deepEqual(quick.failures, []);
      assert.ok(Date.now() - started >= 950, 'waited for the second Slack asked for');
      assert.equal(slack.accepted().length, 1);

      const store2 = await storeWith([guardDuty({ resourceId: 'i-2' })]);
      try {
        slack.reply = () => ({ status: 429, headers: { 'retry-after': '3600' }, body: 'rate_limited' });
        const slow = await run(store2, slackConfig(), slack);
        assert.equal(slow.deliveries[0]?.nextAttemptAt, later(3600).toISOString());
        slack.reply = () => ({ status: 200, body: 'ok' });
        assert.deepEqual((await run(store2, slackConfig(), slack, { now: later(3599) })).deliveries, []);
        const due = await run(store2, slackConfig(), slack, { now: later(3600) });
        assert.equal(due.deliveries[0]?.outcome, 'sent');
      } finally {
        await store2.close();
      }
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('groups a burst: more than max_findings become one summary, max_findings go one by one', async () => {
    const burst = ['i-1', 'i-2', 'i-3', 'i-4'].map((r, i) => guardDuty({ resourceId: r, severity: i === 2 ? 'critical' : 'high' }));
    const grouping = { max_findings: 3, window_minutes: 15 };
    const store = await storeWith(burst);
    const slack = await httpEndpoint();
    try {
      const result = await run(store, slackConfig({ grouping }), slack);
      assert.equal(slack.received.length, 1);
      const message = result.deliveries[0]?.messages[0];
      assert.equal(message?.kind, 'summary');
      assert.equal(message?.findingIds.length, 4);
      const payload = slack.accepted()[0] as { text: string; attachments: { color: string; blocks: unknown[] }[] };
      assert.equal(payload.text, '<@U0ALICE> 4 findings on route threats (1 critical, 3 high)');
      assert.equal(payload.attachments[0]?.color, '#b60205');
      assert.deepEqual(payload.attachments[0]?.blocks.slice(0, 2), [
        { type: 'section', text: { type: 'mrkdwn', text: '*4 findings* on route *threats* within 15 minutes' } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*By severity*\nCRITICAL: 1\nHIGH: 3' },
            { type: 'mrkdwn', text: '*By account*\n111111111111 (prod): 4' },
          ],
        },
      ]);
      // Every finding of the summary is done: nothing is due later.
      assert.deepEqual(await store.outbox.due(later(86_400).toISOString()), []);

      const exactly = await storeWith(burst.slice(0, 3));
      try {
        const slack2 = await httpEndpoint();
        try {
          const r = await run(exactly, slackConfig({ grouping }), slack2);
          assert.deepEqual(
            r.deliveries[0]?.messages.map((m) => m.kind),
            ['finding', 'finding', 'finding'],
          );
          assert.equal(slack2.received.length, 3);
        } finally {
          await slack2.close();
        }
      } finally {
        await exactly.close();
      }
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('holds the rest of a burst that goes on for the next summary, one per window', async () => {
    const grouping = { max_findings: 2, window_minutes: 15 };
    const store = await storeWith(['i-1', 'i-2', 'i-3'].map((r) => guardDuty({ resourceId: r })));
    const slack = await httpEndpoint();
    try {
      await run(store, slackConfig({ grouping }), slack);
      assert.equal(slack.received.length, 1);
      await store.recordScan(scan('s2', later(60).toISOString()), [guardDuty({ resourceId: 'i-4', observedAt: later(60).toISOString() })], ACCOUNTS);
      const held = await run(store, slackConfig({ grouping }), slack, { now: later(120) });
      assert.deepEqual(
        held.deliveries.map((d) => [d.outcome, d.pending, d.nextAttemptAt]),
        [['held', 1, later(15 * 60).toISOString()]],
      );
      assert.equal(slack.received.length, 1);
      const next = await run(store, slackConfig({ grouping }), slack, { now: later(15 * 60) });
      assert.deepEqual(
        next.deliveries.map((d) => [d.outcome, d.messages.map((m) => m.kind)]),
        [['sent', ['finding']]],
      );
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('never alerts on closed, passing or out-of-window findings', async () => {
    const store = await storeWith([
      guardDuty({ resourceId: 'archived', recordState: 'ARCHIVED' }),
      guardDuty({ resourceId: 'resolved', workflowStatus: 'RESOLVED' }),
      guardDuty({ resourceId: 'suppressed', workflowStatus: 'SUPPRESSED' }),
      guardDuty({ resourceId: 'passing', status: 'PASS' }),
    ]);
    await store.recordScan(scan('old', '2026-11-18T06:00:00.000Z'), [guardDuty({ resourceId: 'old', observedAt: '2026-11-18T06:00:00.000Z' })], ACCOUNTS);
    const slack = await httpEndpoint();
    try {
      const result = await run(store, slackConfig({ routes: [{ name: 'all', min_severity: 'informational', channels: ['sec-slack'] }] }), slack);
      assert.deepEqual([result.matched, slack.received.length], [0, 0]);
      const wider = await run(store, slackConfig({ lookback_hours: 72, routes: [{ name: 'all', min_severity: 'informational', channels: ['sec-slack'] }] }), slack);
      assert.deepEqual(
        wider.deliveries.flatMap((d) => d.messages.map((m) => m.headline)),
        ['HIGH Unprotected port on EC2 instance old is being probed. — 111111111111 (prod), us-east-1'],
      );
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('never puts a secret in errors, logs or the store, whatever the receiver echoes', async () => {
    const token = 'xoxb-SUPER-SECRET-1234';
    const store = await storeWith([guardDuty({ resourceId: 'i-1' })]);
    const hook = await httpEndpoint(`/in/${token}`);
    hook.reply = (req) => ({ status: 403, body: `denied ${req.path} with ${String(req.headers.authorization)} (${encodeURIComponent(req.path)})` });
    const smtp = await smtpEndpoint('rampart', 'the-real-password');
    try {
      const config = notifications({
        channels: {
          siem: { type: 'webhook', url: { env: 'SIEM_URL' }, headers: { Authorization: { env: 'SIEM_AUTH' } } },
          mail: {
            type: 'email',
            from: 'rampart@example.com',
            to: ['secops@example.com'],
            smtp: { host: '127.0.0.1', port: smtp.port, require_tls: false, username: 'rampart', password: { env: 'SMTP_PASSWORD' } },
          },
        },
        routes: [{ name: 'threats', min_severity: 'high', channels: ['siem', 'mail'] }],
      });
      const env = { SIEM_URL: hook.url, SIEM_AUTH: `Bearer ${token}-auth`, SMTP_PASSWORD: 'wrong-password-xyz' };
      const lines: string[] = [];
      const result = await runNotify({ store, config, owners, now: NOW, secrets: { env }, log: (l) => lines.push(l) });
      assert.equal(result.failures.length, 2);
      assert.match(result.failures.join('\n'), /siem: HTTP 403: denied \*\*\* with \*\*\* \(\*\*\*\)/);
      assert.match(result.failures.join('\n'), /mail: SMTP: .*535/);
      const due = await store.outbox.due(later(86_400).toISOString());
      const everything = [JSON.stringify(result), ...lines, ...due.map((d) => d.lastError ?? '')].join('\n');
      for (const secret of Object.values(env).concat([token, encodeURIComponent(hook.url)])) {
        assert.ok(!everything.includes(secret), `${secret} leaked`);
      }
    } finally {
      await hook.close();
      await smtp.close();
      await store.close();
    }
  });

  it('a dry run sends nothing, records nothing, and shows the exact bodies a real run sends', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-1' }), guardDuty({ resourceId: 'i-2', severity: 'critical' })]);
    const slack = await httpEndpoint();
    try {
      const dry = await runNotify({ store, config: slackConfig(), owners, now: NOW, dryRun: true });
      assert.equal(slack.received.length, 0);
      assert.deepEqual(await store.outbox.existing(dry.deliveries.flatMap((d) => d.messages.flatMap((m) => m.findingIds))), []);
      assert.deepEqual([dry.matched, dry.queued], [2, 2]);
      const real = await run(store, slackConfig(), slack);
      assert.deepEqual(
        dry.deliveries[0]?.messages.map((m) => m.preview),
        slack.accepted(),
      );
      assert.deepEqual(
        dry.deliveries[0]?.messages.map(({ key, kind, headline, findingIds }) => ({ key, kind, headline, findingIds })),
        real.deliveries[0]?.messages,
      );
    } finally {
      await slack.close();
      await store.close();
    }
  });

  it('fails before anything happens when a secret is missing, naming the variable', async () => {
    const store = await storeWith([guardDuty({ resourceId: 'i-1' })]);
    try {
      await assert.rejects(
        runNotify({ store, config: slackConfig(), owners, now: NOW, secrets: { env: {} } }),
        { name: 'SecretError', message: 'channel sec-slack webhook_url: environment variable SLACK_URL is not set' },
      );
      assert.deepEqual(await store.outbox.due(later(86_400).toISOString()), []);
      const file = join(backend.fresh().replace(/\.db$/, ''), '..', 'no-such-secrets.yaml');
      await assert.rejects(
        runNotify({ store, config: slackConfig(), owners, now: NOW, secrets: { env: {}, file } }),
        { name: 'SecretError', message: `cannot read secrets file ${file}: ENOENT` },
      );
    } finally {
      await store.close();
    }
  });
});
