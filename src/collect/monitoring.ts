import { CloudWatchClient, paginateDescribeAlarms, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, paginateDescribeMetricFilters, type MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { paginateListSubscriptionsByTopic, SNSClient, type Subscription } from '@aws-sdk/client-sns';
import { logGroupName, parseArn } from './arn.ts';
import { attempt, plain } from './attempt.ts';
import type { Collected, GlobalDatasets, MonitoringChain, Plain, TrailDetails } from './inventory.ts';
import { allItems } from './pages.ts';
import type { CollectContext, FinalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const monitoringCollector: FinalCollector = {
  id: 'monitoring',
  phase: 'final',
  datasets: ['monitoring.chain'],
  needs: ['cloudtrail.trailDetails'],
  collect(ctx, inventory, wanted) {
    return collectWanted<GlobalDatasets>(wanted, {
      'monitoring.chain': async () => {
        const details = inventory.global['cloudtrail.trailDetails'];
        if (!details) {
          return { ok: false, error: { code: 'MissingDependency', message: 'cloudtrail.trailDetails was not collected' } };
        }
        if (!details.ok) return details;
        return attempt(() => monitoringChain(ctx, Object.values(details.data)));
      },
    });
  },
};

interface LogGroup {
  region: string;
  name: string;
}

type Filters = Collected<Plain<MetricFilter>[]>;
type Alarms = Collected<Plain<MetricAlarm>[]>;

async function monitoringChain(ctx: CollectContext, trails: TrailDetails[]): Promise<MonitoringChain> {
  const logGroups = ownLogGroups(ctx.accountId, trails);
  const regions = [...new Set([...logGroups.values()].map((group) => group.region))];

  // Two ARN spellings (with or without `:*`) can name one log group: ask once per group.
  const filterCalls = new Map<string, Promise<Filters>>();
  const filtersOf = (group: LogGroup): Promise<Filters> => {
    const key = `${group.region}\u0000${group.name}`;
    let call = filterCalls.get(key);
    if (!call) {
      call = metricFilters(ctx, group);
      filterCalls.set(key, call);
    }
    return call;
  };

  const [filterEntries, alarmEntries] = await Promise.all([
    Promise.all([...logGroups].map(async ([arn, group]) => [arn, await filtersOf(group)] as const)),
    Promise.all(regions.map(async (region) => [region, await metricAlarms(ctx, region)] as const)),
  ]);

  const topics = alarmTopics(logGroups, new Map(filterEntries), new Map(alarmEntries));
  const subscriptionEntries = await Promise.all(
    [...topics].map(async ([topicArn, region]) => [topicArn, await subscriptions(ctx, topicArn, region)] as const),
  );

  return {
    metricFilters: Object.fromEntries(filterEntries),
    alarms: Object.fromEntries(alarmEntries),
    topicSubscriptions: Object.fromEntries(subscriptionEntries),
  };
}

/**
 * Log groups the trails deliver to, keyed by the ARN text on the trail. Groups in another account
 * (organization trails) cannot be read from here and are left out.
 */
function ownLogGroups(accountId: string, trails: TrailDetails[]): Map<string, LogGroup> {
  const groups = new Map<string, LogGroup>();
  for (const { trail } of trails) {
    const text = trail.CloudWatchLogsLogGroupArn;
    const arn = text ? parseArn(text) : undefined;
    const name = arn && logGroupName(arn);
    if (!text || !arn || !name || arn.account !== accountId) continue;
    groups.set(text, { region: arn.region, name });
  }
  return groups;
}

function metricFilters(ctx: CollectContext, group: LogGroup): Promise<Filters> {
  return attempt(async () => {
    const client = ctx.client(CloudWatchLogsClient, group.region);
    const pages = paginateDescribeMetricFilters({ client }, { logGroupName: group.name });
    return plain(await allItems(pages, (page) => page.metricFilters));
  });
}

function metricAlarms(ctx: CollectContext, region: string): Promise<Alarms> {
  return attempt(async () => {
    const client = ctx.client(CloudWatchClient, region);
    const pages = paginateDescribeAlarms({ client }, { AlarmTypes: ['MetricAlarm'] });
    return plain(await allItems(pages, (page) => page.MetricAlarms));
  });
}

function subscriptions(ctx: CollectContext, TopicArn: string, region: string): Promise<Collected<Plain<Subscription>[]>> {
  return attempt(async () => {
    const client = ctx.client(SNSClient, region);
    const pages = paginateListSubscriptionsByTopic({ client }, { TopicArn });
    return plain(await allItems(pages, (page) => page.Subscriptions));
  });
}

const metricKey = (namespace: string | undefined, name: string | undefined): string =>
  `${namespace ?? ''}\u0000${name ?? ''}`;

/** The metrics an alarm watches: its own metric, or those of a metric-math expression. */
function alarmMetrics(alarm: Plain<MetricAlarm>): string[] {
  const keys = alarm.MetricName ? [metricKey(alarm.Namespace, alarm.MetricName)] : [];
  for (const query of alarm.Metrics ?? []) {
    const metric = query.MetricStat?.Metric;
    if (metric?.MetricName) keys.push(metricKey(metric.Namespace, metric.MetricName));
  }
  return keys;
}

/**
 * SNS topics (ARN → topic region) notified by alarms on a metric produced by a trail log group's
 * filter. An alarm can only watch metrics of its own region, so filters and alarms pair by region.
 */
function alarmTopics(
  logGroups: Map<string, LogGroup>,
  filters: Map<string, Filters>,
  alarms: Map<string, Alarms>,
): Map<string, string> {
  const filterMetrics = new Map<string, Set<string>>();
  for (const [arn, group] of logGroups) {
    const found = filters.get(arn);
    if (!found?.ok) continue;
    const metrics = filterMetrics.get(group.region) ?? new Set<string>();
    for (const filter of found.data) {
      for (const t of filter.metricTransformations ?? []) metrics.add(metricKey(t.metricNamespace, t.metricName));
    }
    filterMetrics.set(group.region, metrics);
  }

  const topics = new Map<string, string>();
  for (const [region, found] of alarms) {
    const metrics = filterMetrics.get(region);
    if (!found.ok || !metrics) continue;
    for (const alarm of found.data) {
      if (!alarmMetrics(alarm).some((key) => metrics.has(key))) continue;
      for (const action of alarm.AlarmActions ?? []) {
        const arn = parseArn(action);
        if (arn?.service === 'sns') topics.set(action, arn.region);
      }
    }
  }
  return topics;
}
