import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadChecks } from '../../src/checks/registry.ts';
import { computeDay } from '../../src/compliance/compute.ts';
import { policySchema } from '../../src/policy/schema.ts';
import { openStore } from '../../src/store/index.ts';
import { httpEndpoint, mimePart, header, smtpEndpoint, type HttpEndpoint, type SmtpEndpoint } from '../notify/support.ts';
import { finding, scan } from '../store/support.ts';
import { runCli } from './run-cli.ts';

const A = '222222222222';
const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;
const at = (n: number) => `${day(n)}T06:00:00.000Z`;

describe('rampart escalate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-escalate-'));
  const db = join(dir, 'rampart.db');
  const policyFile = join(dir, 'rampart.yaml');
  let smtp: SmtpEndpoint;
  let slack: HttpEndpoint;
  let env: Record<string, string>;

  before(async () => {
    smtp = await smtpEndpoint('rampart', 'smtp-secret-password');
    slack = await httpEndpoint('/services/T0/B0/escalations');
    env = { SLACK_URL: slack.url, SMTP_PASSWORD: 'smtp-secret-password' };
    writeFileSync(
      policyFile,
      `owners:
  accounts:
    '${A}':
      owners: [{ name: Payments team, email: payments@example.com, slack: '<@U0PAYMENTS>' }]
      manager: { email: boss@example.com }
escalation:
  email_channel: mail
  slack_channel: slack
notifications:
  channels:
    slack: { type: slack, webhook_url: { env: SLACK_URL } }
    mail:
      type: email
      from: rampart@example.com
      to: [security@example.com]
      smtp: { host: 127.0.0.1, port: ${smtp.port}, require_tls: false, username: rampart, password: { env: SMTP_PASSWORD } }
  routes: []
`,
    );
    const store = await openStore(db);
    const checks = await loadChecks();
    const config = policySchema.parse({});
    for (let n = 1; n <= 7; n++) {
      await store.recordScan(
        scan(`s${n}`, at(n), { accounts: [A] }),
        [finding({ checkId: 'iam_password_policy_min_length_14', accountId: A, region: 'global', requirements: ['1.8'], observedAt: at(n), reason: 'minimum length is 8 <script>' })],
        [{ id: A, name: 'payments <prod>' }],
      );
      await computeDay(store, config, checks, day(n), new Date(at(n)));
    }
    await store.close();
  });
  after(async () => {
    await smtp.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a dry run shows who would be told and records nothing', async () => {
    const r = await runCli(['escalate', '--dry-run', '--policy', policyFile, '--db', db, '--now', `${day(7)}T09:00:00Z`], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'dry run: nothing is sent and nothing is recorded',
        '1 escalation(s) due on 2026-11-07',
        `${A} payments <prod>: tier 1 (7 days) → payments@example.com`,
        '  cis-aws-3.0.0/1.8 Ensure IAM password policy requires minimum length of 14 or greater: 7 day(s) since 2026-11-01',
        '',
      ].join('\n'),
    );
    assert.equal(smtp.mails.length + slack.received.length, 0);
  });

  it('sends the owners an email and a Slack message once; a second run sends nothing', async () => {
    const first = await runCli(['escalate', '--policy', policyFile, '--db', db, '--now', `${day(7)}T09:00:00Z`], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(smtp.mails.length, 1);
    const mail = smtp.mails[0]!;
    assert.deepEqual(mail.to, ['payments@example.com']);
    assert.equal(header(mail.raw, 'Subject'), `[Rampart] ${A} (payments <prod>): 1 control non-compliant for 7+ days`);
    const text = mimePart(mail.raw, 'text/plain');
    assert.match(text, /You are receiving this as the account owners of AWS account 222222222222 \(payments <prod>\)\./);
    assert.match(text, /- cis-aws-3\.0\.0\/1\.8 Ensure IAM password policy requires minimum length of 14 or greater\n {2}7 day\(s\) since 2026-11-01; failing in account-wide \(1 resource\(s\)\)/);
    assert.match(text, /fix: /);
    const htmlPart = mimePart(mail.raw, 'text/html');
    assert.match(htmlPart, /payments &lt;prod&gt;/);
    assert.doesNotMatch(htmlPart, /<prod>/);

    assert.equal(slack.received.length, 1);
    const payload = JSON.parse(slack.received[0]!.body) as { text: string; blocks: { text?: { text: string } }[] };
    assert.match(payload.text, /<@U0PAYMENTS>/);
    assert.match(payload.blocks[1]!.text!.text, /^<@U0PAYMENTS> You are receiving this as the account owners of AWS account 222222222222 \(payments &lt;prod&gt;\)\./);

    const second = await runCli(['escalate', '--policy', policyFile, '--db', db, '--now', `${day(7)}T10:00:00Z`], { env });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^0 escalation\(s\) due on 2026-11-07/);
    assert.equal(smtp.mails.length, 1);
    assert.equal(slack.received.length, 1);
  });

  it('keeps an escalation for the next run when a channel is down, never printing its secret', async () => {
    const store = await openStore(db);
    const checks = await loadChecks();
    for (let n = 8; n <= 21; n++) {
      await store.recordScan(scan(`t${n}`, at(n), { accounts: [A] }), [finding({ checkId: 'iam_password_policy_min_length_14', accountId: A, region: 'global', requirements: ['1.8'], observedAt: at(n) })], []);
      await computeDay(store, policySchema.parse({}), checks, day(n), new Date(at(n)));
    }
    await store.close();
    slack.reply = () => ({ status: 500, body: 'down' });
    const down = await runCli(['escalate', '--policy', policyFile, '--db', db, '--now', `${day(21)}T09:00:00Z`], { env });
    assert.equal(down.code, 3);
    assert.match(down.stderr, /^rampart: 222222222222 tier 2: slack: HTTP 500: down\n$/);
    assert.doesNotMatch(down.stderr + down.stdout, /escalations|smtp-secret-password/);
    slack.reply = () => ({ status: 200, body: 'ok' });
    const back = await runCli(['escalate', '--policy', policyFile, '--db', db, '--now', `${day(21)}T10:00:00Z`], { env });
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /tier 2 \(21 days\) → payments@example\.com, boss@example\.com/);
  });

  it('refuses a policy without escalation channels (unless dry run) and a bad one with its line', async () => {
    const bare = join(dir, 'bare.yaml');
    writeFileSync(bare, 'frameworks: [cis-aws-3.0.0]\n');
    const r = await runCli(['escalate', '--policy', bare, '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /names no escalation\.email_channel or escalation\.slack_channel/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'escalation:\n  tiers:\n    - { days: 21, notify: [owners] }\n    - { days: 7, notify: [manager] }\n');
    const b = await runCli(['escalate', '--policy', bad, '--db', db]);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /bad\.yaml:4:9: escalation\.tiers\[1\]\.days: tiers must start on increasing days/);
  });
});
