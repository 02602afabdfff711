import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { monitoringCollector } from '../../src/collect/monitoring.ts';
import type { AccountInventory, Collected, GlobalDatasets, TrailDetails } from '../../src/collect/inventory.ts';
import { ACCOUNT, awsError, callRegion, testContext } from './support.ts';

const logsMock = mockClient(CloudWatchLogsClient);
const cwMock = mockClient(CloudWatchClient);
const snsMock = mockClient(SNSClient);
beforeEach(() => {
  logsMock.reset();
  cwMock.reset();
  snsMock.reset();
});
after(() => {
  logsMock.restore();
  cwMock.restore();
  snsMock.restore();
});

const GROUP = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:trail-logs:*`;
const SAME_GROUP = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:trail-logs`;
const FOREIGN_GROUP = 'arn:aws:logs:us-east-1:999999999999:log-group:org-trail:*';
const TOPIC_A = `arn:aws:sns:eu-west-1:${ACCOUNT}:security-a`;
const TOPIC_B = `arn:aws:sns:eu-west-1:${ACCOUNT}:ops-b`;
const TOPIC_C = `arn:aws:sns:us-west-2:${ACCOUNT}:security-c`;
const TOPIC_D = `arn:aws:sns:eu-west-1:${ACCOUNT}:wrong-namespace-d`;

function details(name: string, logGroupArn?: string): TrailDetails {
  return {
    trail: {
      Name: name,
      TrailARN: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/${name}`,
      HomeRegion: 'eu-west-1',
      ...(logGroupArn ? { CloudWatchLogsLogGroupArn: logGroupArn } : {}),
    },
    status: { ok: true, data: { IsLogging: true } },
    selectors: { ok: true, data: { eventSelectors: [], advancedEventSelectors: [] } },
  };
}

function inventory(trailDetails?: Collected<GlobalDatasets['cloudtrail.trailDetails']>): AccountInventory {
  return {
    accountId: ACCOUNT,
    regions: ['us-east-1', 'eu-west-1'],
    skippedRegions: [],
    global: trailDetails ? { 'cloudtrail.trailDetails': trailDetails } : {},
    regional: {},
  };
}

const TRAILS = inventory({
  ok: true,
  data: {
    main: details('main', GROUP),
    alias: details('alias', SAME_GROUP),
    org: details('org', FOREIGN_GROUP),
    bare: details('bare'),
  },
});

function mockChain(): void {
  logsMock
    .on(DescribeMetricFiltersCommand)
    .resolvesOnce({
      metricFilters: [{ filterName: 'root', filterPattern: '{ $.userIdentity.type = "Root" }', metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1' }] }],
      nextToken: 'f2',
    })
    .resolves({
      metricFilters: [{ filterName: 'unauth', filterPattern: '{ $.errorCode = "AccessDenied*" }', metricTransformations: [{ metricName: 'Unauthorized', metricNamespace: 'CISBenchmark', metricValue: '1' }] }],
    });
  cwMock
    .on(DescribeAlarmsCommand)
    .resolvesOnce({
      MetricAlarms: [
        { AlarmName: 'root', MetricName: 'RootUsage', Namespace: 'CISBenchmark', AlarmActions: [TOPIC_A, 'arn:aws:autoscaling:eu-west-1:111122223333:scalingPolicy:x'] },
        { AlarmName: 'cpu', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', AlarmActions: [TOPIC_B] },
      ],
      NextToken: 'a2',
    })
    .resolves({
      MetricAlarms: [
        { AlarmName: 'math', Metrics: [{ Id: 'm1', MetricStat: { Metric: { MetricName: 'Unauthorized', Namespace: 'CISBenchmark' }, Period: 300, Stat: 'Sum' } }], AlarmActions: [TOPIC_C] },
        { AlarmName: 'elsewhere', MetricName: 'RootUsage', Namespace: 'Other', AlarmActions: [TOPIC_D] },
      ],
    });
  snsMock
    .on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC_A })
    .resolvesOnce({ Subscriptions: [{ SubscriptionArn: `${TOPIC_A}:1`, Protocol: 'email', Endpoint: 'sec@example.com', TopicArn: TOPIC_A }], NextToken: 's2' })
    .resolves({ Subscriptions: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'new@example.com', TopicArn: TOPIC_A }] });
  snsMock.on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC_C }).rejects(awsError('AuthorizationError', { status: 403 }));
}

test('follows trail log groups to filters, alarms on their metrics, and only those alarms’ topics', async () => {
  mockChain();
  const ctx = testContext();

  const result = await monitoringCollector.collect(ctx, TRAILS, new Set(['monitoring.chain']));

  const filterCalls = logsMock.commandCalls(DescribeMetricFiltersCommand);
  assert.equal(filterCalls.length, 2, 'one log group, two pages');
  assert.equal(filterCalls[0]!.args[0].input.logGroupName, 'trail-logs');
  assert.equal(filterCalls[1]!.args[0].input.nextToken, 'f2');
  assert.ok(filterCalls.every((call) => callRegion(ctx, call) === 'eu-west-1'));

  const alarmCalls = cwMock.commandCalls(DescribeAlarmsCommand);
  assert.equal(alarmCalls.length, 2, 'one region, two pages');
  assert.deepEqual(alarmCalls[0]!.args[0].input.AlarmTypes, ['MetricAlarm']);
  assert.equal(alarmCalls[1]!.args[0].input.NextToken, 'a2');
  assert.ok(alarmCalls.every((call) => callRegion(ctx, call) === 'eu-west-1'));

  const topicCalls = snsMock.commandCalls(ListSubscriptionsByTopicCommand);
  // Topic A has two pages of subscriptions; B and D are not on alarms for filter metrics.
  assert.deepEqual(
    topicCalls.map((call) => [call.args[0].input.TopicArn, callRegion(ctx, call)]).sort(),
    [
      [TOPIC_A, 'eu-west-1'],
      [TOPIC_A, 'eu-west-1'],
      [TOPIC_C, 'us-west-2'],
    ].sort(),
  );

  const chain = result['monitoring.chain'];
  assert.ok(chain?.ok);
  assert.deepEqual(Object.keys(chain.data.metricFilters).sort(), [GROUP, SAME_GROUP].sort());
  const filters = chain.data.metricFilters[GROUP];
  assert.ok(filters?.ok);
  assert.deepEqual(filters.data.map((f) => f.filterName), ['root', 'unauth']);
  assert.deepEqual(chain.data.metricFilters[SAME_GROUP], filters);
  assert.deepEqual(Object.keys(chain.data.alarms), ['eu-west-1']);
  const alarms = chain.data.alarms['eu-west-1'];
  assert.ok(alarms?.ok);
  assert.equal(alarms.data.length, 4);
  assert.deepEqual(Object.keys(chain.data.topicSubscriptions).sort(), [TOPIC_A, TOPIC_C].sort());
  const subsA = chain.data.topicSubscriptions[TOPIC_A];
  assert.ok(subsA?.ok);
  assert.deepEqual(subsA.data.map((s) => s.SubscriptionArn), [`${TOPIC_A}:1`, 'PendingConfirmation']);
  const subsC = chain.data.topicSubscriptions[TOPIC_C];
  assert.equal(!subsC?.ok && subsC?.error.code, 'AuthorizationError');
});

test('without filters no topic is asked for, but alarms are still recorded', async () => {
  logsMock.on(DescribeMetricFiltersCommand).rejects(awsError('AccessDeniedException', { status: 400 }));
  cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'root', MetricName: 'RootUsage', Namespace: 'CISBenchmark', AlarmActions: [TOPIC_A] }] });

  const result = await monitoringCollector.collect(testContext(), TRAILS, new Set(['monitoring.chain']));

  const chain = result['monitoring.chain'];
  assert.ok(chain?.ok);
  const filters = chain.data.metricFilters[GROUP];
  assert.equal(!filters?.ok && filters?.error.code, 'AccessDeniedException');
  assert.equal(chain.data.alarms['eu-west-1']?.ok, true);
  assert.deepEqual(chain.data.topicSubscriptions, {});
  assert.equal(snsMock.calls().length, 0);
});

test('trails without an own log group lead to an empty chain and no calls', async () => {
  const result = await monitoringCollector.collect(
    testContext(),
    inventory({ ok: true, data: { org: details('org', FOREIGN_GROUP), bare: details('bare') } }),
    new Set(['monitoring.chain']),
  );

  assert.deepEqual(result, { 'monitoring.chain': { ok: true, data: { metricFilters: {}, alarms: {}, topicSubscriptions: {} } } });
  assert.equal(logsMock.calls().length + cwMock.calls().length + snsMock.calls().length, 0);
});

test('failed or missing trail details fail the chain without calls', async () => {
  const denied = { code: 'AccessDenied', message: 'denied' };
  const failed = await monitoringCollector.collect(testContext(), inventory({ ok: false, error: denied }), new Set(['monitoring.chain']));
  assert.deepEqual(failed, { 'monitoring.chain': { ok: false, error: denied } });

  const missing = await monitoringCollector.collect(testContext(), inventory(), new Set(['monitoring.chain']));
  assert.equal(!missing['monitoring.chain']?.ok && missing['monitoring.chain']?.error.code, 'MissingDependency');
  assert.equal(logsMock.calls().length + cwMock.calls().length + snsMock.calls().length, 0);
});

test('nothing is collected when the chain is not wanted', async () => {
  mockChain();
  const result = await monitoringCollector.collect(testContext(), TRAILS, new Set());
  assert.deepEqual(result, {});
  assert.equal(logsMock.calls().length + cwMock.calls().length + snsMock.calls().length, 0);
});
