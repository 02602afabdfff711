import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findingId, type Finding } from '../../src/findings/model.ts';
import { openStore } from '../../src/store/index.ts';
import { runCli } from '../cli/run-cli.ts';
import { startEmulator, type RunningEmulator } from '../support/emulator/index.ts';
import { BASE_CREDENTIALS, MANAGEMENT, ROLE, WORKLOAD, hubWorld } from '../support/hub-world.ts';
import { scan } from '../store/support.ts';

const env = (emulator: RunningEmulator) => ({
  AWS_ACCESS_KEY_ID: BASE_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: BASE_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: emulator.endpoint,
  AWS_PROFILE: '',
});

function bucketFinding(accountId: string, region: string, bucket: string, at: string): Finding {
  const resourceId = `arn:aws:s3:::${bucket}`;
  return {
    id: findingId('rampart', 's3_bucket_versioning', accountId, region, resourceId, 'cis-aws-3.0.0'),
    source: 'rampart',
    checkId: 's3_bucket_versioning',
    accountId,
    region,
    resourceId,
    resourceType: 'AwsS3Bucket',
    status: 'FAIL',
    severity: 'medium',
    title: 'S3 bucket versioning',
    reason: `bucket ${bucket} has versioning suspended`,
    framework: 'cis-aws-3.0.0',
    requirements: ['2.1.2'],
    observedAt: at,
  };
}

describe('rampart export securityhub', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-export-'));
  const db = join(dir, 'rampart.db');
  const world = hubWorld();
  let emulator: RunningEmulator;
  const rampartFindings = () => (world.hub?.securityhub?.findings ?? []).filter((f) => f.ProductName === 'Rampart');

  before(async () => {
    emulator = await startEmulator(world);
    const store = await openStore(db);
    try {
      const first = [bucketFinding(MANAGEMENT, 'us-east-1', 'logs', '2026-11-01T00:00:00.000Z'), bucketFinding(WORKLOAD, 'eu-west-1', 'data', '2026-11-01T00:00:00.000Z'), bucketFinding(WORKLOAD, 'eu-west-1', 'gone', '2026-11-01T00:00:00.000Z')];
      await store.recordScan(scan('s1', '2026-11-01T00:00:00.000Z', { accounts: [MANAGEMENT, WORKLOAD] }), first, []);
      // The next scan no longer sees bucket `gone`: that finding is resolved.
      await store.recordScan(scan('s2', '2026-11-02T00:00:00.000Z', { accounts: [MANAGEMENT, WORKLOAD] }), first.slice(0, 2).map((f) => ({ ...f, observedAt: '2026-11-02T00:00:00.000Z' })), []);
    } finally {
      await store.close();
    }
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends each finding to its own account and region, the resolved one archived; a re-export updates instead of duplicating", async () => {
    const r = await runCli(['export', 'securityhub', '--role-name', ROLE, '--db', db, '--json'], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { imported: { accountId: string; region: string; active: number; archived: number }[] };
    assert.deepEqual(
      result.imported.map((i) => [i.accountId, i.region, i.active, i.archived]).sort(),
      [
        [MANAGEMENT, 'us-east-1', 1, 0],
        [WORKLOAD, 'eu-west-1', 1, 1],
      ],
    );
    const exported = rampartFindings();
    assert.equal(exported.length, 3);
    assert.deepEqual(exported.filter((f) => f.RecordState === 'ARCHIVED').map((f) => f.Resources?.[0]?.Id), ['arn:aws:s3:::gone']);
    for (const f of exported) assert.equal(f.ProductArn.split(':')[4], f.AwsAccountId, 'imported in its own account');

    const again = await runCli(['export', 'securityhub', '--role-name', ROLE, '--db', db], { env: env(emulator), cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /exported 3 finding\(s\) to Security Hub \(2 active, 1 archived\)/);
    assert.equal(rampartFindings().length, 3);
  });

  it('says when there is nothing to export (exit 1)', async () => {
    const r = await runCli(['export', 'securityhub', '--db', join(dir, 'empty.db')], { env: env(emulator), cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^rampart: no Rampart findings in the database to export/);
  });
});
