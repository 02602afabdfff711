import type { Plain, TrailDetails } from '../collect/inventory.ts';
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { AccountContext } from './context.ts';
import { arn, iamArn } from './context.ts';
import type { Rng } from './random.ts';

export type ChainQuality = 'exemplary' | 'mostly' | 'weak';

/** A trail bucket and how well it is kept (the bucket builder renders it). */
export interface TrailBucket {
  name: string;
  region: string;
  accessLogging: boolean;
  tlsOnly: boolean;
  publicAcl: boolean;
}

export interface TrailSetup {
  /** DescribeTrails per scanned region: multi-region trails show up in every region. */
  byRegion: Record<string, Plain<Trail>[]>;
  details: Record<string, TrailDetails>;
  bucket: TrailBucket | null;
  /** Log groups the trails deliver to, with the quality of the metric-filter chain behind each. */
  logGroups: { arn: string; region: string; quality: ChainQuality }[];
}

type Selectors = Extract<TrailDetails['selectors'], { ok: true }>['data'];

interface TrailSpec {
  name: string;
  home: string;
  multiRegion: boolean;
  validation: boolean;
  kmsKeyArn?: string;
  logGroup: boolean;
  logging: boolean;
  prefix: string;
  selectors: Selectors;
}

const MANAGEMENT_ALL: Selectors = {
  eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
  advancedEventSelectors: [],
};

function specs(ctx: AccountContext, cloudtrailKey: string | undefined): TrailSpec[] {
  const home = ctx.homeRegion;
  const base = { home, prefix: 'cloudtrail' };
  switch (ctx.profile.trail) {
    case 'exemplary':
      return [
        {
          ...base,
          name: `${ctx.name}-audit`,
          multiRegion: true,
          validation: true,
          ...(cloudtrailKey ? { kmsKeyArn: cloudtrailKey } : {}),
          logGroup: true,
          logging: true,
          selectors: {
            eventSelectors: [],
            advancedEventSelectors: [
              { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
              {
                Name: 'S3 object-level events',
                FieldSelectors: [
                  { Field: 'eventCategory', Equals: ['Data'] },
                  { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
                ],
              },
            ],
          },
        },
      ];
    case 'mostly': {
      const second = ctx.workloadRegions.find((r) => r !== home) ?? home;
      return [
        {
          ...base,
          name: `${ctx.name}-trail`,
          multiRegion: true,
          validation: true,
          ...(cloudtrailKey ? { kmsKeyArn: cloudtrailKey } : {}),
          logGroup: true,
          logging: true,
          selectors: {
            eventSelectors: [
              { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
              // Object-level writes only: CIS 3.8 passes, 3.9 (reads) does not.
              { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: [`arn:${ctx.partition}:s3`] }], ExcludeManagementEventSources: [] },
            ],
            advancedEventSelectors: [],
          },
        },
        {
          home: second,
          prefix: 'app-events',
          name: `${ctx.name}-app-events`,
          multiRegion: false,
          validation: false,
          logGroup: false,
          logging: true,
          selectors: MANAGEMENT_ALL,
        },
      ];
    }
    case 'weak':
      return [
        {
          ...base,
          name: `${ctx.name}-trail`,
          multiRegion: true,
          validation: false,
          logGroup: true,
          logging: true,
          // Write events only: the trail does not qualify for CIS 3.1 or any monitoring chain.
          selectors: { eventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }], advancedEventSelectors: [] },
        },
      ];
    case 'regional':
      return [{ ...base, name: `${ctx.name}-trail`, multiRegion: false, validation: false, logGroup: false, logging: false, selectors: MANAGEMENT_ALL }];
    case 'none':
      return [];
  }
}

function trailBucket(ctx: AccountContext): TrailBucket | null {
  const name = `${ctx.name}-cloudtrail-${ctx.id}`;
  switch (ctx.profile.trail) {
    case 'exemplary':
      return { name, region: ctx.homeRegion, accessLogging: true, tlsOnly: true, publicAcl: false };
    case 'mostly':
      return { name, region: ctx.homeRegion, accessLogging: false, tlsOnly: true, publicAcl: false };
    case 'weak':
      return { name, region: ctx.homeRegion, accessLogging: false, tlsOnly: false, publicAcl: false };
    case 'regional':
      return { name, region: ctx.homeRegion, accessLogging: false, tlsOnly: false, publicAcl: true };
    case 'none':
      return null;
  }
}

function trailStatus(ctx: AccountContext, spec: TrailSpec, rng: Rng): Extract<TrailDetails['status'], { ok: true }>['data'] {
  const { clock } = ctx;
  const started = rng.int(200, 1500) + rng.next();
  const delivered = rng.next() / 24;
  // The weak set-up stopped delivering to CloudWatch Logs days ago (the role lost its permission).
  const cwDelivered = ctx.profile.trail === 'weak' ? rng.int(3, 20) + rng.next() : rng.next() / 48;
  return {
    IsLogging: spec.logging,
    StartLoggingTime: clock.ago(started),
    TimeLoggingStarted: clock.ago(started),
    ...(spec.logging
      ? { LatestDeliveryTime: clock.ago(delivered), LatestDeliveryAttemptTime: clock.ago(delivered), LatestDeliveryAttemptSucceeded: clock.ago(delivered) }
      : { StopLoggingTime: clock.ago(rng.int(30, 120)), TimeLoggingStopped: clock.ago(rng.int(30, 120)), LatestDeliveryTime: clock.ago(rng.int(120, 200)) }),
    ...(spec.validation ? { LatestDigestDeliveryTime: clock.ago(rng.next() / 24) } : {}),
    ...(spec.logGroup
      ? {
          LatestCloudWatchLogsDeliveryTime: clock.ago(cwDelivered),
          ...(ctx.profile.trail === 'weak' ? { LatestCloudWatchLogsDeliveryError: 'AccessDeniedException' } : {}),
        }
      : {}),
  };
}

export function trailSetup(ctx: AccountContext, cloudtrailKey: string | undefined): TrailSetup {
  const rng = ctx.rng.fork('cloudtrail');
  const bucket = trailBucket(ctx);
  const byRegion: Record<string, Plain<Trail>[]> = Object.fromEntries(ctx.regions.map((r) => [r, []]));
  const details: Record<string, TrailDetails> = {};
  const logGroups: TrailSetup['logGroups'] = [];
  for (const spec of specs(ctx, cloudtrailKey)) {
    const trailArn = arn(ctx, 'cloudtrail', spec.home, `trail/${spec.name}`);
    const logGroupArn = spec.logGroup ? arn(ctx, 'logs', spec.home, `log-group:aws-cloudtrail-logs-${ctx.id}-${rng.hex(8)}:*`) : undefined;
    const trail: Plain<Trail> = {
      Name: spec.name,
      S3BucketName: bucket?.name,
      S3KeyPrefix: spec.prefix,
      IncludeGlobalServiceEvents: spec.multiRegion,
      IsMultiRegionTrail: spec.multiRegion,
      HomeRegion: spec.home,
      TrailARN: trailArn,
      LogFileValidationEnabled: spec.validation,
      ...(logGroupArn ? { CloudWatchLogsLogGroupArn: logGroupArn, CloudWatchLogsRoleArn: iamArn(ctx, 'role/CloudTrailRoleForCloudWatchLogs') } : {}),
      ...(spec.kmsKeyArn ? { KmsKeyId: spec.kmsKeyArn } : {}),
      HasCustomEventSelectors: spec.selectors.eventSelectors.length > 0 || spec.selectors.advancedEventSelectors.length > 0,
      HasInsightSelectors: false,
      IsOrganizationTrail: false,
    };
    for (const region of spec.multiRegion ? ctx.regions : [spec.home]) byRegion[region]?.push({ ...trail });
    details[trailArn] = {
      trail,
      status: { ok: true, data: trailStatus(ctx, spec, rng) },
      selectors: { ok: true, data: spec.selectors },
    };
    if (logGroupArn && ctx.profile.trail !== 'none' && ctx.profile.trail !== 'regional') {
      logGroups.push({ arn: logGroupArn, region: spec.home, quality: ctx.profile.trail });
    }
  }
  return { byRegion, details, bucket, logGroups };
}
