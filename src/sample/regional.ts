import type { AccountInventory } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import { efsFileSystems, rdsInstances } from './databases.ts';
import { instances } from './instances.ts';
import { regionKeys, type RegionKeys } from './kms.ts';
import { networkAcls } from './nacls.ts';
import { securityGroups } from './security-groups.ts';
import { regionalServices } from './services.ts';
import { flowLogDataset, planVpcs, vpcDataset } from './vpcs.ts';

type RegionalEntry = AccountInventory['regional'][string];

export interface RegionBuild {
  datasets: RegionalEntry;
  keys: RegionKeys;
}

/** Everything but the trails of one region (those span regions and are added by the account builder). */
export function buildRegion(ctx: AccountContext, region: string): RegionBuild {
  const rng = ctx.rng.fork(`region/${region}`);
  const keys = regionKeys(ctx, region);
  const vpcs = planVpcs(ctx, region, rng.fork('vpcs'));
  const groups = securityGroups(ctx, region, vpcs, rng.fork('security-groups'));
  const services = regionalServices(ctx, region, rng.fork('services'));
  const config = ctx.faults.configDeniedRegion === region
    ? {
        ok: false as const,
        error: {
          code: 'AccessDenied',
          message: `User: arn:${ctx.partition}:sts::${ctx.id}:assumed-role/RampartAudit/rampart is not authorized to perform: config:DescribeConfigurationRecorders with an explicit deny in a service control policy`,
        },
      }
    : { ok: true as const, data: services['config.recorders'] };
  return {
    keys,
    datasets: {
      'config.recorders': config,
      'accessanalyzer.analyzers': { ok: true, data: services['accessanalyzer.analyzers'] },
      'securityhub.hub': { ok: true, data: services['securityhub.hub'] },
      'guardduty.detectors': { ok: true, data: services['guardduty.detectors'] },
      'kms.keys': { ok: true, data: keys.keys },
      'ec2.ebsEncryptionByDefault': { ok: true, data: services['ec2.ebsEncryptionByDefault'] },
      'ec2.vpcs': { ok: true, data: vpcDataset(ctx, vpcs, rng.fork('vpc-data')) },
      'ec2.flowLogs': { ok: true, data: flowLogDataset(ctx, region, vpcs, rng.fork('flow-logs')) },
      'ec2.securityGroups': { ok: true, data: groups.groups },
      'ec2.networkAcls': { ok: true, data: networkAcls(ctx, vpcs, rng.fork('nacls')) },
      'ec2.instances': { ok: true, data: instances(ctx, region, vpcs, groups, rng.fork('instances')) },
      'rds.instances': { ok: true, data: rdsInstances(ctx, region, vpcs, groups, keys, rng.fork('rds')) },
      'efs.fileSystems': { ok: true, data: efsFileSystems(ctx, region, keys, rng.fork('efs')) },
    },
  };
}
