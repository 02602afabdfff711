import type { RegionalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import type { Rng } from './random.ts';
import type { SampleVpc } from './vpcs.ts';

type SecurityGroup = RegionalDatasets['ec2.securityGroups'][number];
type Permission = NonNullable<SecurityGroup['IpPermissions']>[number];

const ALL_EGRESS: Permission = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };

function tcp(port: number | [number, number], from: { v4?: string[]; v6?: string[]; groups?: string[] }, ctx: AccountContext, description?: string): Permission {
  const [lo, hi] = typeof port === 'number' ? [port, port] : port;
  return {
    IpProtocol: 'tcp',
    FromPort: lo,
    ToPort: hi,
    IpRanges: (from.v4 ?? []).map((CidrIp) => ({ CidrIp, ...(description ? { Description: description } : {}) })),
    Ipv6Ranges: (from.v6 ?? []).map((CidrIpv6) => ({ CidrIpv6 })),
    PrefixListIds: [],
    UserIdGroupPairs: (from.groups ?? []).map((GroupId) => ({ GroupId, UserId: ctx.id })),
  };
}

/** The risky rules a neglected account accumulates; each breaks CIS 5.2 or 5.3 a different way. */
function openAdminRule(ctx: AccountContext, rng: Rng, kind?: number): { name: string; description: string; rules: Permission[] } {
  const n = rng.int(1, 40);
  switch (kind ?? rng.int(0, 4)) {
    case 0:
      return { name: `launch-wizard-${n}`, description: `launch-wizard-${n} created ${ctx.clock.ago(n * 9).slice(0, 10)}`, rules: [tcp(22, { v4: ['0.0.0.0/0'] }, ctx)] };
    case 1:
      return { name: 'windows-rdp', description: 'RDP for the build agents', rules: [tcp(3389, { v6: ['::/0'] }, ctx)] };
    case 2:
      return {
        name: 'allow-all-temp',
        description: 'temporary - remove after debugging',
        rules: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [], UserIdGroupPairs: [] }],
      };
    case 3:
      return { name: 'dev-wide-open', description: 'all TCP for testing', rules: [tcp([0, 65535], { v4: ['0.0.0.0/0'] }, ctx)] };
    default:
      return {
        name: 'rdp-udp',
        description: 'RDP over UDP',
        rules: [{ IpProtocol: 'udp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
      };
  }
}

function defaultGroup(ctx: AccountContext, vpc: SampleVpc, rng: Rng): SecurityGroup {
  const groupId = `sg-${rng.hex(17)}`;
  const open = rng.chance(ctx.profile.network.defaultSgOpen);
  // As AWS creates it: all traffic from members of the group, all traffic out.
  const ingress: Permission[] = open ? [{ IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: groupId, UserId: ctx.id }] }] : [];
  if (open && ctx.profile.kind === 'sandbox' && rng.chance(0.5)) ingress.push(tcp(22, { v4: ['0.0.0.0/0'] }, ctx));
  return {
    GroupId: groupId,
    GroupName: 'default',
    Description: 'default VPC security group',
    VpcId: vpc.vpcId,
    OwnerId: ctx.id,
    IpPermissions: ingress,
    IpPermissionsEgress: open ? [ALL_EGRESS] : [],
  };
}

export interface RegionGroups {
  groups: SecurityGroup[];
  /** Groups instances can use, per VPC id. */
  forInstances: Map<string, SecurityGroup[]>;
}

export function securityGroups(ctx: AccountContext, region: string, vpcs: SampleVpc[], rng: Rng): RegionGroups {
  const groups: SecurityGroup[] = [];
  const forInstances = new Map<string, SecurityGroup[]>();
  const workload = ctx.workloadRegions.includes(region);
  const hasCustom = vpcs.some((v) => !v.isDefault);
  for (const vpc of vpcs) {
    groups.push(defaultGroup(ctx, vpc, rng));
    if (!workload || (vpc.isDefault && hasCustom)) continue;
    const names = new Set<string>();
    const make = (wanted: string, description: string, rules: Permission[]): SecurityGroup => {
      // Group names are unique within a VPC.
      let name = wanted;
      for (let n = 2; names.has(name); n++) name = `${wanted}-${n}`;
      names.add(name);
      const g: SecurityGroup = {
        GroupId: `sg-${rng.hex(17)}`,
        GroupName: name,
        Description: description,
        VpcId: vpc.vpcId,
        OwnerId: ctx.id,
        IpPermissions: rules,
        IpPermissionsEgress: [ALL_EGRESS],
        Tags: [{ Key: 'Name', Value: name }],
      };
      groups.push(g);
      return g;
    };
    const web = make('web-alb', 'public load balancer', [tcp(443, { v4: ['0.0.0.0/0'], v6: ['::/0'] }, ctx), tcp(80, { v4: ['0.0.0.0/0'], v6: ['::/0'] }, ctx)]);
    const app = make('app', 'application tier', [tcp(8080, { groups: [web.GroupId ?? ''] }, ctx)]);
    make('database', 'database tier', [tcp(5432, { groups: [app.GroupId ?? ''] }, ctx)]);
    const bastion = make('bastion', 'SSH from the office VPN', [tcp(22, { v4: ['203.0.113.0/24', vpc.cidr] }, ctx, 'office VPN')]);
    const usable = [web, app, bastion];
    const risky = Math.floor(ctx.profile.network.openAdmin * 4 + rng.next());
    for (let i = 0; i < risky; i++) {
      // A sandbox always has the classic console-made SSH group open to the world.
      const r = openAdminRule(ctx, rng, i === 0 && ctx.profile.kind === 'sandbox' ? 0 : undefined);
      usable.push(make(r.name, r.description, r.rules));
    }
    forInstances.set(vpc.vpcId, usable);
  }
  return { groups, forInstances };
}
