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
      return db.PubliclyAccessible === false
        ? { ...base, status: 'PASS', reason: `DB instance \`${id}\` is not publicly accessible` }
        : {
            ...base,
            status: 'FAIL',
            reason: db.PubliclyAccessible === true
              ? `DB instance \`${id}\` is publicly accessible`
              : `DB instance \`${id}\` does not report PubliclyAccessible false`,
          };
    });
  },
};

export default check;
