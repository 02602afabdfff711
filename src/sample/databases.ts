import type { RegionalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import { arn } from './context.ts';
import type { RegionKeys } from './kms.ts';
import type { Rng } from './random.ts';
import type { RegionGroups } from './security-groups.ts';
import type { SampleVpc } from './vpcs.ts';

const ENGINES = [
  { Engine: 'postgres', EngineVersion: '16.4', port: 5432 },
  { Engine: 'mysql', EngineVersion: '8.0.39', port: 3306 },
  { Engine: 'mariadb', EngineVersion: '10.11.9', port: 3306 },
];
const APPS = ['orders', 'billing', 'catalog', 'users', 'analytics', 'wiki'];

export function rdsInstances(
  ctx: AccountContext,
  region: string,
  vpcs: SampleVpc[],
  groups: RegionGroups,
  keys: RegionKeys,
  rng: Rng,
): RegionalDatasets['rds.instances'] {
  if (!ctx.workloadRegions.includes(region)) return [];
  const p = ctx.profile.rds;
  const vpc = vpcs.find((v) => groups.forInstances.has(v.vpcId));
  if (!vpc) return [];
  const dbGroup = groups.groups.find((g) => g.VpcId === vpc.vpcId && g.GroupName === 'database');
  return rng.sample(APPS, rng.count(p.perRegion)).map((app) => {
    const engine = rng.pick(ENGINES);
    const id = `${ctx.name}-${app}-db`;
    const encrypted = rng.chance(p.encrypted);
    const kmsKey = keys.byPurpose.get(rng.chance(0.5) ? 'data' : 'aws/rds') ?? keys.byPurpose.get('aws/rds');
    const az = rng.pick(vpc.subnets).availabilityZone;
    return {
      DBInstanceIdentifier: id,
      DBInstanceArn: arn(ctx, 'rds', region, `db:${id}`),
      DBInstanceClass: rng.pick(['db.t4g.medium', 'db.m6g.large', 'db.r6g.xlarge']),
      Engine: engine.Engine,
      EngineVersion: engine.EngineVersion,
      DBInstanceStatus: 'available',
      MasterUsername: 'dbadmin',
      Endpoint: { Address: `${id}.c${rng.hex(11)}.${region}.rds.amazonaws.com`, Port: engine.port, HostedZoneId: `Z${rng.upperAlnum(13)}` },
      AllocatedStorage: rng.pick([20, 100, 250, 500]),
      StorageType: 'gp3',
      InstanceCreateTime: ctx.clock.ago(rng.int(30, 1200) + rng.next()),
      AvailabilityZone: az,
      MultiAZ: ctx.profile.kind === 'prod' && rng.chance(0.7),
      PubliclyAccessible: rng.chance(p.publiclyAccessible),
      StorageEncrypted: encrypted,
      ...(encrypted && kmsKey ? { KmsKeyId: kmsKey } : {}),
      AutoMinorVersionUpgrade: rng.chance(p.autoMinorUpgrade),
      DbiResourceId: `db-${rng.upperAlnum(26)}`,
      BackupRetentionPeriod: ctx.profile.kind === 'prod' ? 14 : 1,
      DeletionProtection: ctx.profile.kind === 'prod',
      VpcSecurityGroups: dbGroup?.GroupId ? [{ VpcSecurityGroupId: dbGroup.GroupId, Status: 'active' }] : [],
      DBSubnetGroup: { DBSubnetGroupName: `${vpc.name}-db`, VpcId: vpc.vpcId, SubnetGroupStatus: 'Complete' },
    };
  });
}

export function efsFileSystems(ctx: AccountContext, region: string, keys: RegionKeys, rng: Rng): RegionalDatasets['efs.fileSystems'] {
  if (!ctx.workloadRegions.includes(region)) return [];
  const p = ctx.profile.efs;
  return rng.sample(['shared-home', 'ml-datasets', 'cms-uploads'], rng.count(p.perRegion)).map((name) => {
    const id = `fs-${rng.hex(17)}`;
    const encrypted = rng.chance(p.encrypted);
    const kmsKey = keys.byPurpose.get('aws/elasticfilesystem');
    return {
      OwnerId: ctx.id,
      CreationToken: `${name}-${rng.hex(8)}`,
      FileSystemId: id,
      FileSystemArn: arn(ctx, 'elasticfilesystem', region, `file-system/${id}`),
      CreationTime: ctx.clock.ago(rng.int(20, 900) + rng.next()),
      LifeCycleState: 'available',
      Name: name,
      NumberOfMountTargets: rng.int(1, 3),
      SizeInBytes: { Value: rng.int(6144, 900_000_000_000), Timestamp: ctx.clock.ago(0.04) },
      PerformanceMode: 'generalPurpose',
      ThroughputMode: 'elastic',
      Encrypted: encrypted,
      ...(encrypted && kmsKey ? { KmsKeyId: kmsKey } : {}),
      Tags: [{ Key: 'Name', Value: name }],
    };
  });
}
