import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { INGEST_BATCH } from '../../src/hub/ingest.ts';
import { openStore } from '../../src/store/index.ts';
import { backends } from '../store/support.ts';
import { runCli } from '../cli/run-cli.ts';
import { startEmulator, type RunningEmulator } from '../support/emulator/index.ts';
import { BASE_CREDENTIALS, NO_DETECTOR, ROLE, SECURITY, WORKLOAD, hubWorld } from '../support/hub-world.ts';
import { guardDutyPortProbeAsff, iamRootMfaControl, inspectorFinding, prowlerFinding } from '../hub/fixtures.ts';

const env = (emulator: RunningEmulator) => ({
  AWS_ACCESS_KEY_ID: BASE_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: BASE_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: emulator.endpoint,
  AWS_PROFILE: '',
});

interface ImportJson {
  run: { id: string; source: string; status: string; actor: string; errors: { accountId?: string; region?: string; code: string }[] };
  summary: { inserted: number; changed: number; unchanged: number; resolved: number; reopened: number };
  rejected: { position: number; reason: string }[];
}

describe('rampart import securityhub / guardduty against the emulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-import-'));
  const db = join(dir, 'rampart.db');
  const world = hubWorld({ admin: SECURITY });
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator(world);
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pull = async (args: string[]) => {
    const r = await runCli(['import', ...args, '--role-name', ROLE, '--db', db, '--json'], { env: env(emulator), cwd: dir });
    assert.notEqual(r.code, 1, r.stderr);
    return { code: r.code, out: JSON.parse(r.stdout) as ImportJson };
  };

  it('pulls the organization from the delegated administrator: global controls once, re-import changes nothing', async () => {
    const first = await pull(['securityhub', '--org']);
    assert.equal(first.code, 0);
    assert.equal(first.out.run.source, 'securityhub');
    assert.match(first.out.run.actor, /^arn:aws:/);
    // Per account: IAM.0 and IAM.2 about the account (global: one each, not one per region) and two
    // Inspector findings in each of 3 regions; the archived CRITICAL ones are not pulled.
    assert.equal(first.out.summary.inserted, 4 * (2 + 2 * 3));
    const store = await openStore(db);
    try {
      const controls = await store.findings({ checkId: ['IAM.0'], accountId: [WORKLOAD] });
      assert.equal(controls.length, 1);
      assert.deepEqual(controls[0]?.regions, ['ap-southeast-2', 'eu-west-1', 'us-east-1']);
      assert.equal((await store.rawDocument(controls[0]!.id))?.format, 'asff');
    } finally {
      await store.close();
    }
    const callsFromMembers = emulator.calls.entries.filter((c) => c.operation === 'GetFindings' && c.accountId !== SECURITY);
    assert.deepEqual(callsFromMembers, [], 'only the administrator is asked for findings');

    const again = await pull(['securityhub', '--org']);
    assert.deepEqual(again.out.summary, { inserted: 0, changed: 0, unchanged: 32, resolved: 0, reopened: 0 });
  });

  it('resolves what a complete pull no longer returns, and what Security Hub archived, with history', async () => {
    const findings = world.hub!.securityhub!.findings;
    const gone = findings.findIndex((f) => f.AwsAccountId === WORKLOAD && f.Region === 'eu-west-1' && f.ProductName === 'Inspector');
    const goneId = findings[gone]!.Id;
    findings.splice(gone, 1);
    const r = await pull(['securityhub', '--org']);
    assert.equal(r.out.summary.resolved, 1);
    const store = await openStore(db);
    try {
      const resolved = await store.findings({ open: false });
      assert.equal(resolved.length, 1);
      assert.equal((await store.rawDocument(resolved[0]!.id)) !== undefined, true);
      assert.equal(((await store.rawDocument(resolved[0]!.id))?.document as { Id: string }).Id, goneId);
      const history = await store.findingHistory(resolved[0]!.id);
      assert.deepEqual(history.map((h) => h.change), ['status', 'resolved']);
      assert.equal(history[1]?.reason, 'no longer reported by securityhub');
    } finally {
      await store.close();
    }
  });

  it('an incremental pull (--since) sees archivals but resolves nothing by absence', async () => {
    const r = await pull(['securityhub', '--org', '--since', '2026-11-01T00:00:00Z']);
    assert.equal(r.code, 0);
    // The archived CRITICAL findings now arrive and are stored closed, not absent ones resolved.
    assert.equal(r.out.summary.resolved, 0);
    const store = await openStore(db);
    try {
      const closed = await store.findings({ open: false });
      assert.ok(closed.length > 1);
      assert.ok(closed.some((f) => f.recordState === 'ARCHIVED'));
    } finally {
      await store.close();
    }
  });

  it('pulls GuardDuty account by account without an administrator; a region without a detector is a listed problem (exit 3)', async () => {
    world.hub!.guardduty!.adminAccountId = undefined;
    const r = await pull(['guardduty', '--org']);
    assert.equal(r.code, 3);
    assert.equal(r.out.run.source, 'guardduty');
    assert.deepEqual(
      r.out.run.errors.filter((e) => e.code === 'GuardDutyNotEnabled').map((e) => [e.accountId, e.region]),
      [[NO_DETECTOR.accountId, NO_DETECTOR.region]],
    );
    assert.ok(r.out.summary.inserted > 0);
    const perAccount = emulator.calls.entries.filter((c) => c.operation === 'ListFindings' && c.accountId === WORKLOAD);
    assert.ok(perAccount.length > 0, 'member accounts are asked themselves');
  });

  it('refuses bad input with one line and exit 1', async () => {
    const r = await runCli(['import', 'securityhub', '--accounts', '12345', '--db', db], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^rampart: .*malformed account id '12345'/);
    const since = await runCli(['import', 'guardduty', '--since', 'yesterday', '--db', db], { env: env(emulator), cwd: dir });
    assert.equal(since.code, 1);
    assert.match(since.stderr, /not an ISO date-time/);
  });
});

describe('rampart import asff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-asff-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports every finding of a file from any producer; a second import changes nothing', async () => {
    const file = join(dir, 'findings.json');
    writeFileSync(file, JSON.stringify({ Findings: [iamRootMfaControl('us-east-1'), iamRootMfaControl('eu-west-1'), inspectorFinding(), prowlerFinding(), guardDutyPortProbeAsff()] }));
    const db = join(dir, 'good.db');
    const first = await runCli(['import', 'asff', file, '--db', db, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const out = JSON.parse(first.stdout) as ImportJson;
    assert.equal(out.summary.inserted, 4, 'the IAM.6 control from two regions is one finding');
    assert.equal(out.run.source, 'asff-file');
    const second = JSON.parse((await runCli(['import', 'asff', file, '--db', db, '--json'])).stdout) as ImportJson;
    assert.deepEqual(second.summary, { inserted: 0, changed: 0, unchanged: 4, resolved: 0, reopened: 0 });
    const store = await openStore(db);
    try {
      assert.deepEqual([...new Set((await store.findings({})).map((f) => f.source))].sort(), ['guardduty', 'inspector', 'prowler/prowler', 'securityhub']);
    } finally {
      await store.close();
    }
  });

  for (const backend of backends()) {
    it(`imports a file of several batches into ${backend.name}: each finding once, with its own document and history; again, nothing changes`, async (t) => {
      t.after(() => backend.cleanup());
      // Two and a half batches of SQLite's size: five of the half batches an import into
      // PostgreSQL writes while it reads the next.
      const count = 2 * INGEST_BATCH + INGEST_BATCH / 2 + 1;
      const docs = Array.from({ length: count }, (_, i) => ({
        ...prowlerFinding(),
        Id: `prowler-s3_bucket_public-${i}`,
        Title: `bucket-${i} is public`,
        Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::bucket-${i}`, Partition: 'aws', Region: 'us-east-1' }],
      }));
      const file = join(dir, `batches-${backend.name}.jsonl`);
      writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n'));
      const db = backend.fresh();
      const first = await runCli(['import', 'asff', file, '--db', db, '--json']);
      assert.equal(first.code, 0, first.stderr);
      assert.equal((JSON.parse(first.stdout) as ImportJson).summary.inserted, count);
      const again = await runCli(['import', 'asff', file, '--db', db, '--json']);
      assert.deepEqual((JSON.parse(again.stdout) as ImportJson).summary, { inserted: 0, changed: 0, unchanged: count, resolved: 0, reopened: 0 });
      const store = await openStore(db);
      try {
        const stored = await store.findings({});
        assert.equal(stored.length, count);
        const byTitle = new Map(stored.map((f) => [f.title, f]));
        for (const i of [0, INGEST_BATCH / 2 - 1, INGEST_BATCH / 2, INGEST_BATCH, count - 1]) {
          const f = byTitle.get(`bucket-${i} is public`)!;
          assert.deepEqual(await store.rawDocument(f.id), { format: 'asff', document: docs[i] }, `document ${i}`);
          assert.equal((await store.findingHistory(f.id)).length, 1, `history ${i}`);
        }
        assert.equal((await store.scans()).length, 2);
      } finally {
        await store.close();
      }
    });
  }

  it('imports the good findings around a broken one, names its position and reason, exits 3', async () => {
    const bucket = (i: number) => ({
      ...prowlerFinding(),
      Id: `prowler-s3_bucket_public-${i}`,
      Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::bucket-${i}`, Partition: 'aws', Region: 'us-east-1' }],
    });
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify(bucket(i)));
    lines[736] = JSON.stringify({ ...bucket(736), Resources: [] });
    const file = join(dir, 'findings.jsonl');
    writeFileSync(file, lines.join('\n'));
    const db = join(dir, 'partial.db');
    const r = await runCli(['import', 'asff', file, '--db', db]);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /imported 999 finding\(s\) from asff-file: 999 new/);
    assert.match(r.stdout, /rejected finding 737: .*Resources/);
    const store = await openStore(db);
    try {
      assert.equal((await store.findings({})).length, 999);
    } finally {
      await store.close();
    }
  });

  it('refuses a file that is not findings, or cannot be read, with one line, exit 1 and nothing recorded', async () => {
    const db = join(dir, 'refused.db');
    const notJson = join(dir, 'notes.txt');
    writeFileSync(notJson, 'these are not findings\n');
    for (const path of [notJson, join(dir, 'missing.json')]) {
      const r = await runCli(['import', 'asff', path, '--db', db]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^rampart: cannot read/);
    }
    const store = await openStore(db);
    try {
      assert.deepEqual(await store.scans(), []);
    } finally {
      await store.close();
    }
  });
});
