// End to end: the real CLI in a child process, real SDK clients over HTTP, the emulator serving the
// sample organization. What a live scan finds must equal what `evaluate` finds offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleOrganization } from '../../src/sample/index.ts';
import pg from 'pg';
import { openStore } from '../../src/store/index.ts';
import { startEmulator, type EmulatorWorld, type RunningEmulator } from '../support/emulator/index.ts';
import { runCli } from '../cli/run-cli.ts';
import { policyActions } from '../../scripts/scan-actions.ts';
import { loadChecks } from '../../src/checks/registry.ts';
import { isRegionCheck } from '../../src/checks/types.ts';

const { Pool } = pg;
const sample = sampleOrganization();
const NOW = sample.inventory.collectedAt;
let dir: string;

const world = (extra: Partial<EmulatorWorld> = {}): EmulatorWorld => ({
  callerAccountId: '111111111111',
  roleName: 'OrganizationAccountAccessRole',
  organization: sample.organization,
  regions: sample.regions,
  inventory: sample.inventory,
  ...extra,
});

const env = (emulator: RunningEmulator) => ({
  AWS_ACCESS_KEY_ID: 'AKIDE2ETEST',
  AWS_SECRET_ACCESS_KEY: 'e2e-not-a-secret',
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: emulator.endpoint,
  AWS_PROFILE: '',
  RAMPART_NOW: NOW,
});

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-e2e-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function storedFindings(db: string) {
  const store = await openStore(db);
  try {
    return await store.findings({ limit: 100_000 });
  } finally {
    await store.close();
  }
}

const key = (f: { checkId: string; accountId: string; region: string; resourceId: string; status: string; reason: string }) =>
  `${f.checkId}|${f.accountId}|${f.region}|${f.resourceId}|${f.status}|${f.reason}`;

test('scan --org over HTTP finds exactly what evaluate finds offline, and the inventory round-trips', async () => {
  const emulator = await startEmulator(world());
  try {
    const liveDb = join(dir, 'live.db');
    const inv = join(dir, 'inv.json.gz');
    const live = await runCli(['scan', '--org', '--db', liveDb, '--inventory-out', inv, '--format', 'ocsf', '--out', join(dir, 'reports'), '--no-progress'], { env: env(emulator), cwd: dir });
    assert.equal(live.code, 3, `partial scan (the sample has an access-denied region): ${live.stderr}`);
    assert.match(live.stdout, /acme-management/);

    assert.deepEqual(emulator.calls.repeated().map((c) => `${c.accountId} ${c.region} ${c.service}:${c.operation}`), [], 'no API call is made twice');
    const allowed = new Set(await policyActions('scan'));
    const toAction: Record<string, string> = { monitoring: 'cloudwatch', 'access-analyzer': 'access-analyzer', s3control: 's3', elasticfilesystem: 'elasticfilesystem' };
    for (const c of emulator.calls.entries) {
      if (c.operation === 'GetCallerIdentity') continue;
      const op = { ListBuckets: 'ListAllMyBuckets', GetPublicAccessBlock: c.service === 's3control' ? 'GetAccountPublicAccessBlock' : 'GetBucketPublicAccessBlock' }[c.operation] ?? c.operation;
      assert.ok(allowed.has(`${toAction[c.service] ?? c.service}:${op}`), `call ${c.service}:${c.operation} is not in the scan policy`);
    }

    const offlineDb = join(dir, 'offline.db');
    const offline = await runCli(['evaluate', '--inventory', inv, '--db', offlineDb], { cwd: dir });
    assert.equal(offline.code, 3, offline.stderr);

    const a = (await storedFindings(liveDb)).map(key).sort();
    const b = (await storedFindings(offlineDb)).map(key).sort();
    assert.ok(a.length > 500, `only ${a.length} findings`);
    assert.deepEqual(a, b);

    // The same run recorded in PostgreSQL holds the same findings.
    const schema = `rampart_e2e_${process.pid}`;
    const pgUrl = `${process.env.RAMPART_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test'}?schema=${schema}`;
    try {
      const pg = await runCli(['evaluate', '--inventory', inv, '--db', pgUrl], { cwd: dir });
      assert.equal(pg.code, 3, pg.stderr);
      assert.deepEqual((await storedFindings(pgUrl)).map(key).sort(), a);
    } finally {
      const pool = new Pool({ connectionString: process.env.RAMPART_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test' });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    }

    const reports = await readdir(join(dir, 'reports'));
    assert.equal(reports.filter((f) => f.endsWith('.ocsf.jsonl')).length, 1);
  } finally {
    await emulator.close();
  }
});

test('errors are data: a denied AssumeRole, a throttled region and a missing API give ERROR, not a stop', async () => {
  const emulator = await startEmulator(
    world({
      faults: [
        { operation: 'AssumeRole', accountId: '444444444444', code: 'AccessDenied', httpStatus: 403 },
        { accountId: '222222222222', region: 'eu-west-1', service: 'ec2', operation: 'DescribeSecurityGroups', code: 'RequestLimitExceeded', httpStatus: 503, times: 2 },
        { accountId: '222222222222', service: 'elasticfilesystem', code: 'UnknownOperationException', httpStatus: 404 },
      ],
    }),
  );
  try {
    const db = join(dir, 'faults.db');
    const r = await runCli(['scan', '--org', '--db', db, '--json', '--no-progress'], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 3, r.stderr);
    const out = JSON.parse(r.stdout) as { scan: { status: string; errors: { accountId?: string; code: string }[]; skipped: { accountId?: string; reason: string }[] } };
    assert.equal(out.scan.status, 'partial');
    assert.ok(out.scan.errors.some((e) => e.accountId === '444444444444' && e.code === 'AccessDenied'));
    assert.ok(out.scan.skipped.some((s) => s.accountId === '555555555555' && /suspended/.test(s.reason)), 'suspended account skipped and reported');

    const findings = await storedFindings(db);
    const sandbox = findings.filter((f) => f.accountId === '444444444444' && f.source === 'rampart' && !f.checkId.includes(':'));
    assert.ok(sandbox.length > 0 && sandbox.every((f) => f.status === 'ERROR' && f.errorCode === 'AccessDenied'), 'inaccessible account: every check ERROR with the AWS code');
    assert.ok(!findings.some((f) => f.accountId === '444444444444' && (f.status === 'PASS' || f.status === 'FAIL')));

    const sg = findings.filter((f) => f.accountId === '222222222222' && f.region === 'eu-west-1' && f.checkId === 'ec2_sg_no_admin_ports_open_ipv4');
    assert.ok(sg.length > 0 && sg.every((f) => f.status !== 'ERROR'), 'throttling was retried away');
    assert.equal(emulator.calls.count({ accountId: '222222222222', region: 'eu-west-1', operation: 'DescribeSecurityGroups', errorCode: 'RequestLimitExceeded' }), 2);

    const efs = findings.filter((f) => f.accountId === '222222222222' && f.checkId === 'efs_file_system_encrypted');
    assert.ok(efs.length > 0 && efs.every((f) => f.status === 'ERROR' && f.errorCode === 'UnknownOperationException'));
  } finally {
    await emulator.close();
  }
});

test('--accounts and --regions narrow the scan; a region AWS does not know stops it with exit 1', async () => {
  const emulator = await startEmulator(world());
  try {
    const db = join(dir, 'narrow.db');
    const r = await runCli(['scan', '--accounts', '111111111111,222222222222', '--regions', 'us-east-1', '--db', db, '--fail-on', 'critical', '--no-progress'], { env: env(emulator), cwd: dir });
    assert.ok(r.code === 0 || r.code === 2, r.stderr);
    const findings = await storedFindings(db);
    assert.deepEqual([...new Set(findings.map((f) => f.accountId))].sort(), ['111111111111', '222222222222']);
    const regional = new Set([...(await loadChecks()).values()].filter(isRegionCheck).map((c) => c.id));
    assert.deepEqual([...new Set(findings.filter((f) => regional.has(f.checkId)).map((f) => f.region))], ['us-east-1']);
    // Buckets and trails are global resources: their own calls go to the bucket's or trail's home region.
    const elsewhere = new Set(emulator.calls.entries.filter((c) => c.region !== 'us-east-1').map((c) => c.service));
    assert.deepEqual([...elsewhere].filter((s) => !['s3', 'cloudtrail', 'logs', 'monitoring', 'sns'].includes(s)), []);

    const bad = await runCli(['scan', '--accounts', '111111111111', '--regions', 'eu-north-9', '--db', join(dir, 'bad.db')], { env: env(emulator), cwd: dir });
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim(), 'rampart: unknown region(s): eu-north-9');
  } finally {
    await emulator.close();
  }
});

test('an account left with no region to scan is partial with NoRegionScanned, never FAIL', async () => {
  const emulator = await startEmulator(world());
  try {
    const db = join(dir, 'noregion.db');
    const r = await runCli(['scan', '--accounts', '222222222222', '--regions', 'ap-east-1', '--db', db, '--json', '--no-progress'], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 3, r.stderr);
    const out = JSON.parse(r.stdout) as { scan: { errors: { accountId?: string; code: string }[] } };
    assert.ok(out.scan.errors.some((e) => e.accountId === '222222222222' && e.code === 'NoRegionScanned'));
    const findings = await storedFindings(db);
    const trailAndMonitoring = findings.filter((f) => /^(cloudtrail|monitoring)_/.test(f.checkId));
    assert.ok(trailAndMonitoring.length > 0);
    assert.deepEqual([...new Set(trailAndMonitoring.map((f) => f.status))], ['ERROR']);
  } finally {
    await emulator.close();
  }
});

test('--fail-on gates on severity with exit code 2', async () => {
  const emulator = await startEmulator(world());
  try {
    const r = await runCli(['scan', '--accounts', '444444444444', '--regions', 'us-east-1', '--db', join(dir, 'gate.db'), '--fail-on', 'high', '--no-progress'], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 2, r.stderr);
  } finally {
    await emulator.close();
  }
});

test('one item per page everywhere: the scan still sees everything', async () => {
  const emulator = await startEmulator(world(), { pageSize: 1 });
  try {
    const db = join(dir, 'page1.db');
    const r = await runCli(['scan', '--org', '--db', db, '--no-progress'], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 3, r.stderr);
    const offline = await runCli(['demo', '--db', join(dir, 'page1-demo.db')], { cwd: dir });
    assert.equal(offline.code, 0, offline.stderr);
    const a = (await storedFindings(db)).map(key).sort();
    const b = (await storedFindings(join(dir, 'page1-demo.db'))).map(key).sort();
    assert.deepEqual(a, b);
  } finally {
    await emulator.close();
  }
});

test('opt-in regions are per account: scanned where opted in, skipped and listed where not', async () => {
  const emulator = await startEmulator(world({ accountRegions: { '222222222222': { 'ap-east-1': 'opted-in' } } }));
  try {
    const db = join(dir, 'optin.db');
    const r = await runCli(['scan', '--accounts', '222222222222,333333333333', '--regions', 'us-east-1,ap-east-1', '--db', db, '--json', '--no-progress'], { env: env(emulator), cwd: dir });
    assert.ok(r.code === 0 || r.code === 3, r.stderr);
    const out = JSON.parse(r.stdout) as { scan: { regions: string[]; skipped: { accountId?: string; region?: string; reason: string }[] } };
    assert.deepEqual(out.scan.regions, ['ap-east-1', 'us-east-1']);
    assert.deepEqual(
      out.scan.skipped.filter((s) => s.region === 'ap-east-1').map((s) => s.accountId),
      ['333333333333'],
    );
    const findings = await storedFindings(db);
    assert.ok(findings.some((f) => f.accountId === '222222222222' && f.region === 'ap-east-1'));
    assert.ok(!findings.some((f) => f.accountId === '333333333333' && f.region === 'ap-east-1'));
    assert.equal(emulator.calls.count({ accountId: '333333333333', region: 'ap-east-1' }), 0, 'no call to a region the account has not enabled');
  } finally {
    await emulator.close();
  }
});

test('--external-id is passed to AssumeRole; without it the member accounts are ERROR, the caller is still scanned', async () => {
  const emulator = await startEmulator(world({ externalId: 'rampart-ext-42' }));
  try {
    const ok = await runCli(['scan', '--accounts', '111111111111,222222222222', '--regions', 'us-east-1', '--external-id', 'rampart-ext-42', '--db', join(dir, 'ext-ok.db'), '--no-progress'], { env: env(emulator), cwd: dir });
    assert.ok(ok.code === 0 || ok.code === 3, ok.stderr);
    assert.ok(!(await storedFindings(join(dir, 'ext-ok.db'))).some((f) => f.errorCode === 'AccessDenied'));

    const db = join(dir, 'ext-missing.db');
    const missing = await runCli(['scan', '--accounts', '111111111111,222222222222', '--regions', 'us-east-1', '--db', db, '--no-progress'], { env: env(emulator), cwd: dir });
    assert.equal(missing.code, 3, missing.stderr);
    const findings = await storedFindings(db);
    assert.ok(findings.filter((f) => f.accountId === '222222222222').every((f) => f.status === 'ERROR' || f.status === 'MANUAL'));
    assert.ok(findings.some((f) => f.accountId === '111111111111' && f.status === 'PASS'));
  } finally {
    await emulator.close();
  }
});

test('an account that will not list its regions is scanned in the caller\'s regions, and says so', async () => {
  const emulator = await startEmulator(world({ faults: [{ accountId: '333333333333', operation: 'DescribeRegions', code: 'UnauthorizedOperation', httpStatus: 403 }] }));
  try {
    const db = join(dir, 'noregions.db');
    const r = await runCli(['scan', '--accounts', '111111111111,333333333333', '--db', db, '--json', '--no-progress'], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 3, r.stderr);
    const out = JSON.parse(r.stdout) as { scan: { errors: { accountId?: string; code: string; message: string }[] } };
    const issue = out.scan.errors.find((e) => e.accountId === '333333333333' && e.code === 'UnauthorizedOperation');
    assert.ok(issue, JSON.stringify(out.scan.errors));
    assert.match(issue.message, /could not list regions .*scanning ap-northeast-1, eu-west-1, us-east-1/);
    const findings = await storedFindings(db);
    assert.deepEqual([...new Set(findings.filter((f) => f.accountId === '333333333333' && f.checkId === 'ec2_ebs_default_encryption').map((f) => f.region))].sort(), ['ap-northeast-1', 'eu-west-1', 'us-east-1']);
  } finally {
    await emulator.close();
  }
});

test('without --org or --accounts the account of the calling credentials is scanned', async () => {
  const emulator = await startEmulator(world());
  try {
    const db = join(dir, 'caller.db');
    const inv = join(dir, 'caller.json.gz');
    const r = await runCli(['scan', '--regions', 'us-east-1', '--inventory-out', inv, '--db', db, '--no-progress'], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([...new Set((await storedFindings(db)).map((f) => f.accountId))], ['111111111111']);
    assert.equal(emulator.calls.count({ operation: 'ListAccounts' }), 0);
    assert.equal(emulator.calls.count({ operation: 'AssumeRole' }), 0, 'its own credentials, no role');
    const back = await runCli(['evaluate', '--inventory', inv, '--db', join(dir, 'caller-offline.db')], { cwd: dir });
    assert.equal(back.code, 0, back.stderr);
  } finally {
    await emulator.close();
  }
});
