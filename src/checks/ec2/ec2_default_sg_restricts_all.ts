import { ownSecurityGroups, securityGroupLabel } from '../lib/network-security-groups.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

function count(n: number, what: string): string {
  return `${n} ${what} rule${n === 1 ? '' : 's'}`;
}

const check: RegionCheck = {
  id: 'ec2_default_sg_restricts_all',
  title: 'The default security group of every VPC restricts all traffic',
  severity: 'high',
  scope: 'resource',
  reads: ['ec2.securityGroups'],
  remediation:
    'Delete every inbound and outbound rule of the default security group (VPC console → Security groups → `default` → ' +
    'Inbound/Outbound rules → Edit, or `aws ec2 revoke-security-group-ingress` / `revoke-security-group-egress`) and give ' +
    'resources their own least-privilege groups.',
  evaluateRegion(ctx, region) {
    return ownSecurityGroups(ctx, region)
      .filter(({ sg }) => sg.GroupName === 'default')
      .map(({ sg, resourceId }): CheckResult => {
        const inbound = sg.IpPermissions?.length ?? 0;
        const outbound = sg.IpPermissionsEgress?.length ?? 0;
        const base = { region, resourceId, resourceType: 'AwsEc2SecurityGroup' };
        const label = `default ${securityGroupLabel(sg)}${sg.VpcId ? ` of VPC \`${sg.VpcId}\`` : ''}`;
        if (inbound === 0 && outbound === 0) return { ...base, status: 'PASS', reason: `${label} has no rules` };
        const rules = [inbound ? count(inbound, 'inbound') : '', outbound ? count(outbound, 'outbound') : ''].filter(Boolean);
        return { ...base, status: 'FAIL', reason: `${label} has ${rules.join(' and ')}`, evidence: { inbound, outbound } };
      });
  },
};

export default check;
