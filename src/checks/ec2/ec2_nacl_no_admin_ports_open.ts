import type { NetworkAclEntry } from '@aws-sdk/client-ec2';
import type { Plain } from '../../collect/inventory.ts';
import { adminPortsOpened, ANY_IPV4, ANY_IPV6, describeOpening, protocolName } from '../lib/network-ports.ts';
import { ec2Arn, ownedByAccount } from '../lib/network-resources.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

/**
 * Inbound allow entries from anywhere that reach SSH/RDP over TCP (6) or all protocols (-1), as
 * CIS v3.0.0 and v1.4.0 5.1 specify (UDP joins only in v5). ::/0 counts like 0.0.0.0/0, as Security
 * Hub EC2.21 judges it.
 */
function exposures(entries: readonly Plain<NetworkAclEntry>[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (e.Egress !== false || e.RuleAction !== 'allow') continue;
    const source = e.CidrBlock === ANY_IPV4 ? ANY_IPV4 : e.Ipv6CidrBlock === ANY_IPV6 ? ANY_IPV6 : undefined;
    if (!source) continue;
    const protocol = protocolName(e.Protocol);
    if (protocol !== 'tcp' && protocol !== 'all') continue;
    const ports = adminPortsOpened(protocol, e.PortRange?.From, e.PortRange?.To);
    if (ports.length) out.push(`rule ${e.RuleNumber} allows ${describeOpening(protocol, ports)} from ${source}`);
  }
  return out;
}

const check: RegionCheck = {
  id: 'ec2_nacl_no_admin_ports_open',
  title: 'No network ACL allows ingress from 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389)',
  severity: 'high',
  scope: 'resource',
  reads: ['ec2.networkAcls'],
  remediation:
    'Replace or delete the inbound allow entry (VPC console → Network ACLs → ACL → Inbound rules → Edit, or ' +
    '`aws ec2 replace-network-acl-entry` / `aws ec2 delete-network-acl-entry --ingress`) so that 22 and 3389 are reachable only from known ranges.',
  evaluateRegion(ctx, region) {
    return ctx
      .regional('ec2.networkAcls', region)
      .filter((acl) => ownedByAccount(ctx, acl.OwnerId))
      .map((acl): CheckResult => {
        const id = acl.NetworkAclId ?? '';
        const found = exposures(acl.Entries ?? []);
        const base = {
          region,
          resourceId: ec2Arn(ctx, region, 'network-acl', id, acl.OwnerId),
          resourceType: 'AwsEc2NetworkAcl',
        };
        const label = `network ACL \`${id}\`${acl.VpcId ? ` of VPC \`${acl.VpcId}\`` : ''}`;
        return found.length
          ? { ...base, status: 'FAIL', reason: `${label}: ${found.join('; ')}` }
          : { ...base, status: 'PASS', reason: `${label} allows no inbound SSH/RDP from ${ANY_IPV4} or ${ANY_IPV6}` };
      });
  },
};

export default check;
