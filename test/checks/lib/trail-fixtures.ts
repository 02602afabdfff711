// Builders for CloudTrail and monitoring-chain inventories used by the trail and monitoring tests.
import type { Trail as SdkTrail } from '@aws-sdk/client-cloudtrail';
import type {
  Collected,
  MonitoringChain,
  Plain,
  RegionalDatasets,
  S3Bucket,
  TrailDetails,
} from '../../../src/collect/inventory.ts';
import { failed, ok, TEST_NOW, type AccountSpec } from '../../support/checks.ts';

export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '999999999999';
export const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

type Trail = Plain<SdkTrail>;
type Status = Extract<TrailDetails['status'], { ok: true }>['data'];
type Selectors = Extract<TrailDetails['selectors'], { ok: true }>['data'];

export function logGroupArn(name: string, region = 'us-east-1', account = ACCOUNT): string {
  return `arn:aws:logs:${region}:${account}:log-group:${name}:*`;
}

/** A trail that meets every CIS requirement; override what a test needs to break. */
export function trail(name: string, overrides: Partial<Trail> = {}): Trail {
  const home = overrides.HomeRegion ?? 'us-east-1';
  const account = overrides.IsOrganizationTrail ? OTHER_ACCOUNT : ACCOUNT;
  return {
    Name: name,
    TrailARN: `arn:aws:cloudtrail:${home}:${account}:trail/${name}`,
    HomeRegion: home,
    IsMultiRegionTrail: true,
    IsOrganizationTrail: false,
    S3BucketName: `${name}-logs`,
    LogFileValidationEnabled: true,
    KmsKeyId: `arn:aws:kms:${home}:${account}:key/1234`,
    CloudWatchLogsLogGroupArn: logGroupArn(`${name}-group`, home, account),
    ...overrides,
  };
}

export const MANAGEMENT_SELECTORS: Selectors = {
  eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }],
  advancedEventSelectors: [],
};

export function status(overrides: Partial<Status> = {}): Status {
  return {
    IsLogging: true,
    LatestCloudWatchLogsDeliveryTime: new Date(TEST_NOW.getTime() - 60 * 60 * 1000).toISOString(),
    ...overrides,
  };
}

export function details(
  t: Trail,
  opts: { status?: TrailDetails['status']; selectors?: TrailDetails['selectors'] } = {},
): TrailDetails {
  return { trail: t, status: opts.status ?? ok(status()), selectors: opts.selectors ?? ok(MANAGEMENT_SELECTORS) };
}

/**
 * An organization trail as a member account's inventory holds it: the collector leaves its status
 * and selectors to the owner account.
 */
export function memberView(name = 'org', overrides: Partial<Trail> = {}): TrailDetails {
  const elsewhere = failed<never>('OwnedByAnotherAccount', `the trail belongs to account ${OTHER_ACCOUNT}; its status and event selectors are read there`);
  return { trail: trail(name, { IsOrganizationTrail: true, ...overrides }), status: elsewhere, selectors: elsewhere };
}

export function selectors(s: Partial<Selectors>): Collected<Selectors> {
  return ok({ eventSelectors: [], advancedEventSelectors: [], ...s });
}

export interface TrailWorld {
  trails?: TrailDetails[];
  regions?: string[];
  /** Regions whose DescribeTrails failed, with the error code. */
  failedRegions?: Record<string, string>;
  chain?: Collected<MonitoringChain>;
  buckets?: S3Bucket[];
  global?: AccountSpec['global'];
}

/**
 * An account whose regional trail lists are what DescribeTrails returns: multi-region trails in
 * every region (shadow copies), single-region trails only in their home region.
 */
export function trailAccount(w: TrailWorld): AccountSpec {
  const regions = w.regions ?? REGIONS;
  const trails = w.trails ?? [];
  const regional: Record<string, { 'cloudtrail.trails': Collected<RegionalDatasets['cloudtrail.trails']> }> = {};
  for (const region of regions) {
    const code = w.failedRegions?.[region];
    regional[region] = {
      'cloudtrail.trails': code
        ? failed(code)
        : ok(trails.map((d) => d.trail).filter((t) => t.IsMultiRegionTrail || t.HomeRegion === region)),
    };
  }
  return {
    accountId: ACCOUNT,
    regions,
    regional,
    global: {
      'cloudtrail.trailDetails': ok(Object.fromEntries(trails.map((d) => [d.trail.TrailARN!, d]))),
      ...(w.chain ? { 'monitoring.chain': w.chain } : {}),
      ...(w.buckets ? { 's3.buckets': ok(w.buckets) } : {}),
      ...w.global,
    },
  };
}

export function bucket(name: string, overrides: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name,
    region: 'us-east-1',
    policy: ok(null),
    acl: ok({ owner: { ID: 'owner' }, grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] }),
    versioning: ok({ status: 'Enabled' }),
    logging: ok({ TargetBucket: 'access-logs', TargetPrefix: `${name}/` }),
    publicAccessBlock: ok(null),
    ...overrides,
  };
}

export const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;

export interface ChainSpec {
  group?: string;
  pattern: string;
  metricName?: string;
  namespace?: string;
  alarm?: Partial<MonitoringChain['alarms'][string] extends Collected<(infer A)[]> ? A : never>;
  subscriptionArn?: string;
}

/** A complete chain for the log group of `trail('main')`; parts can be swapped by the test. */
export function chainFor(spec: ChainSpec): MonitoringChain {
  const group = spec.group ?? logGroupArn('main-group');
  const metricName = spec.metricName ?? 'Watched';
  const namespace = spec.namespace ?? 'CISBenchmark';
  return {
    metricFilters: {
      [group]: ok([
        {
          filterName: 'cis-filter',
          filterPattern: spec.pattern,
          logGroupName: 'main-group',
          metricTransformations: [{ metricName, metricNamespace: namespace, metricValue: '1' }],
        },
      ]),
    },
    alarms: {
      'us-east-1': ok([
        {
          AlarmName: 'cis-alarm',
          AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:cis-alarm`,
          MetricName: metricName,
          Namespace: namespace,
          ActionsEnabled: true,
          AlarmActions: [TOPIC],
          ...spec.alarm,
        },
      ]),
    },
    topicSubscriptions: {
      [TOPIC]: ok([
        {
          SubscriptionArn: spec.subscriptionArn ?? `${TOPIC}:0f1e2d3c-aaaa-bbbb-cccc-123456789012`,
          TopicArn: TOPIC,
          Protocol: 'email',
          Endpoint: 'secops@example.com',
        },
      ]),
    },
  };
}
