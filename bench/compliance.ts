// Benchmark: daily compliance of a large organization. Generates a store with 1,000 accounts × 60
// controls (34 of CIS AWS 3.0.0, 26 Security Hub controls) × 17 regions of open findings and 90
// days of compliance history, then measures what runs every day: computeDay for the last day, the
// streaks over the history, and `rampart compliance` / `rampart escalate --dry-run` as a user runs
// them. Not part of the test command.
//
//   node bench/compliance.ts [--accounts 1000] [--days 90] [--db sqlite|postgres|both] [--repeat 3] [--keep dir]
//
// --keep keeps the SQLite store and policy in `dir` and the PostgreSQL schema, and reuses a store
// generated before with the same --accounts and --days, so that a change can be measured again
// without regenerating.
//
// The findings and the first days-1 days of history are written by bulk insert; the last day is
// computed by the real code (src/compliance/compute.ts), in child processes with bin/rampart.js's
// Node flags, so that each measurement's peak RSS is its own. CPU seconds are the measuring
// process's: on a busy machine they say more than wall time (PostgreSQL's own work is not in them).
// The history follows the last day's answer: a non-compliant account-control has been so for a run
// of 1 to all days, compliant ones had earlier spells, and every account misses about one scan in
// fifty (no row that day), as streaks have to handle.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { loadChecks } from '../src/checks/registry.ts';
import { computeDay, controlsInForce } from '../src/compliance/compute.ts';
import { DayJudge } from '../src/compliance/daily.ts';
import { compareDaily } from '../src/compliance/order.ts';
import type { DailyRow } from '../src/compliance/types.ts';
import { findingId, GLOBAL_REGION, type Status } from '../src/findings/model.ts';
import { loadPolicy } from '../src/policy/load.ts';
import { bulkInsert } from '../src/store/bulk.ts';
import { addDays, type JudgeableFinding } from '../src/store/compliance.ts';
import { openStore } from '../src/store/index.ts';
import { parseLocation } from '../src/store/location.ts';
import { ROLLUP_FROM_DAILY } from '../src/store/migrations.ts';
import { openPostgres } from '../src/store/postgres.ts';
import type { ComplianceDailyTable, Database, FindingsTable } from '../src/store/schema.ts';
import { openSqlite } from '../src/store/sqlite.ts';

const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'ca-central-1', 'sa-east-1',
];
const CIS = 'cis-aws-3.0.0';
const LAST_DAY = '2026-11-29';
const HUB_STANDARD = 'standards/aws-foundational-security-best-practices/v/1.0.0';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000' },
    days: { type: 'string', default: '90' },
    db: { type: 'string', default: 'both' },
    repeat: { type: 'string', default: '3' },
    keep: { type: 'string' },
    pg: { type: 'string', default: process.env.RAMPART_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test' },
    // Internal: a child process measuring one step against a store the parent generated.
    measure: { type: 'string' },
    location: { type: 'string' },
    policy: { type: 'string' },
  },
});

interface ControlSpec {
  source: 'rampart' | 'securityhub';
  checkId: string;
  requirement?: string;
  global: boolean;
  /** Resources per region (S3 buckets, security groups, …); account settings have one. */
  resources: number;
  /** Share of the regions where it does not apply (no RDS instance there, …). */
  notApplicable: number;
}

/** The checks of CIS 3.0.0's automated requirements, by the scope of their first check. */
async function controlSpecs(): Promise<ControlSpec[]> {
  const checks = await loadChecks();
  const { frameworkById } = await import('../src/frameworks/index.ts');
  const specs: ControlSpec[] = [];
  for (const r of frameworkById(CIS)!.requirements) {
    if (r.manual || r.checks.length === 0) continue;
    const check = checks.get(r.checks[0]!)!;
    const resource = check.scope === 'resource';
    specs.push({ source: 'rampart', checkId: check.id, requirement: r.id, global: check.scope === 'account', resources: resource ? 2 : 1, notApplicable: resource ? 0.3 : 0 });
  }
  const hubGlobal = ['IAM.1', 'IAM.2', 'IAM.3', 'IAM.4', 'IAM.5', 'IAM.6', 'IAM.9', 'S3.1'];
  const hubRegional = ['EC2.2', 'EC2.6', 'EC2.7', 'EC2.8', 'EC2.19', 'Config.1', 'GuardDuty.1', 'CloudTrail.1', 'S3.5', 'S3.8', 'KMS.4', 'RDS.3', 'RDS.13', 'Lambda.1', 'SSM.1', 'ELB.1', 'EFS.1', 'SecretsManager.1'];
  for (const id of hubGlobal) specs.push({ source: 'securityhub', checkId: id, global: true, resources: 1, notApplicable: 0 });
  for (const id of hubRegional) specs.push({ source: 'securityhub', checkId: id, global: false, resources: 1, notApplicable: id.startsWith('RDS') || id === 'EFS.1' ? 0.5 : 0 });
  return specs;
}

/** Deterministic noise in [0, 1) from a few integers (the same store on every run). */
function noise(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const k of keys) {
    h = Math.imul(h ^ k, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 2 ** 32;
}

const accountId = (i: number) => String(100_000_000_000 + i);
const ouOf = (i: number) => (i % 5 === 4 ? 'Root/Sandbox' : i % 2 === 0 ? 'Root/Workloads/Prod' : 'Root/Workloads/Dev');

function policyYaml(accounts: number): string {
  const listed = Array.from({ length: Math.min(40, accounts) }, (_, i) => `'${accountId(i * 7 % accounts)}'`).join(', ');
  return `version: 1
frameworks: [${CIS}]
home_regions: [us-east-1, eu-west-1]
controls:
  disabled:
    - { control: ${CIS}/1.17, reason: support cases are opened centrally, date: 2026-06-01 }
  scope:
    ${CIS}/3.1: any
    ${CIS}/3.3: home
    ${CIS}/2.2.1: [us-east-1, eu-west-1, eu-central-1, ap-southeast-1]
    securityhub/Config.1: home
    securityhub/GuardDuty.1: [us-east-1, us-west-2, eu-west-1, eu-central-1]
exceptions:
  - { control: ${CIS}/2.1.1, accounts: [${listed}], resource: 'arn:aws:s3:::*-logs-1', reason: log buckets move in Q1, approver: ciso@example.com, approved: 2026-08-01, expires: 2027-03-31 }
  - { control: ${CIS}/5.6, ous: [Root/Workloads/Dev], regions: [eu-west-1, eu-west-2], reason: legacy AMIs, approver: ciso@example.com, approved: 2026-09-01, expires: 2027-01-15 }
  - { control: ${CIS}/1.14, ous: [Root/Sandbox], reason: sandbox keys are short-lived, approver: ciso@example.com, approved: 2026-07-01, expires: 2027-07-01 }
  - { control: securityhub/EC2.8, ous: [Root/Workloads], regions: [ap-northeast-3, sa-east-1], reason: IMDSv1 agents, approver: ciso@example.com, approved: 2026-09-15, expires: 2026-11-20 }
  - { control: securityhub/S3.8, accounts: [${listed}], reason: public website buckets, approver: ciso@example.com, approved: 2026-10-01, expires: 2027-10-01 }
owners:
  tags: { owner_email: owner-email, manager_email: manager-email }
  security_team: { email: security@example.com }
`;
}

const STATUS_WEIGHTS = { error: 0.003, resolved: 0.03 };

/**
 * The findings of one account as stored rows and as the judge reads them. About 15% of an account's
 * controls are badly off (failing in ~40% of the regions); the rest fail rarely.
 */
function accountFindings(i: number, specs: readonly ControlSpec[], scanId: string, at: string): { rows: FindingsTable[]; judgeable: JudgeableFinding[] } {
  const acct = accountId(i);
  const rows: FindingsTable[] = [];
  const judgeable: JudgeableFinding[] = [];
  specs.forEach((s, c) => {
    const bad = noise(i, c, 1) < 0.15;
    const regions = s.global ? [GLOBAL_REGION] : REGIONS;
    regions.forEach((region, r) => {
      if (noise(i, c, r, 2) < s.notApplicable) return;
      for (let k = 0; k < s.resources; k++) {
        const x = noise(i, c, r, k, 3);
        const status: Status = x < STATUS_WEIGHTS.error ? 'ERROR' : x < (bad ? 0.4 : 0.004) ? 'FAIL' : 'PASS';
        const resolved = noise(i, c, r, k, 4) < STATUS_WEIGHTS.resolved;
        const resourceId = s.global ? `arn:aws:iam::${acct}:root` : s.checkId.startsWith('s3') ? `arn:aws:s3:::acme-${acct}-${region}-logs-${k}` : `arn:aws:ec2:${region}:${acct}:${s.checkId}/${k}`;
        const framework = s.source === 'rampart' ? CIS : HUB_STANDARD;
        const requirements = s.requirement ? [s.requirement] : [];
        const errorCode = status === 'ERROR' ? 'AccessDenied' : null;
        rows.push({
          id: findingId(s.source, s.checkId, acct, region, resourceId),
          source: s.source,
          check_id: s.checkId,
          account_id: acct,
          account_name: `account-${i}`,
          region,
          resource_id: resourceId,
          resource_type: s.global ? 'AwsAccount' : 'AwsEc2SecurityGroup',
          status: resolved ? 'FAIL' : status,
          severity: 'medium',
          severity_rank: 2,
          title: `${s.checkId} title`,
          reason: status === 'FAIL' ? `${s.checkId} fails on ${resourceId}` : `${s.checkId} holds`,
          framework,
          requirements: JSON.stringify(requirements),
          remediation: null,
          error_code: errorCode,
          evidence: null,
          observed_at: at,
          first_seen: '2026-06-01T03:00:00.000Z',
          last_seen: at,
          status_changed_at: at,
          last_scan_id: scanId,
          origin: s.source === 'rampart' ? 'scan' : 'securityhub',
          record_state: 'ACTIVE',
          workflow_status: 'NEW',
          finding_type: null,
          description: null,
          product: s.source === 'securityhub' ? 'Security Hub' : null,
          created_at: null,
          updated_at: null,
          regions: s.global && s.source === 'securityhub' ? JSON.stringify(REGIONS) : null,
          resolved_at: resolved ? '2026-10-01T03:00:00.000Z' : null,
        });
        if (!resolved) {
          judgeable.push({ accountId: acct, source: s.source, checkId: s.checkId, framework, requirements, region, resourceId, status, ...(errorCode ? { errorCode } : {}) });
        }
      }
    });
  });
  return { rows, judgeable };
}

/** Whether account `i` had no scan on day `d` (1-based); the last day every account is scanned. */
const missed = (i: number, d: number, days: number) => d < days && noise(i, d, 5) < 0.02;

/** One account-control's status on day `d` of the history, consistent with its last day. */
function historyStatus(row: DailyRow, i: number, c: number, d: number, days: number): DailyRow['status'] {
  const x = noise(i, c, 6);
  if (row.status === 'non_compliant') {
    // Runs of every length, a sixth of them longer than the history.
    const length = x < 0.3 ? 1 + Math.floor(x * 20) : x < 0.6 ? 7 + Math.floor((x - 0.3) * 50) : x < 0.85 ? 21 + Math.floor((x - 0.6) * 160) : days;
    return d > days - length ? 'non_compliant' : 'compliant';
  }
  if (row.status === 'compliant' && x < 0.15) {
    const start = 1 + Math.floor(noise(i, c, 7) * (days - 10));
    return d >= start && d < start + 3 + Math.floor(x * 60) ? 'non_compliant' : 'compliant';
  }
  return row.status;
}

type Db = Kysely<Database>;

async function seedingDb(location: string): Promise<Db> {
  const target = parseLocation(location);
  const dialect = target.kind === 'sqlite' ? openSqlite(target.path, target.display) : (await openPostgres(target)).dialect;
  return new Kysely<Database>({ dialect });
}

const DAILY_COLUMNS = ['day', 'account_id', 'control', 'framework', 'section', 'status', 'regions', 'failing', 'excepted', 'detail', 'computed_at'] as const;

/** Writes the generated organization; returns how many findings and history rows it wrote. */
async function generate(location: string, dialect: 'sqlite' | 'postgres', policyFile: string, accounts: number, days: number): Promise<{ findings: number; history: number }> {
  const store = await openStore(location);
  await store.close();
  const db = await seedingDb(location);
  const specs = await controlSpecs();
  const policy = (await loadPolicy(policyFile)).config;
  const dayOf = (d: number) => addDays(LAST_DAY, d - days);
  const scanIdOf = (d: number) => `bench-scan-${dayOf(d)}`;
  const at = `${LAST_DAY}T03:00:00.000Z`;
  try {
    const accountRows = Array.from({ length: accounts }, (_, i) => ({
      id: accountId(i),
      name: `account-${i}`,
      last_scan_id: null,
      last_scanned_at: null,
      email: `aws+${i}@example.com`,
      state: 'ACTIVE',
      ou_id: null,
      ou_path: ouOf(i),
      tags: JSON.stringify({ 'owner-email': `team-${i % 120}@example.com`, 'manager-email': `lead-${i % 30}@example.com` }),
    }));
    await db.transaction().execute(async (trx) => {
      for (let d = 1; d <= days; d++) {
        const covered = accountRows.filter((_, i) => !missed(i, d, days)).map((a) => a.id);
        const finished = `${dayOf(d)}T03:00:00.000Z`;
        await trx
          .insertInto('scans')
          .values({ id: scanIdOf(d), source: 'scan', actor: 'bench', started_at: finished, finished_at: finished, framework: CIS, accounts: JSON.stringify(covered), regions: JSON.stringify(REGIONS), counts: '{}', errors: '[]', skipped: '[]', status: 'complete' })
          .execute();
      }
      for (let from = 0; from < accountRows.length; from += 500) await trx.insertInto('accounts').values(accountRows.slice(from, from + 500)).execute();
    });

    // The last day's answer, from the real judge over the same findings, is what the history leads to.
    const meta = new Map(accountRows.map((a) => [a.id, { ouPath: a.ou_path }]));
    const judge = new DayJudge({ day: LAST_DAY, policy, controls: controlsInForce(policy, await loadChecks()), accounts: meta });
    let findings = 0;
    const batch = 50;
    for (let from = 0; from < accounts; from += batch) {
      const rows: FindingsTable[] = [];
      for (let i = from; i < Math.min(accounts, from + batch); i++) {
        const f = accountFindings(i, specs, scanIdOf(days), at);
        rows.push(...f.rows);
        judge.add(f.judgeable);
      }
      await db.transaction().execute(async (trx) => {
        for (let k = 0; k < rows.length; k += 500) await bulkInsert(trx, dialect, 'bench-findings', 'findings', Object.keys(rows[0]!) as (keyof FindingsTable)[], rows.slice(k, k + 500));
      });
      findings += rows.length;
    }
    // Sorted, as the judge's rows were when earlier stores were generated: the same history follows.
    const last = judge.takeRows().sort(compareDaily);
    const index = new Map(accountRows.map((a, i) => [a.id, i]));
    const controlIndex = new Map([...new Set(last.map((r) => r.control))].map((c, n) => [c, n]));
    let history = 0;
    for (let d = 1; d < days; d++) {
      const day = dayOf(d);
      const rows: ComplianceDailyTable[] = [];
      for (const r of last) {
        const i = index.get(r.accountId)!;
        if (missed(i, d, days)) continue;
        const status = historyStatus(r, i, controlIndex.get(r.control)!, d, days);
        const same = status === r.status;
        rows.push({
          day,
          account_id: r.accountId,
          control: r.control,
          framework: r.framework,
          section: r.section,
          status,
          regions: JSON.stringify(same ? r.regions : status === 'non_compliant' ? ['us-east-1'] : []),
          failing: same ? r.failing : status === 'non_compliant' ? 1 : 0,
          excepted: same ? r.excepted : 0,
          detail: same && r.detail ? JSON.stringify(r.detail) : null,
          computed_at: `${day}T03:05:00.000Z`,
        });
      }
      await db.transaction().execute(async (trx) => {
        for (let k = 0; k < rows.length; k += 2000) await bulkInsert(trx, dialect, 'bench-daily', 'compliance_daily', DAILY_COLUMNS, rows.slice(k, k + 2000));
      });
      history += rows.length;
    }
    // The rollup the store keeps with each day, and statistics as autovacuum would have them after
    // 90 days: what a store that has been running looks like.
    await ROLLUP_FROM_DAILY.execute(db);
    await sql`analyze`.execute(db);
    return { findings, history };
  } finally {
    await db.destroy();
  }
}

interface Step {
  times: number[];
  /** This process's CPU seconds (user + system) per run; the database server's are not in it. */
  cpu: number[];
  peakRssMiB: number;
  peakHeapMiB: number;
  result: string;
}

/** In a child: runs one step `repeat` times against the generated store and prints a Step as JSON. */
async function measureStep(step: string, location: string, policyFile: string, repeat: number): Promise<void> {
  const store = await openStore(location);
  const policy = (await loadPolicy(policyFile)).config;
  const checks = await loadChecks();
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  const times: number[] = [];
  const cpu: number[] = [];
  let result = '';
  try {
    for (let n = 0; n < repeat; n++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      if (step === 'day') {
        const { accounts, rows } = await computeDay(store, policy, checks, LAST_DAY, new Date(`${LAST_DAY}T06:00:00.000Z`));
        result = `${accounts.length} accounts, ${rows.length} rows`;
      } else {
        const streaks = await store.compliance.readStreaks(LAST_DAY);
        result = `${streaks.length} streaks, longest ${Math.max(0, ...streaks.map((s) => s.days))} days`;
      }
      times.push((performance.now() - started) / 1000);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1e6);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  } finally {
    clearInterval(sampler);
    await store.close();
  }
  const out: Step = { times, cpu, peakRssMiB: process.resourceUsage().maxRSS / 1024, peakHeapMiB: peakHeap / 2 ** 20, result };
  process.stdout.write(JSON.stringify(out));
}

const SELF = fileURLToPath(import.meta.url);
const BIN = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));

function run(argv: string[]): Promise<{ stdout: string; wallS: number; cpuS: number; peakRssMiB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kb=%M cpu-s=%U+%S', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000;
      const m = /peak-rss-kb=(\d+) cpu-s=([\d.]+)\+([\d.]+)/.exec(stderr);
      if (code !== 0 || !m) return reject(new Error(`${argv.slice(0, 4).join(' ')} failed (${code}): ${stderr.slice(-800)}`));
      resolve({ stdout, wallS, cpuS: Number(m[2]) + Number(m[3]), peakRssMiB: Number(m[1]) / 1024 });
    });
  });
}

/** The Node flags of bin/rampart.js's shebang (its smaller young generation): steps run as commands do. */
const BIN_FLAGS = (readFileSync(BIN, 'utf8').split('\n')[0] ?? '').split(/\s+/).filter((a) => a.startsWith('--'));

async function step(name: string, location: string, policyFile: string, repeat: number): Promise<Step> {
  const { stdout } = await run([process.execPath, ...BIN_FLAGS, SELF, '--measure', name, '--location', location, '--policy', policyFile, '--repeat', String(repeat)]);
  return JSON.parse(stdout) as Step;
}

async function onPostgres<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: values.pg });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A schema of its own, dropped at the end; with --keep one per size, kept for the next run. */
async function postgresTarget(accounts: number, days: number): Promise<{ url: string; exists: boolean; drop: () => Promise<void> }> {
  const schema = values.keep ? `rampart_bench_compliance_${accounts}_${days}` : `rampart_bench_compliance_${process.pid}`;
  const url = new URL(values.pg);
  url.searchParams.set('schema', schema);
  const exists = await onPostgres(async (c) => (await c.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount === 1);
  const drop = () => onPostgres(async (c) => void (await c.query(`drop schema if exists "${schema}" cascade`)));
  return { url: url.toString(), exists, drop };
}

const fmt = (s: number) => s.toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const accounts = Number(values.accounts);
  const days = Number(values.days);
  const repeat = Number(values.repeat);
  const dbs = values.db === 'both' ? ['sqlite', 'postgres'] : [values.db];
  if (spawnSync('npm', ['run', 'build'], { stdio: 'ignore' }).status !== 0) throw new Error('npm run build failed');
  if (values.keep) mkdirSync(values.keep, { recursive: true });
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'rampart-bench-compliance-'));
  const policyFile = join(dir, 'rampart.yaml');
  writeFileSync(policyFile, policyYaml(accounts));
  console.log(`compliance benchmark: ${accounts} accounts × 60 controls × ${REGIONS.length} regions, ${days} days (history by bulk insert, ${LAST_DAY} computed by computeDay), ${repeat} runs per step`);
  try {
    for (const db of dbs) {
      let location: string;
      let cleanup: () => Promise<void>;
      let reuse = false;
      let dropGenerated: () => Promise<void>;
      if (db === 'sqlite') {
        location = join(dir, `compliance-${accounts}-${days}.db`);
        reuse = values.keep !== undefined && existsSync(location);
        dropGenerated = async () => {
          for (const suffix of ['', '-wal', '-shm']) rmSync(location + suffix, { force: true });
        };
        cleanup = async () => undefined;
      } else {
        const target = await postgresTarget(accounts, days);
        location = target.url;
        reuse = target.exists;
        dropGenerated = target.drop;
        cleanup = values.keep ? async () => undefined : target.drop;
      }
      try {
        const started = performance.now();
        if (reuse) {
          console.log(`\n${db}: reusing ${location}`);
        } else {
          const seeded = await generate(location, db as 'sqlite' | 'postgres', policyFile, accounts, days).catch(async (err: unknown) => {
            // A half-generated store must not be reused by the next --keep run.
            await dropGenerated();
            throw err;
          });
          console.log(`\n${db}: generated ${seeded.findings} findings and ${seeded.history} history rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        }
        console.log('step                          wall s per run (first, then again)  median s  CPU s  peak RSS MiB  peak heap MiB  result');
        const show = (name: string, s: { times: number[]; cpu: number[]; peakRssMiB: number; peakHeapMiB?: number; result: string }) =>
          console.log(
            [name.padEnd(28), s.times.map(fmt).join(', ').padEnd(34), fmt(median(s.times)).padEnd(8), fmt(median(s.cpu)).padEnd(5), s.peakRssMiB.toFixed(0).padEnd(12), (s.peakHeapMiB?.toFixed(0) ?? '-').padEnd(13), s.result].join('  '),
          );
        show(`computeDay ${LAST_DAY}`, await step('day', location, policyFile, repeat));
        show(`readStreaks over ${days} days`, await step('streaks', location, policyFile, repeat));
        const env = { RAMPART_NOW: `${LAST_DAY}T06:00:00.000Z` };
        for (const [name, args] of [
          ['rampart compliance --json', ['compliance', '--json']],
          ['rampart escalate --dry-run', ['escalate', '--dry-run', '--json']],
        ] as const) {
          const runs = [];
          for (let n = 0; n < repeat; n++) runs.push(await run([BIN, ...args, '--db', location, '--policy', policyFile, '--now', env.RAMPART_NOW]));
          const out = JSON.parse(runs[0]!.stdout) as { accounts?: unknown[]; escalations?: unknown[] };
          const result = out.accounts ? `${out.accounts.length} accounts reported` : `${out.escalations?.length ?? 0} escalations planned`;
          show(name, { times: runs.map((r) => r.wallS), cpu: runs.map((r) => r.cpuS), peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)), result });
        }
      } finally {
        await cleanup();
      }
    }
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (values.measure) await measureStep(values.measure, values.location!, values.policy!, Number(values.repeat));
else await main();
