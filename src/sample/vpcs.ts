import type { RegionalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import type { Rng } from './random.ts';

/** A VPC with the subnets that instances, NACL associations and databases refer to. */
export interface SampleVpc {
  vpcId: string;
  cidr: string;
  isDefault: boolean;
  ipv6Cidr?: string;
  subnets: { subnetId: string; availabilityZone: string }[];
  name: string;
}

export function planVpcs(ctx: AccountContext, region: string, rng: Rng): SampleVpc[] {
  const workload = ctx.workloadRegions.includes(region);
  const custom = workload ? Math.min(2, rng.count(ctx.profile.network.customVpcs)) : 0;
  const zones = ['a', 'b', 'c'].map((z) => `${region}${z}`);
  const vpcs: SampleVpc[] = [
    {
      vpcId: `vpc-${rng.hex(17)}`,
      cidr: '172.31.0.0/16',
      isDefault: true,
      subnets: zones.map((availabilityZone) => ({ subnetId: `subnet-${rng.hex(17)}`, availabilityZone })),
      name: 'default',
    },
  ];
  for (let i = 0; i < custom; i++) {
    const second = rng.int(0, 200);
    vpcs.push({
      vpcId: `vpc-${rng.hex(17)}`,
      cidr: `10.${second}.0.0/16`,
      isDefault: false,
      ...(rng.chance(0.3) ? { ipv6Cidr: `2600:1f18:${rng.hex(4)}:${rng.hex(2)}00::/56` } : {}),
      subnets: zones.slice(0, rng.int(2, 3)).map((availabilityZone) => ({ subnetId: `subnet-${rng.hex(17)}`, availabilityZone })),
      name: i === 0 ? `${ctx.name}-main` : `${ctx.name}-data`,
    });
  }
  return vpcs;
}

export function vpcDataset(ctx: AccountContext, vpcs: SampleVpc[], rng: Rng): RegionalDatasets['ec2.vpcs'] {
  return vpcs.map((v) => ({
    VpcId: v.vpcId,
    OwnerId: ctx.id,
    CidrBlock: v.cidr,
    State: 'available',
    DhcpOptionsId: `dopt-${rng.hex(17)}`,
    InstanceTenancy: 'default',
    IsDefault: v.isDefault,
    CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-${rng.hex(17)}`, CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } }],
    ...(v.ipv6Cidr
      ? {
          Ipv6CidrBlockAssociationSet: [
            {
              AssociationId: `vpc-cidr-assoc-${rng.hex(17)}`,
              Ipv6CidrBlock: v.ipv6Cidr,
              Ipv6CidrBlockState: { State: 'associated' },
              NetworkBorderGroup: v.subnets[0]?.availabilityZone.slice(0, -1),
              Ipv6Pool: 'Amazon',
            },
          ],
        }
      : {}),
    ...(v.isDefault ? {} : { Tags: [{ Key: 'Name', Value: v.name }] }),
  }));
}

export function flowLogDataset(
  ctx: AccountContext,
  region: string,
  vpcs: SampleVpc[],
  rng: Rng,
): RegionalDatasets['ec2.flowLogs'] {
  const logs: RegionalDatasets['ec2.flowLogs'] = [];
  for (const v of vpcs) {
    if (!rng.chance(ctx.profile.network.flowLogs)) continue;
    const toS3 = rng.chance(0.4);
    logs.push({
      FlowLogId: `fl-${rng.hex(17)}`,
      CreationTime: ctx.clock.ago(rng.int(20, 700) + rng.next()),
      DeliverLogsStatus: 'SUCCESS',
      FlowLogStatus: 'ACTIVE',
      ResourceId: v.vpcId,
      TrafficType: rng.pick(['ALL', 'ALL', 'REJECT']),
      MaxAggregationInterval: 600,
      LogFormat: '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}',
      ...(toS3
        ? { LogDestinationType: 's3', LogDestination: `arn:${ctx.partition}:s3:::acme-log-archive-flow-logs/${ctx.id}/${region}/` }
        : {
            LogDestinationType: 'cloud-watch-logs',
            LogGroupName: `/vpc/flow-logs/${v.vpcId}`,
            LogDestination: `arn:${ctx.partition}:logs:${region}:${ctx.id}:log-group:/vpc/flow-logs/${v.vpcId}`,
            DeliverLogsPermissionArn: `arn:${ctx.partition}:iam::${ctx.id}:role/vpc-flow-logs`,
          }),
    });
  }
  return logs;
}
