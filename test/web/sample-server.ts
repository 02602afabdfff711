// `rampart serve` on the bundled sample organization, judged on a few days so the dashboard has a trend,
// 8-day failing streaks (past the policy's first escalation tier, whose messages were sent), and exceptions that are current,
// expiring soon and expired, and the sample's accounts in their OUs. Users: RAMPART_API_TOKEN as admin, plus an account owner of acme-prod.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../support/serve.ts';
import { ROOT } from './browser.ts';

const ENTRY = join(ROOT, 'src/cli/entry.ts');
export const NOW = '2026-11-29T06:00:00Z';
const DAYS = ['2026-11-22', '2026-11-27', '2026-11-28', '2026-11-29'];

export const ADMIN_TOKEN = 'admin-token-for-the-dashboard-tests';
export const OWNER_TOKEN = 'owner-token-of-acme-prod-only';
export const OWNED = '222222222222';
export const NOT_OWNED = '333333333333';

const POLICY = `version: 1
frameworks: [cis-aws-3.0.0]
home_regions: [us-east-1]
controls:
  disabled:
    - control: cis-aws-3.0.0/1.17
      reason: Support cases are opened by the central cloud team from the management account only.
      date: 2026-06-01
exceptions:
  - control: cis-aws-3.0.0/2.1.1
    accounts: ['333333333333']
    resource: 'arn:aws:s3:::acme-dev-*'
    reason: Development buckets hold generated test data only; HTTPS-only policies land with the Q1 platform release.
    approver: ciso@example.com
    approved: 2026-11-01
    expires: 2027-03-31
  - control: cis-aws-3.0.0/5.6
    ous: [Root/Workloads]
    regions: [eu-west-1]
    reason: Legacy AMIs need IMDSv1 until the migration finishes.
    approver: ciso@example.com
    approved: 2026-09-01
    expires: 2026-12-05
  - control: cis-aws-3.0.0/3.1
    all: true
    reason: Trail rollout finished; kept for the audit record.
    approver: ciso@example.com
    approved: 2026-06-01
    expires: 2026-11-15
owners:
  accounts:
    '222222222222':
      owners: [{ name: Payments platform, email: payments-platform@example.com, slack: '<@U0PAYMENTS>' }]
      manager: { name: Head of Payments, email: head-of-payments@example.com }
    '333333333333':
      owners: [{ email: dev-team@example.com }]
  security_team: { email: security@example.com }
escalation:
  tiers:
    - { days: 7, notify: [owners] }
    - { days: 21, notify: [owners, manager] }
  slack_channel: slack
notifications:
  channels:
    slack: { type: slack, webhook_url: { env: SLACK_URL } }
  routes: []
`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Takes the escalation messages `rampart escalate` posts, as Slack's incoming webhook would. */
function slackWebhook(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`rampart ${args.join(' ')}: exit ${code}\n${stderr}`))));
  });
}

export interface SampleServer {
  url: string;
  stop(): Promise<void>;
}

export async function startSampleServer(): Promise<SampleServer> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-web-'));
  const db = join(dir, 'r.db');
  await writeFile(join(dir, 'policy.yaml'), POLICY);
  await writeFile(
    join(dir, 'users.yaml'),
    `- { name: prod-owner, token_sha256: ${sha256(OWNER_TOKEN)}, role: account-owner, accounts: ['${OWNED}'] }\n`,
  );
  for (const day of DAYS) await run(['demo', '--db', db, '--policy', 'policy.yaml', '--now', `${day}T06:00:00Z`], dir);
  // The 8-day streaks have reached the first tier: the owners are told, which the account page lists.
  const slack = await slackWebhook();
  try {
    const env = { SLACK_URL: `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T0/B0/x` };
    await run(['escalate', '--db', db, '--policy', 'policy.yaml', '--now', NOW], dir, env);
  } finally {
    slack.close();
  }

  const { url, stop } = await startServe(['--db', db, '--policy', 'policy.yaml', '--users', 'users.yaml', '--now', NOW], {
    cwd: dir,
    env: { RAMPART_API_TOKEN: ADMIN_TOKEN, SLACK_URL: 'http://127.0.0.1:9/unused' },
  });
  return {
    url,
    async stop() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
