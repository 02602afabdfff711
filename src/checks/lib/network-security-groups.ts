import type { SecurityGroup } from '@aws-sdk/client-ec2';
import type { Plain } from '../../collect/inventory.ts';
import type { CheckContext, CheckResult } from '../types.ts';
import { adminPortsOpened, ANY_IPV4, ANY_IPV6, describeOpening, protocolName } from './network-ports.ts';
import { ec2Arn, ownedByAccount } from './network-resources.ts';

export type IpFamily = 'ipv4' | 'ipv6';

/** Inbound rules of a security group that open SSH/RDP to the whole IPv4 or IPv6 internet, described. */
export function adminPortExposures(sg: Plain<SecurityGroup>, family: IpFamily): string[] {
  const world = family === 'ipv4' ? ANY_IPV4 : ANY_IPV6;
  const out: string[] = [];
  for (const perm of sg.IpPermissions ?? []) {
    const fromWorld = family === 'ipv4'
      ? (perm.IpRanges ?? []).some((r) => r.CidrIp === world)
      : (perm.Ipv6Ranges ?? []).some((r) => r.CidrIpv6 === world);
    if (!fromWorld) continue;
    const protocol = protocolName(perm.IpProtocol);
    const ports = adminPortsOpened(protocol, perm.FromPort, perm.ToPort);
    if (ports.length) out.push(`${describeOpening(protocol, ports)} from ${world}`);
  }
  return out;
}

export function securityGroupLabel(sg: Plain<SecurityGroup>): string {
  return `security group \`${sg.GroupId}\`${sg.GroupName ? ` (\`${sg.GroupName}\`)` : ''}`;
}

/** The security groups of this account in the region, each with its resource id. */
export function ownSecurityGroups(ctx: CheckContext, region: string): { sg: Plain<SecurityGroup>; resourceId: string }[] {
  return ctx
    .regional('ec2.securityGroups', region)
    .filter((sg) => ownedByAccount(ctx, sg.OwnerId))
    .map((sg) => ({ sg, resourceId: sg.SecurityGroupArn ?? ec2Arn(ctx, region, 'security-group', sg.GroupId ?? '', sg.OwnerId) }));
}

/** One result per security group of the region: FAIL when admin ports are open to the world. */
export function judgeAdminPorts(ctx: CheckContext, region: string, family: IpFamily): CheckResult[] {
  return ownSecurityGroups(ctx, region).map(({ sg, resourceId }): CheckResult => {
    const exposures = adminPortExposures(sg, family);
    const base = { region, resourceId, resourceType: 'AwsEc2SecurityGroup' };
    const world = family === 'ipv4' ? ANY_IPV4 : ANY_IPV6;
    return exposures.length
      ? { ...base, status: 'FAIL', reason: `${securityGroupLabel(sg)} allows ${exposures.join('; ')}` }
      : { ...base, status: 'PASS', reason: `${securityGroupLabel(sg)} allows no SSH/RDP access from ${world}` };
  });
}
