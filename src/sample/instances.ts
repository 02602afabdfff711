import type { RegionalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import { iamArn } from './context.ts';
import type { Rng } from './random.ts';
import type { RegionGroups } from './security-groups.ts';
import type { SampleVpc } from './vpcs.ts';

type Instance = RegionalDatasets['ec2.instances'][number];

const ROLES = ['web', 'api', 'worker', 'batch', 'jenkins', 'bastion', 'kafka', 'elastic'];
const TYPES = ['t3.micro', 't3.medium', 'm6i.large', 'c6g.xlarge', 'r6i.large'] as const;

function ipIn(cidr: string, rng: Rng): string {
  const [a, b] = cidr.split('.');
  return `${a}.${b}.${rng.int(0, 47)}.${rng.int(4, 250)}`;
}

export function instances(ctx: AccountContext, region: string, vpcs: SampleVpc[], groups: RegionGroups, rng: Rng): Instance[] {
  if (!ctx.workloadRegions.includes(region)) return [];
  const { profile } = ctx;
  const homes = vpcs.filter((v) => groups.forInstances.has(v.vpcId));
  if (homes.length === 0) return [];
  const count = rng.count(profile.instances.perRegion);
  const out: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const vpc = rng.pick(homes);
    const subnet = rng.pick(vpc.subnets);
    const role = rng.pick(ROLES);
    const state = rng.chance(0.85) ? { Code: 16, Name: 'running' as const } : rng.chance(0.7) ? { Code: 80, Name: 'stopped' as const } : { Code: 48, Name: 'terminated' as const };
    const sgs = rng.sample(groups.forInstances.get(vpc.vpcId) ?? [], rng.int(1, 2));
    const imdsv2 = rng.chance(profile.instances.imdsv2);
    const profileName = `${role}-instance`;
    const publicIp = role === 'web' || role === 'bastion' || (profile.kind === 'sandbox' && rng.chance(0.5));
    const terminated = state.Name === 'terminated';
    out.push({
      InstanceId: `i-${rng.hex(17)}`,
      ImageId: `ami-${rng.hex(17)}`,
      InstanceType: rng.pick(TYPES),
      State: state,
      LaunchTime: ctx.clock.ago(rng.int(1, 400) + rng.next()),
      Placement: { AvailabilityZone: subnet.availabilityZone, Tenancy: 'default' },
      Architecture: 'x86_64',
      RootDeviceType: 'ebs',
      ...(terminated
        ? {}
        : {
            VpcId: vpc.vpcId,
            SubnetId: subnet.subnetId,
            PrivateIpAddress: ipIn(vpc.cidr, rng),
            ...(publicIp && state.Name === 'running' ? { PublicIpAddress: `${rng.pick([3, 18, 34, 52, 54])}.${rng.int(1, 254)}.${rng.int(1, 254)}.${rng.int(1, 254)}` } : {}),
            SecurityGroups: sgs.map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName })),
          }),
      ...(rng.chance(profile.instances.instanceProfile)
        ? { IamInstanceProfile: { Arn: iamArn(ctx, `instance-profile/${profileName}`), Id: `AIPA${rng.upperAlnum(17)}` } }
        : {}),
      MetadataOptions: {
        State: 'applied',
        HttpTokens: imdsv2 ? 'required' : 'optional',
        HttpPutResponseHopLimit: imdsv2 ? 2 : 1,
        HttpEndpoint: 'enabled',
        HttpProtocolIpv6: 'disabled',
        InstanceMetadataTags: 'disabled',
      },
      Tags: [
        { Key: 'Name', Value: `${ctx.name}-${role}-${i + 1}` },
        { Key: 'env', Value: profile.kind },
      ],
    });
  }
  return out;
}
