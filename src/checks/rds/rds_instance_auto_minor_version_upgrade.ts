import { INCOMPLETE } from '../lib/iam-results.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'rds_instance_auto_minor_version_upgrade',
  title: 'RDS DB instances have automatic minor version upgrades enabled',
  severity: 'medium',
  scope: 'resource',
  reads: ['rds.instances'],
  remediation:
    'RDS console → Databases → instance → Modify → Maintenance → Enable auto minor version upgrade, or ' +
    '`aws rds modify-db-instance --db-instance-identifier ID --auto-minor-version-upgrade --apply-immediately`.',
  evaluateRegion(ctx, region) {
    return ctx.regional('rds.instances', region).map((db): CheckResult => {
      const id = db.DBInstanceIdentifier ?? '';
      const base = { region, resourceId: db.DBInstanceArn ?? id, resourceType: 'AwsRdsDbInstance' };
      if (db.AutoMinorVersionUpgrade === undefined) {
        return { ...base, status: 'ERROR', reason: `DB instance \`${id}\`: DescribeDBInstances gave no AutoMinorVersionUpgrade value`, errorCode: INCOMPLETE };
      }
      return db.AutoMinorVersionUpgrade
        ? { ...base, status: 'PASS', reason: `DB instance \`${id}\` upgrades minor versions automatically` }
        : { ...base, status: 'FAIL', reason: `DB instance \`${id}\` has auto minor version upgrade turned off` };
    });
  },
};

export default check;
