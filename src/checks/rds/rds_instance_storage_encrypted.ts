import { INCOMPLETE } from '../lib/iam-results.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'rds_instance_storage_encrypted',
  title: 'RDS DB instances are encrypted at rest',
  severity: 'medium',
  scope: 'resource',
  reads: ['rds.instances'],
  remediation:
    'Encryption cannot be turned on in place: snapshot the instance, copy the snapshot with encryption ' +
    '(`aws rds copy-db-snapshot --kms-key-id KEY ...`), restore a new instance from it and switch clients over.',
  evaluateRegion(ctx, region) {
    return ctx.regional('rds.instances', region).map((db): CheckResult => {
      const id = db.DBInstanceIdentifier ?? '';
      const base = { region, resourceId: db.DBInstanceArn ?? id, resourceType: 'AwsRdsDbInstance' };
      if (db.StorageEncrypted === undefined) {
        return { ...base, status: 'ERROR', reason: `DB instance \`${id}\`: DescribeDBInstances gave no StorageEncrypted value`, errorCode: INCOMPLETE };
      }
      return db.StorageEncrypted
        ? { ...base, status: 'PASS', reason: `DB instance \`${id}\` is encrypted at rest` }
        : { ...base, status: 'FAIL', reason: `DB instance \`${id}\` is not encrypted at rest` };
    });
  },
};

export default check;
