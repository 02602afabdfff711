import type { RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'securityhub_enabled',
  title: 'AWS Security Hub is enabled in every region',
  severity: 'medium',
  scope: 'region',
  reads: ['securityhub.hub'],
  remediation:
    'Security Hub console → (region) → Go to Security Hub → Enable, ideally from the delegated administrator with central ' +
    'configuration for all accounts and regions; or `aws securityhub enable-security-hub --region REGION`.',
  evaluateRegion(ctx, region) {
    const hub = ctx.regional('securityhub.hub', region);
    // The account is the resource either way, so enabling the hub updates the same finding.
    const base = { region, resourceId: ctx.accountId, resourceType: 'AwsAccount' };
    return hub
      ? [{ ...base, status: 'PASS', reason: `Security Hub is enabled in ${region} (\`${hub.hubArn}\`)`, evidence: hub }]
      : [{ ...base, status: 'FAIL', reason: `Security Hub is not enabled in ${region}` }];
  },
};

export default check;
