import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { policyJsonSchema } from '../../src/policy/json-schema.ts';
import { loadPolicy, owners, policyProblems } from '../../src/policy/load.ts';
import { PolicyFileError, readYamlFile } from '../../src/policy/read-yaml.ts';
import { runCli } from '../cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'rampart-policy-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const EXAMPLE = new URL('../../examples/rampart.yaml', import.meta.url).pathname;

async function problemsOf(text: string): Promise<string[]> {
  const path = join(dir, `p-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return policyProblems(await readYamlFile(path)).map((p) => p.slice(path.length + 1));
}

describe('the policy file', () => {
  it('the sample policy is valid, and the published JSON Schema is the one the code generates', async () => {
    const policy = await loadPolicy(EXAMPLE);
    assert.deepEqual(policy.config.frameworks, ['cis-aws-3.0.0']);
    assert.equal(policy.config.exceptions.length, 2);
    const published = JSON.parse(readFileSync(new URL('../../schema/rampart.schema.json', import.meta.url), 'utf8')) as unknown;
    assert.deepEqual(published, JSON.parse(JSON.stringify(policyJsonSchema())), 'run `rampart policy schema --out schema/rampart.schema.json`');
  });

  it('defaults without a file: CIS v3.0.0, tiers at 7 and 21 days, nothing excepted', async () => {
    const policy = await loadPolicy(undefined);
    assert.equal(policy.path, undefined);
    assert.deepEqual(policy.config.escalation.tiers, [
      { days: 7, notify: ['owners'] },
      { days: 21, notify: ['owners', 'manager'] },
    ]);
    assert.deepEqual(policy.config.exceptions, []);
  });

  it('names file:line:col and the key for each problem', async () => {
    assert.deepEqual(
      await problemsOf(`frameworks: [cis-aws-9.9.9]
controls:
  disabled:
    - { control: cis-aws-3.0.0/1.4, date: 2026-01-01 }
  scope:
    cis-aws-3.0.0/3.1: somewhere
    securityhub/not-a-control: any
exceptions:
  - control: cis-aws-3.0.0/7.1
    all: true
    approver: ciso@example.com
    approved: 2026-11-01
    expires: 2026-12-01
  - control: cis-aws-3.0.0/1.4
    accounts: ['111111111111']
    reason: break-glass key
    approver: not an email
    approved: 2026-11-01
    expires: 2026-10-31
  - control: cis-aws-3.0.0/1.4
    accounts: [111111111111]
    reason: no expiry
    approver: ciso@example.com
    approved: 2026-11-01
owners:
  accounts:
    '111111111111': { owners: [{ email: owner-at-example.com }] }
escalation:
  email_channel: mail
schedules:
  timezone: Mars/Olympus
  jobs:
    scan: { cron: 'every day' }
    coffee: { cron: '0 9 * * *' }
`),
      [
        "1:14: frameworks[0]: unknown framework 'cis-aws-9.9.9'; known: cis-aws-3.0.0, cis-aws-1.4.0",
        '4:7: controls.disabled[0].reason: reason is required',
        '6:5: controls.scope.cis-aws-3.0.0/3.1: a region scope is all, any, home, or a list of regions',
        "7:5: controls.scope.securityhub/not-a-control: 'not-a-control' is not a Security Hub control id (like IAM.6)",
        "9:5: exceptions[0].control: unknown control 'cis-aws-3.0.0/7.1': cis-aws-3.0.0 has no requirement 7.1",
        '9:5: exceptions[0].reason: reason is required',
        '17:5: exceptions[1].approver: approver must be an email address',
        '19:5: exceptions[1].expires: expires 2026-10-31 is not after approved 2026-11-01: the exception would be expired when created',
        '21:16: exceptions[2].accounts[0]: quote account ids in YAML: unquoted ones are numbers and lose leading zeros',
        '20:5: exceptions[2].expires: expected a date like 2026-12-31',
        '27:34: owners.accounts.111111111111.owners[0].email: not an email address',
        "31:3: schedules.timezone: unknown time zone 'Mars/Olympus' (an IANA name like Europe/Berlin)",
        "33:13: schedules.jobs.scan.cron: not a cron expression: CronPattern: invalid configuration format ('every day'), exactly five, six, or seven space separated parts are required.",
        "34:5: schedules.jobs: unknown job 'coffee'; known: scan, import-securityhub, import-guardduty, compliance, escalate, digest, notify, export-securityhub",
      ],
    );
  });

  it('checks references between sections: escalation and digest channels exist and are of the right type', async () => {
    assert.deepEqual(
      await problemsOf(`escalation:
  email_channel: alerts
  slack_channel: nowhere
notifications:
  channels:
    alerts: { type: slack, webhook_url: { env: SLACK_URL } }
  routes: []
`),
      ["2:3: escalation.email_channel: channel 'alerts' is a slack channel, not email", "3:3: escalation.slack_channel: unknown channel 'nowhere'; define it under notifications.channels"],
    );
  });

  it('every command that loads the policy refuses a bad one with the first problem and its line, before doing anything', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'exceptions:\n  - control: cis-aws-3.0.0/1.4\n    all: true\n');
    await assert.rejects(loadPolicy(bad), (err: unknown) => err instanceof PolicyFileError && /bad\.yaml:2:5: exceptions\[0\]\.reason: reason is required \(and 3 more; rampart policy check lists them\)/.test(err.message));
    const db = join(dir, 'never.db');
    for (const args of [['compliance'], ['demo'], ['escalate', '--dry-run'], ['digest', '--period', 'weekly', '--to', 'security-team', '--dry-run']]) {
      const r = await runCli([...args, '--policy', bad, '--db', db]);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^rampart: .*bad\.yaml:2:5: exceptions\[0\]\.reason: reason is required/);
    }
    const syntax = join(dir, 'syntax.yaml');
    writeFileSync(syntax, 'frameworks: [cis-aws-3.0.0\nexceptions: []\n');
    const s = await runCli(['policy', 'check', syntax]);
    assert.equal(s.code, 1);
    assert.match(s.stderr, /syntax\.yaml:\d+:\d+: /);
  });

  it('rampart policy check lists every problem, and notes expired exceptions on a valid file', async () => {
    const ok = await runCli(['policy', 'check', EXAMPLE, '--now', '2026-12-20T00:00:00Z']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /rampart\.yaml: valid/);
    assert.match(ok.stdout, /note: exception #2 \(cis-aws-3\.0\.0\/5\.6\) expired on 2026-12-15 and no longer applies/);
  });

  it('owners come from the file first, else from the account tags the policy names', async () => {
    const policy = await loadPolicy(EXAMPLE);
    const directory = owners(policy, [
      { id: '222222222222', tags: { 'owner-email': 'ignored@example.com' } },
      { id: '444444444444', tags: { 'owner-email': 'sandbox@example.com oncall@example.com', 'owner-slack': '<@U0SANDBOX>', 'manager-email': 'lead@example.com' } },
    ]);
    assert.deepEqual(directory.forAccount('222222222222')?.owners.map((o) => o.email), ['payments-platform@example.com']);
    assert.deepEqual(directory.forAccount('444444444444'), {
      owners: [{ email: 'sandbox@example.com' }, { email: 'oncall@example.com' }, { slack: '<@U0SANDBOX>' }],
      manager: { email: 'lead@example.com' },
    });
    assert.equal(directory.forAccount('555555555555'), undefined);
    assert.deepEqual(directory.securityTeam, { email: 'security@example.com', slack: '<!subteam^S0SECURITY>' });
  });
});
