import { INCOMPLETE } from '../lib/iam-results.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'rds_instance_not_public',
  title: 'RDS DB instances are not publicly accessible',
  severity: 'critical',
  scope: 'resource',
  reads: ['rds.instances'],
  remediation:
    'RDS console → Databases → instance → Modify → Connectivity → Public access: Not publicly accessible, or ' +
    '`aws rds modify-db-instance --db-instance-identifier ID --no-publicly-accessible --apply-immediately`.',
  evaluateRegion(ctx, region) {
    return ctx.regional('rds.instances', region).map((db): CheckResult => {
      const id = db.DBInstanceIdentifier ?? '';
      const base = { region, resourceId: db.DBInstanceArn ?? id, resourceType: 'AwsRdsDbInstance' };
      if (db.PubliclyAccessible === undefined) {
        return { ...base, status: 'ERROR', reason: `DB instance \`${id}\`: DescribeDBInstances gave no PubliclyAccessible value`, errorCode: INCOMPLETE };
      }
      return db.PubliclyAccessible
        ? { ...base, status: 'FAIL', reason: `DB instance \`${id}\` is publicly accessible` }
        : { ...base, status: 'PASS', reason: `DB instance \`${id}\` is not publicly accessible` };
    });
  },
};

export default check;
