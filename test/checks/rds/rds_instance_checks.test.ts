import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import autoMinor from '../../../src/checks/rds/rds_instance_auto_minor_version_upgrade.ts';
import notPublic from '../../../src/checks/rds/rds_instance_not_public.ts';
import encrypted from '../../../src/checks/rds/rds_instance_storage_encrypted.ts';
import type { RegionalDatasets } from '../../../src/collect/inventory.ts';
import type { RegionCheck } from '../../../src/checks/types.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

type DbInstance = RegionalDatasets['rds.instances'][number];

const ARN = 'arn:aws:rds:eu-west-1:111111111111:db:orders';
const GOOD: DbInstance = {
  DBInstanceIdentifier: 'orders',
  DBInstanceArn: ARN,
  StorageEncrypted: true,
  AutoMinorVersionUpgrade: true,
  PubliclyAccessible: false,
};

function run(check: RegionCheck, dbs: DbInstance[]) {
  return runCheck(check, { regional: { 'eu-west-1': { 'rds.instances': ok(dbs) } } });
}

const cases: [RegionCheck, Partial<DbInstance>, string, keyof DbInstance][] = [
  [encrypted, { StorageEncrypted: false }, 'DB instance `orders` is not encrypted at rest', 'StorageEncrypted'],
  [autoMinor, { AutoMinorVersionUpgrade: false }, 'DB instance `orders` has auto minor version upgrade turned off', 'AutoMinorVersionUpgrade'],
  [notPublic, { PubliclyAccessible: true }, 'DB instance `orders` is publicly accessible', 'PubliclyAccessible'],
];

for (const [check, bad, reason, field] of cases) {
  describe(check.id, () => {
    it('passes a compliant instance, identified by its ARN', () => {
      const [r] = run(check, [GOOD]);
      assert.equal(r?.status, 'PASS');
      assert.equal(r?.resourceId, ARN);
      assert.equal(r?.resourceType, 'AwsRdsDbInstance');
      assert.equal(r?.region, 'eu-west-1');
    });

    it('fails a non-compliant instance and names it', () => {
      const rs = run(check, [{ ...GOOD, ...bad }, { ...GOOD, DBInstanceIdentifier: 'other', DBInstanceArn: `${ARN}x` }]);
      assert.deepEqual(rs.map((r) => r.status), ['FAIL', 'PASS']);
      assert.equal(rs[0]?.reason, reason);
    });

    it(`is ERROR IncompleteData when ${field} is absent`, () => {
      const [r] = run(check, [{ ...GOOD, [field]: undefined }]);
      assert.equal(r?.status, 'ERROR');
      assert.equal(r?.errorCode, 'IncompleteData');
      assert.equal(r?.resourceId, ARN);
      assert.equal(r?.reason, `DB instance \`orders\`: DescribeDBInstances gave no ${field} value`);
    });

    it('is NOT_APPLICABLE without instances', () => {
      assert.equal(run(check, [])[0]?.status, 'NOT_APPLICABLE');
    });

    it('returns ERROR with the AWS code when instances could not be collected', () => {
      const [r] = runCheck(check, { regional: { 'eu-west-1': { 'rds.instances': failed('AccessDenied') } } });
      assert.equal(r?.status, 'ERROR');
      assert.equal(r?.errorCode, 'AccessDenied');
    });
  });
}
