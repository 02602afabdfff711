import { logGroupName, parseArn } from '../collect/arn.ts';
import type { MonitoringChain, Plain } from '../collect/inventory.ts';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { Subscription } from '@aws-sdk/client-sns';
import { CIS_TOPICS, FLAWED_PATTERNS } from './cis-filters.ts';
import type { AccountContext } from './context.ts';
import { arn } from './context.ts';
import type { Rng } from './random.ts';
import type { ChainQuality, TrailSetup } from './trails.ts';

/** Where a topic's alarm sends notifications: a confirmed subscriber, only a pending one, both, or no alarm. */
type AlarmRoute = 'confirmed' | 'pending' | 'both' | 'none';

interface TopicPlan {
  item: string;
  pattern: string | null;
  route: AlarmRoute;
  metricMath: boolean;
}

/** The prod-style chain: mostly complete, with one mistake of each kind the checks must name. */
const MOSTLY_FLAWS: Record<string, Partial<TopicPlan>> = {
  '4.1': { pattern: FLAWED_PATTERNS.unauthorizedOnlyAccessDenied },
  '4.5': { pattern: FLAWED_PATTERNS.cloudTrailChangesPlusSelectors },
  '4.8': { route: 'none' },
  '4.12': { route: 'pending' },
  '4.15': { pattern: null },
};

function plans(quality: ChainQuality, rng: Rng): TopicPlan[] {
  return CIS_TOPICS.flatMap((t): TopicPlan[] => {
    const good: TopicPlan = { item: t.item, pattern: rng.pick(t.good), route: 'confirmed', metricMath: false };
    switch (quality) {
      case 'exemplary':
        return [{ ...good, route: rng.chance(0.25) ? 'both' : 'confirmed', metricMath: t.item === '4.6' }];
      case 'mostly':
        return [{ ...good, ...MOSTLY_FLAWS[t.item] }];
      case 'weak':
        if (t.item === '4.3') return [good];
        if (t.item === '4.4') return [{ ...good, pattern: FLAWED_PATTERNS.iamChangesOnlyByRoot }];
        return [];
    }
  });
}

interface LogGroupChain {
  filters: Plain<MetricFilter>[];
  alarms: Plain<MetricAlarm>[];
  subscriptions: Record<string, Plain<Subscription>[]>;
}

function logGroupChain(ctx: AccountContext, logGroupArn: string, region: string, quality: ChainQuality, rng: Rng): LogGroupChain {
  const { clock } = ctx;
  const parsed = parseArn(logGroupArn);
  const groupName = (parsed && logGroupName(parsed)) ?? '';
  const namespace = quality === 'exemplary' ? 'CISBenchmark' : 'LogMetrics';
  const confirmedTopic = arn(ctx, 'sns', region, 'cis-security-alerts');
  const pendingTopic = arn(ctx, 'sns', region, 'security-pager');
  const filters: Plain<MetricFilter>[] = [];
  const alarms: Plain<MetricAlarm>[] = [];
  const used = new Set<string>();

  for (const plan of plans(quality, rng)) {
    const topic = CIS_TOPICS.find((t) => t.item === plan.item);
    if (!topic || plan.pattern === null) continue;
    filters.push({
      filterName: quality === 'exemplary' ? `CIS-${plan.item}-${topic.filterName}` : topic.filterName,
      filterPattern: plan.pattern,
      metricTransformations: [{ metricName: topic.metricName, metricNamespace: namespace, metricValue: '1' }],
      creationTime: clock.agoMillis(rng.int(30, 800) + rng.next()),
      logGroupName: groupName,
    });
    if (plan.route === 'none') continue;
    const actions = plan.route === 'confirmed' ? [confirmedTopic] : plan.route === 'pending' ? [pendingTopic] : [pendingTopic, confirmedTopic];
    for (const a of actions) used.add(a);
    const alarmName = quality === 'exemplary' ? `CIS-${plan.item}-${topic.metricName}` : `${topic.metricName}-alarm`;
    const metric = plan.metricMath
      ? {
          Metrics: [
            { Id: 'm1', MetricStat: { Metric: { Namespace: namespace, MetricName: topic.metricName, Dimensions: [] }, Period: 300, Stat: 'Sum' }, ReturnData: false },
            { Id: 'e1', Expression: 'FILL(m1, 0)', Label: `${topic.metricName} (gaps as 0)`, ReturnData: true },
          ],
        }
      : { MetricName: topic.metricName, Namespace: namespace, Statistic: 'Sum' as const, Period: 300, Dimensions: [] };
    alarms.push({
      AlarmName: alarmName,
      AlarmArn: arn(ctx, 'cloudwatch', region, `alarm:${alarmName}`),
      AlarmDescription: `CIS ${plan.item}: ${topic.filterName}`,
      AlarmConfigurationUpdatedTimestamp: clock.ago(rng.int(30, 600)),
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: actions,
      InsufficientDataActions: [],
      StateValue: rng.chance(0.1) ? 'ALARM' : 'OK',
      StateReason: 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
      StateUpdatedTimestamp: clock.ago(rng.next() * 5),
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ...metric,
    });
  }

  // Filters and alarms unrelated to CIS live beside them; the term pattern is not a JSON pattern at all.
  filters.push(
    {
      filterName: 'SecretsRead',
      filterPattern: '{ $.eventSource = "secretsmanager.amazonaws.com" && $.eventName = "GetSecretValue" }',
      metricTransformations: [{ metricName: 'SecretsRead', metricNamespace: 'Security/Custom', metricValue: '1' }],
      creationTime: clock.agoMillis(rng.int(30, 800) + rng.next()),
      logGroupName: groupName,
    },
    {
      filterName: 'ThrottledCalls',
      filterPattern: '"ThrottlingException"',
      metricTransformations: [{ metricName: 'ThrottledCalls', metricNamespace: 'Ops/Custom', metricValue: '1', defaultValue: 0 }],
      creationTime: clock.agoMillis(rng.int(30, 800) + rng.next()),
      logGroupName: groupName,
    },
  );
  for (let i = 0; i < rng.int(1, 3); i++) {
    const name = `high-cpu-${ctx.name}-${i + 1}`;
    alarms.push({
      AlarmName: name,
      AlarmArn: arn(ctx, 'cloudwatch', region, `alarm:${name}`),
      ActionsEnabled: true,
      AlarmActions: [arn(ctx, 'sns', region, 'ops-notifications')],
      OKActions: [],
      InsufficientDataActions: [],
      StateValue: 'OK',
      StateUpdatedTimestamp: clock.ago(rng.next()),
      AlarmConfigurationUpdatedTimestamp: clock.ago(rng.int(30, 600)),
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/EC2',
      Statistic: 'Average',
      Dimensions: [{ Name: 'InstanceId', Value: `i-${rng.hex(17)}` }],
      Period: 300,
      EvaluationPeriods: 3,
      Threshold: 90,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  }

  // Subscriptions are collected only for topics that alarms on filter metrics notify.
  const subscriptions: Record<string, Plain<Subscription>[]> = {};
  if (used.has(confirmedTopic)) {
    subscriptions[confirmedTopic] = [
      { SubscriptionArn: `${confirmedTopic}:${rng.uuid()}`, Owner: ctx.id, Protocol: 'email', Endpoint: 'security-alerts@acme.example', TopicArn: confirmedTopic },
      { SubscriptionArn: `${confirmedTopic}:${rng.uuid()}`, Owner: ctx.id, Protocol: 'https', Endpoint: 'https://hooks.acme.example/sns/security', TopicArn: confirmedTopic },
    ];
  }
  if (used.has(pendingTopic)) {
    subscriptions[pendingTopic] = [
      { SubscriptionArn: 'PendingConfirmation', Owner: ctx.id, Protocol: 'email', Endpoint: 'secops-pager@acme.example', TopicArn: pendingTopic },
    ];
  }
  return { filters, alarms, subscriptions };
}

export function monitoringChain(ctx: AccountContext, trails: TrailSetup): MonitoringChain {
  const rng = ctx.rng.fork('monitoring');
  const chain: MonitoringChain = { metricFilters: {}, alarms: {}, topicSubscriptions: {} };
  const alarmsByRegion: Record<string, Plain<MetricAlarm>[]> = {};
  for (const group of trails.logGroups) {
    const built = logGroupChain(ctx, group.arn, group.region, group.quality, rng);
    chain.metricFilters[group.arn] = { ok: true, data: built.filters };
    (alarmsByRegion[group.region] ??= []).push(...built.alarms);
    for (const [topicArn, subs] of Object.entries(built.subscriptions)) chain.topicSubscriptions[topicArn] = { ok: true, data: subs };
  }
  for (const [region, alarms] of Object.entries(alarmsByRegion)) chain.alarms[region] = { ok: true, data: alarms };
  return chain;
}
