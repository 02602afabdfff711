// Benchmark: the dashboard API's main queries on a generated store of 1,000,000 findings (1,000
// accounts in 20 OUs, 17 regions, Rampart checks and Security Hub, GuardDuty and Inspector findings)
// with 30 days of daily compliance, on SQLite and on PostgreSQL. Requests go through the real HTTP
// application (routing, validation, access scope, JSON), in process. Not part of the test command.
//
//   node bench/api.ts [--findings 1000000] [--accounts 1000] [--days 30] [--runs 30] [--only sqlite|postgres] [--keep]
//
// --keep keeps the SQLite file (in --dir) and the PostgreSQL schema (one per size) and reuses them
// on the next run, migrated by the code under test: generating 1,000,000 findings takes minutes.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { loadChecks } from '../src/checks/registry.ts';
import { controlsInForce } from '../src/compliance/compute.ts';
import { SEVERITIES } from '../src/findings/model.ts';
import { policySchema } from '../src/policy/schema.ts';
import { createApp } from '../src/server/app.ts';
import { sha256Hex } from '../src/server/users.ts';
import { bulkInsert } from '../src/store/bulk.ts';
import { ROLLUP_FROM_DAILY } from '../src/store/migrations.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { openKysely } from './support/kysely.ts';

const { values } = parseArgs({
  options: {
    findings: { type: 'string', default: '1000000' },
    accounts: { type: 'string', default: '1000' },
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '30' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    pg: { type: 'string', default: process.env.RAMPART_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test' },
    dir: { type: 'string', default: join(tmpdir(), 'rampart-bench-api') },
  },
});
const FINDINGS = Number(values.findings);
const ACCOUNTS = Number(values.accounts);
const DAYS = Number(values.days);
const RUNS = Number(values.runs);
const TODAY = '2026-11-30';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'ca-central-1', 'sa-east-1', 'global'];
const WORDS = ['payments', 'search', 'identity', 'checkout', 'catalog', 'mobile', 'data', 'ml', 'platform', 'growth'];
const OUS = Array.from({ length: 20 }, (_, i) => `Root/${i < 10 ? 'Workloads' : 'Sandbox'}/${WORDS[i % 10]}-${Math.floor(i / 10)}`);

/** Deterministic, so SQLite and PostgreSQL hold the same data and runs compare. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const accountId = (i: number) => String(100000000000 + i * 7919).padStart(12, '0');
const dayBefore = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

const policy = { config: policySchema.parse({}) };

async function generate(location: string): Promise<void> {
  const { db, dialect, close } = await openKysely(location);
  const rnd = random(20261130);
  const checks = await loadChecks();
  const controls = [...controlsInForce(policy.config, checks).values()].slice(0, 60);
  const started = performance.now();
  await db.insertInto('scans').values({ id: 'bench', source: 'scan', actor: 'bench', started_at: NOW.toISOString(), finished_at: NOW.toISOString(), framework: 'cis-aws-3.0.0', accounts: '[]', regions: '[]', counts: '{}', errors: '[]', skipped: '[]', status: 'complete' }).execute();
  for (let i = 0; i < ACCOUNTS; i += 500) {
    await db
      .insertInto('accounts')
      .values(Array.from({ length: Math.min(500, ACCOUNTS - i) }, (_, k) => ({ id: accountId(i + k), name: `${WORDS[(i + k) % 10]}-${i + k}`, ou_path: OUS[(i + k) % OUS.length]!, last_scan_id: 'bench', last_scanned_at: NOW.toISOString() })))
      .execute();
  }
  const columns = ['id', 'source', 'check_id', 'account_id', 'account_name', 'region', 'resource_id', 'resource_type', 'status', 'severity', 'severity_rank', 'title', 'reason', 'framework', 'requirements', 'observed_at', 'first_seen', 'last_seen', 'status_changed_at', 'last_scan_id', 'origin', 'record_state', 'workflow_status', 'finding_type', 'resolved_at'] as const;
  const batch = dialect === 'postgres' ? 5000 : 500;
  for (let i = 0; i < FINDINGS; i += batch * 20) {
    await db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(FINDINGS, i + batch * 20); j += batch) {
        const rows = [];
        for (let n = j; n < Math.min(FINDINGS, j + batch); n++) {
          const a = Math.floor(rnd() * ACCOUNTS);
          const kind = rnd();
          const source = kind < 0.7 ? 'rampart' : kind < 0.9 ? 'securityhub' : kind < 0.97 ? 'guardduty' : 'inspector';
          const c = controls[Math.floor(rnd() * controls.length)]!;
          const sev = Math.min(4, Math.floor(rnd() * rnd() * 6));
          const region = REGIONS[Math.floor(rnd() * REGIONS.length)]!;
          const word = WORDS[Math.floor(rnd() * WORDS.length)]!;
          const seen = dayBefore(Math.floor(rnd() * 90));
          const status = source === 'rampart' || source === 'securityhub' ? (rnd() < 0.35 ? 'FAIL' : rnd() < 0.95 ? 'PASS' : 'ERROR') : 'FAIL';
          const resolved = rnd() < 0.1 ? `${TODAY}T00:00:00.000Z` : null;
          const type = source === 'guardduty' ? `Recon:EC2/${word}Probe` : source === 'inspector' ? 'Software and Configuration Checks/Vulnerabilities/CVE' : null;
          rows.push({
            id: `f${n.toString(36).padStart(8, '0')}`,
            source,
            check_id: source === 'rampart' ? c.ref.split('/')[1]!.replaceAll('.', '_') : source === 'securityhub' ? `IAM.${1 + (n % 30)}` : (type ?? 'x'),
            account_id: accountId(a),
            account_name: `${WORDS[a % 10]}-${a}`,
            region,
            resource_id: `arn:aws:s3:::${word}-bucket-${n}`,
            resource_type: ['AwsS3Bucket', 'AwsEc2Instance', 'AwsIamRole', 'AwsAccount'][n % 4]!,
            status,
            severity: SEVERITIES[sev]!,
            severity_rank: sev,
            title: `${c.title} (${word})`,
            reason: `bucket ${word}-bucket-${n} is not encrypted`,
            framework: source === 'rampart' ? c.framework : source,
            requirements: source === 'rampart' ? JSON.stringify([c.ref.split('/')[1]]) : '[]',
            observed_at: `${seen}T06:00:00.000Z`,
            first_seen: `${seen}T06:00:00.000Z`,
            last_seen: `${TODAY}T06:00:00.000Z`,
            status_changed_at: `${seen}T06:00:00.000Z`,
            last_scan_id: 'bench',
            origin: source === 'rampart' ? 'scan' : source === 'inspector' ? 'securityhub' : source,
            record_state: 'ACTIVE',
            workflow_status: 'NEW',
            finding_type: type,
            resolved_at: resolved,
          });
        }
        await bulkInsert(trx, dialect, 'bench-findings', 'findings', columns, rows as never);
      }
    });
  }
  const daily = ['day', 'account_id', 'control', 'framework', 'section', 'status', 'regions', 'failing', 'excepted', 'detail', 'computed_at'] as const;
  for (let d = DAYS - 1; d >= 0; d--) {
    const day = dayBefore(d);
    await db.transaction().execute(async (trx) => {
      const rows = [];
      for (let a = 0; a < ACCOUNTS; a++) {
        for (const c of controls) {
          const r = rnd();
          rows.push({ day, account_id: accountId(a), control: c.ref, framework: c.framework, section: c.section, status: r < 0.65 ? 'compliant' : r < 0.95 ? 'non_compliant' : 'excepted', regions: '[]', failing: r < 0.65 ? 0 : 1, excepted: 0, detail: null, computed_at: NOW.toISOString() });
          if (rows.length === batch) await bulkInsert(trx, dialect, 'bench-daily', 'compliance_daily', daily, rows.splice(0) as never);
        }
      }
      if (rows.length) await bulkInsert(trx, dialect, 'bench-daily', 'compliance_daily', daily, rows as never);
    });
  }
  await ROLLUP_FROM_DAILY.execute(db);
  // Statistics, which a large import or scan gathers (and autovacuum on PostgreSQL), and on
  // PostgreSQL the visibility map that index-only scans need: what a store that has been running for
  // a while has.
  await sql.raw(dialect === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
  await close();
  console.log(`  generated ${FINDINGS.toLocaleString('en')} findings and ${(DAYS * ACCOUNTS * controls.length).toLocaleString('en')} compliance rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(store: Store): Promise<void> {
  const checks = await loadChecks();
  const owner = 'bench-owner-token-0123456789';
  const users = [
    { user: 'admin', role: 'admin' as const, accounts: null, tokenSha256: sha256Hex('bench-admin-token-0123456789') },
    { user: 'owner', role: 'account-owner' as const, accounts: [accountId(1), accountId(2), accountId(3)], tokenSha256: sha256Hex(owner) },
  ];
  const app = createApp({
    store,
    events: { apiKey: undefined, header: 'x-api-key' },
    now: () => NOW,
    dashboard: { context: { store, policy, controls: controlsInForce(policy.config, checks), now: () => NOW }, access: { users, open: false, now: () => NOW, sessionKey: randomBytes(32) } },
  });
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const queries: [string, () => string, string?][] = [
    ['findings: first page (open FAIL)', () => '/api/findings?limit=50'],
    ['findings: page 100', () => `/api/findings?limit=50&offset=${4950 + Math.floor(rnd() * 100)}`],
    ['findings: severity+region', () => `/api/findings?severity=critical,high&region=${pick(REGIONS)}`],
    ['findings: one account', () => `/api/findings?account=${accountId(Math.floor(rnd() * ACCOUNTS))}`],
    ['findings: one OU', () => `/api/findings?ou=${encodeURIComponent(pick(OUS))}`],
    ['findings: control', () => `/api/findings?control=securityhub/IAM.${1 + Math.floor(rnd() * 30)}`],
    ['findings: source guardduty', () => '/api/findings?source=guardduty&sort=lastSeen'],
    ['findings: first seen 7 days', () => `/api/findings?firstSeenFrom=${dayBefore(7)}`],
    ['findings: free text', () => `/api/findings?q=${pick(WORDS)}-bucket-${Math.floor(rnd() * 1000)}`],
    ['groups: by account', () => '/api/findings/groups?groupBy=account'],
    ['groups: by control, critical', () => '/api/findings/groups?groupBy=control&severity=critical'],
    ['groups: by region', () => '/api/findings/groups?groupBy=region'],
    ['overview (30 days)', () => '/api/overview?days=30'],
    ['heat map', () => '/api/heatmap'],
    ['accounts', () => '/api/accounts'],
    ['account page', () => `/api/accounts/${accountId(Math.floor(rnd() * ACCOUNTS))}`],
    ['owner: first page', () => '/api/findings?limit=50', owner],
  ];
  console.log('  query                               p50 ms   p95 ms   max ms');
  for (const [name, path, token] of queries) {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const url = path();
      const t = performance.now();
      const res = await app.request(url, { headers: { authorization: `Bearer ${token ?? 'bench-admin-token-0123456789'}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      // The first two warm caches and statement plans, as a running server has.
      if (i >= 2) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(34)} ${percentile(times, 50).toFixed(1).padStart(7)}  ${percentile(times, 95).toFixed(1).padStart(7)}  ${times.at(-1)!.toFixed(1).padStart(7)}`);
  }
}

console.log(`api benchmark: ${FINDINGS.toLocaleString('en')} findings, ${ACCOUNTS} accounts, ${DAYS} days of compliance, ${RUNS} runs per query`);
mkdirSync(values.dir, { recursive: true });
for (const kind of ['sqlite', 'postgres'] as const) {
  if (values.only && values.only !== kind) continue;
  console.log(`\n${kind}`);
  let location: string;
  let drop = async () => {};
  let fresh = true;
  // A half-generated store must not be reused by the next --keep run.
  let generateFailed: () => Promise<void>;
  if (kind === 'sqlite') {
    location = join(values.dir, `api-${FINDINGS}.db`);
    generateFailed = async () => rmSync(location, { force: true });
    if (values.keep && existsSync(location)) fresh = false;
    else rmSync(location, { force: true });
    if (!values.keep) drop = async () => rmSync(location, { force: true });
  } else {
    const schema = values.keep ? `rampart_bench_api_${FINDINGS}` : `rampart_bench_api_${process.pid}`;
    const url = new URL(values.pg);
    url.searchParams.set('schema', schema);
    location = url.toString();
    const onPostgres = async <T>(run: (client: pg.Client) => Promise<T>) => {
      const client = new pg.Client({ connectionString: values.pg });
      await client.connect();
      try {
        return await run(client);
      } finally {
        await client.end();
      }
    };
    if (values.keep) fresh = (await onPostgres((c) => c.query('select 1 from pg_namespace where nspname = $1', [schema]))).rowCount === 0;
    const dropSchema = () => onPostgres(async (c) => void (await c.query(`drop schema if exists "${schema}" cascade`)));
    if (!values.keep) drop = dropSchema;
    generateFailed = dropSchema;
  }
  const store = await openStore(location);
  try {
    if (fresh) {
      try {
        await generate(location);
      } catch (err) {
        await generateFailed();
        throw err;
      }
    }
    await measure(store);
    const mem = process.memoryUsage();
    console.log(`  process RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await store.close();
    await drop();
  }
}
