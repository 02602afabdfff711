import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { notificationsSchema } from '../../src/policy/notifications.ts';
import { ownerDirectory, ownersSchema } from '../../src/policy/owners-file.ts';
import { parseSection, readYamlFile } from '../../src/policy/read-yaml.ts';

const dir = await mkdtemp(join(tmpdir(), 'rampart-policy-'));
let n = 0;

async function load(yaml: string) {
  const path = join(dir, `rampart-${++n}.yaml`);
  await writeFile(path, yaml);
  const file = await readYamlFile(path);
  return { path, parse: () => parseSection(file, 'notifications', notificationsSchema) };
}

const CHANNELS = `notifications:
  channels:
    sec-slack: { type: slack, webhook_url: { env: SLACK_WEBHOOK_URL } }
`;

/** The one-line error for a policy file, with the file name replaced by FILE. */
async function problem(yaml: string): Promise<string> {
  const path = join(dir, `rampart-${++n}.yaml`);
  await writeFile(path, yaml);
  try {
    parseSection(await readYamlFile(path), 'notifications', notificationsSchema);
  } catch (err) {
    assert.equal((err as Error).name, 'PolicyFileError');
    return (err as Error).message.replace(path, 'FILE');
  }
  assert.fail('the policy was accepted');
}

describe('notifications section of rampart.yaml', () => {
  it('accepts the documented example and fills in defaults', async () => {
    const { parse } = await load(`notifications:
  secrets_file: ./rampart-secrets.yaml
  grouping: { max_findings: 10, window_minutes: 15 }
  channels:
    sec-slack: { type: slack, webhook_url: { env: SLACK_WEBHOOK_URL } }
    sec-mail:  { type: email, from: rampart@example.com, to: [secops@example.com], smtp: { host: smtp.example.com, port: 587, secure: false, username: rampart, password: { secret: smtp_password } } }
    siem:      { type: webhook, url: { env: SIEM_URL }, headers: { Authorization: { env: SIEM_TOKEN } } }
  routes:
    - name: critical-threats
      sources: [guardduty, securityhub, inspector, rampart]
      min_severity: CRITICAL
      region_min_severity: { ap-southeast-1: medium }
      types: ['TTPs/*', 'Recon:EC2/*']
      accounts: ['111111111111']
      ous: ['ou-ab12-cdef3456', 'Root/Prod']
      regions: [us-east-1, ap-southeast-1]
      channels: [sec-slack, sec-mail]
      mention: { team: '<!subteam^S0123ABC>' }
`);
    const config = parse();
    assert.equal(config?.lookback_hours, 24);
    assert.deepEqual(config?.channels['sec-mail'], {
      type: 'email',
      from: 'rampart@example.com',
      to: ['secops@example.com'],
      smtp: { host: 'smtp.example.com', port: 587, secure: false, require_tls: true, username: 'rampart', password: { secret: 'smtp_password' } },
    });
    assert.deepEqual(config?.channels.siem, { type: 'webhook', url: { env: 'SIEM_URL' }, headers: { Authorization: { env: 'SIEM_TOKEN' } } });
    assert.equal(config?.routes[0]?.min_severity, 'critical');
    assert.deepEqual(config?.routes[0]?.region_min_severity, { 'ap-southeast-1': 'medium' });
  });

  const cases: [string, string, string][] = [
    [
      'a secret written in plain',
      `notifications:
  channels:
    sec-slack:
      type: slack
      webhook_url: https://hooks.slack.com/services/T0/B0/xyz
  routes: []
`,
      'FILE:5:7: notifications.channels.sec-slack.webhook_url: secrets may not be written into the policy file (it is committed and read by many): use { env: VARIABLE } or { secret: key } from secrets_file',
    ],
    [
      'an SMTP password written in plain',
      `notifications:
  channels:
    mail: { type: email, from: r@example.com, to: [s@example.com], smtp: { host: h, username: u, password: hunter2 } }
  routes: []
`,
      'FILE:3:98: notifications.channels.mail.smtp.password: secrets may not be written into the policy file (it is committed and read by many): use { env: VARIABLE } or { secret: key } from secrets_file',
    ],
    [
      'a route that names an unknown channel',
      `${CHANNELS}  routes:
    - name: r
      min_severity: high
      channels: [sec-slack, pager]
`,
      "FILE:7:29: notifications.routes[0].channels[1]: unknown channel 'pager'; defined: sec-slack",
    ],
    [
      'an unknown severity',
      `${CHANNELS}  routes:
    - name: r
      min_severity: urgent
      channels: [sec-slack]
`,
      "FILE:6:7: notifications.routes[0].min_severity: unknown severity 'urgent'; known: informational, low, medium, high, critical",
    ],
    [
      'an unknown severity for a region',
      `${CHANNELS}  routes:
    - name: r
      min_severity: high
      region_min_severity: { ap-southeast-1: severe }
      channels: [sec-slack]
`,
      "FILE:7:30: notifications.routes[0].region_min_severity.ap-southeast-1: unknown severity 'severe'; known: informational, low, medium, high, critical",
    ],
    [
      'a malformed OU',
      `${CHANNELS}  routes:
    - name: r
      min_severity: high
      ous: [Root/Prod, ou-12]
      channels: [sec-slack]
`,
      "FILE:7:24: notifications.routes[0].ous[1]: 'ou-12' is neither an OU id (ou-ab12-cdef3456) nor an OU path from the root (Root/Workloads/Prod)",
    ],
    [
      'an unquoted account id',
      `${CHANNELS}  routes:
    - name: r
      min_severity: high
      accounts: [011111111111]
      channels: [sec-slack]
`,
      'FILE:7:18: notifications.routes[0].accounts[0]: quote account ids in YAML: unquoted ones are numbers and lose leading zeros',
    ],
    [
      'an unknown region',
      `${CHANNELS}  routes:
    - name: r
      min_severity: high
      regions: [us-east-1, mars-north-1x]
      channels: [sec-slack]
`,
      "FILE:7:28: notifications.routes[0].regions[1]: unknown region 'mars-north-1x': expected names like us-east-1, or global",
    ],
    [
      'a regional minimum for a region the route leaves out',
      `${CHANNELS}  routes:
    - name: r
      min_severity: high
      regions: [us-east-1]
      region_min_severity: { eu-west-1: low }
      channels: [sec-slack]
`,
      'FILE:8:30: notifications.routes[0].region_min_severity.eu-west-1: eu-west-1 has a minimum severity but is not in this route\'s regions, so it never matches',
    ],
    [
      'an unknown key',
      `${CHANNELS}  routes:
    - name: r
      min_severity: high
      channels: [sec-slack]
      colour: red
`,
      'FILE:8:7: notifications.routes[0]: Unrecognized key: "colour"',
    ],
    [
      'an unknown channel type',
      `notifications:
  channels:
    teams: { type: msteams, url: { env: X } }
  routes: []
`,
      "FILE:3:14: notifications.channels.teams.type: unknown channel type 'msteams'; known: slack, email, webhook",
    ],
    [
      'an empty list',
      `${CHANNELS}  routes:
    - name: r
      min_severity: high
      accounts: []
      channels: [sec-slack]
`,
      'FILE:7:7: notifications.routes[0].accounts: an empty list of accounts matches nothing: leave the key out to match every one',
    ],
    [
      'a route name used twice',
      `${CHANNELS}  routes:
    - { name: r, min_severity: high, channels: [sec-slack] }
    - { name: r, min_severity: low, channels: [sec-slack] }
`,
      "FILE:6:9: notifications.routes[1].name: route name 'r' is used twice",
    ],
    [
      'several problems',
      `${CHANNELS}  routes:
    - { name: r, min_severity: urgent, channels: [sec-slack], ous: [x] }
`,
      "FILE:5:18: notifications.routes[0].min_severity: unknown severity 'urgent'; known: informational, low, medium, high, critical (and 1 more)",
    ],
    ['YAML that does not parse', 'notifications:\n  channels: {\n', 'FILE:3:1: Flow map in block collection must be sufficiently indented and end with a }'],
  ];

  for (const [name, yaml, expected] of cases) {
    it(`rejects ${name} with file:line:col, key and reason`, async () => {
      assert.equal(await problem(yaml), expected);
    });
  }

  it('returns undefined when the section is absent', async () => {
    const { parse } = await load('frameworks: [cis-aws-3.0.0]\n');
    assert.equal(parse(), undefined);
  });
});

describe('owners section', () => {
  it('gives each account its owners and manager, and the security team', () => {
    const owners = ownerDirectory(
      ownersSchema.parse({
        accounts: {
          '111111111111': { owners: [{ name: 'Alice', email: 'alice@example.com', slack: '<@U0ALICE>' }], manager: { email: 'boss@example.com' } },
        },
        security_team: { slack: '<!subteam^S0SEC>' },
      }),
    );
    assert.deepEqual(owners.forAccount('111111111111'), {
      owners: [{ name: 'Alice', email: 'alice@example.com', slack: '<@U0ALICE>' }],
      manager: { email: 'boss@example.com' },
    });
    assert.equal(owners.forAccount('222222222222'), undefined);
    assert.deepEqual(owners.securityTeam, { slack: '<!subteam^S0SEC>' });
  });

  it('rejects a bare @name, a contact with no address and an unquoted account id', () => {
    const issues = ownersSchema.safeParse({
      accounts: { '12345678901': { owners: [] }, '111111111111': { owners: [{ slack: '@alice' }, { name: 'x' }] } },
    }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    assert.deepEqual(issues, [
      "accounts.12345678901: '12345678901' is not a 12-digit account id (quote account ids in YAML: unquoted ones are numbers and lose leading zeros)",
      'accounts.111111111111.owners.0.slack: a Slack mention is <@U…> for a person or <!subteam^S…> for a user group (a bare @name notifies nobody)',
      'accounts.111111111111.owners.1: a contact needs an email or a slack mention',
    ]);
  });
});
