import type { RegionalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import { arn, iamArn } from './context.ts';
import type { Rng } from './random.ts';

type Services = Pick<RegionalDatasets, 'config.recorders' | 'accessanalyzer.analyzers' | 'securityhub.hub' | 'guardduty.detectors' | 'ec2.ebsEncryptionByDefault'>;

/** On in the home region whenever the profile uses the service at all; elsewhere by chance. */
function covered(ctx: AccountContext, region: string, probability: number, rng: Rng): boolean {
  if (region === ctx.homeRegion) return probability > 0;
  return rng.chance(probability);
}

function configRecorders(ctx: AccountContext, region: string, on: boolean, rng: Rng): RegionalDatasets['config.recorders'] {
  if (!on) return { recorders: [], statuses: [] };
  const { kind } = ctx.profile;
  const wellRun = kind === 'management' || kind === 'security';
  const partial = kind === 'dev' && rng.chance(0.5);
  const stopped = !partial && kind === 'dev' && rng.chance(0.4);
  const failing = kind === 'prod' && rng.chance(0.1);
  const started = rng.int(60, 900);
  return {
    recorders: [
      {
        name: 'default',
        roleARN: wellRun
          ? iamArn(ctx, 'role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig')
          : iamArn(ctx, 'role/aws-config-recorder'),
        recordingGroup: partial
          ? { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::SecurityGroup', 'AWS::S3::Bucket'], recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' } }
          : { allSupported: true, includeGlobalResourceTypes: wellRun || region === ctx.homeRegion, resourceTypes: [], recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } },
        recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
      },
    ],
    statuses: [
      {
        name: 'default',
        lastStartTime: ctx.clock.ago(started),
        ...(stopped ? { lastStopTime: ctx.clock.ago(rng.int(5, 50)) } : {}),
        recording: !stopped,
        lastStatus: failing ? ('Failure' as const) : ('Success' as const),
        ...(failing ? { lastErrorCode: 'NoSuchBucket', lastErrorMessage: 'The delivery channel bucket does not exist.' } : {}),
        lastStatusChangeTime: ctx.clock.ago(rng.next()),
      },
    ],
  };
}

function analyzers(ctx: AccountContext, region: string, on: boolean, rng: Rng): RegionalDatasets['accessanalyzer.analyzers'] {
  const { kind } = ctx.profile;
  const created = ctx.clock.ago(rng.int(100, 700));
  const analyzer = (name: string, type: 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS') => ({
    arn: arn(ctx, 'access-analyzer', region, `analyzer/${name}`),
    name,
    type,
    createdAt: created,
    status: 'ACTIVE' as const,
    lastResourceAnalyzed: iamArn(ctx, `role/${ctx.name}-deploy`),
    lastResourceAnalyzedAt: ctx.clock.ago(rng.next()),
    tags: {},
  });
  if (!on) {
    // An unused-access analyzer alone does not watch for external access.
    return kind === 'dev' && rng.chance(0.5) ? [analyzer('unused-access', 'ACCOUNT_UNUSED_ACCESS')] : [];
  }
  if (kind === 'management') return [analyzer('organization-analyzer', 'ORGANIZATION')];
  return [analyzer(`${ctx.name}-analyzer`, 'ACCOUNT')];
}

export function regionalServices(ctx: AccountContext, region: string, rng: Rng): Services {
  const c = ctx.profile.coverage;
  const detector = covered(ctx, region, c.guardDuty, rng);
  return {
    'config.recorders': configRecorders(ctx, region, covered(ctx, region, c.config, rng), rng),
    'accessanalyzer.analyzers': analyzers(ctx, region, covered(ctx, region, c.analyzer, rng), rng),
    'securityhub.hub': covered(ctx, region, c.securityHub, rng) ? { hubArn: arn(ctx, 'securityhub', region, 'hub/default') } : null,
    'guardduty.detectors': detector || ctx.profile.kind === 'sandbox'
      ? [{ detectorId: rng.hex(32), status: detector ? 'ENABLED' : 'DISABLED' }]
      : [],
    'ec2.ebsEncryptionByDefault': covered(ctx, region, c.ebsDefault, rng),
  };
}
