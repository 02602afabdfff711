import type { RegionCheck } from '../types.ts';

// External-access analyzers; unused- and internal-access analyzers do not satisfy CIS 1.20.
const EXTERNAL_ACCESS = new Set(['ACCOUNT', 'ORGANIZATION']);

const check: RegionCheck = {
  id: 'accessanalyzer_enabled_in_region',
  title: 'IAM Access Analyzer is enabled in every region',
  severity: 'medium',
  scope: 'region',
  reads: ['accessanalyzer.analyzers'],
  remediation:
    'Create an external-access analyzer in the region: `aws accessanalyzer create-analyzer --analyzer-name default ' +
    '--type ACCOUNT --region <region>` (or `--type ORGANIZATION` from the delegated administrator).',
  evaluateRegion(ctx, region) {
    const analyzers = ctx.regional('accessanalyzer.analyzers', region);
    const resource = { region, resourceId: ctx.accountId, resourceType: 'AwsAccount' };
    const active = analyzers.filter((a) => a.status === 'ACTIVE' && EXTERNAL_ACCESS.has(a.type ?? ''));
    if (active.length) {
      const names = active.map((a) => `\`${a.name ?? '?'}\` (${a.type})`).join(', ');
      return [{ status: 'PASS', ...resource, reason: `active external-access analyzer in ${region}: ${names}` }];
    }
    const others = analyzers.map((a) => `\`${a.name ?? '?'}\` is ${a.type ?? 'of unknown type'} and ${a.status ?? 'of unknown status'}`);
    return [
      {
        status: 'FAIL',
        ...resource,
        reason: `no active ACCOUNT or ORGANIZATION analyzer in ${region}${others.length ? ` (${others.join('; ')})` : ''}`,
      },
    ];
  },
};

export default check;
