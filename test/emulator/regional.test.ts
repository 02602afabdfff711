import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AccessAnalyzerClient, ListAnalyzersCommand, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmsCommand, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { DescribeFileSystemsCommand, EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, paginateListKeys } from '@aws-sdk/client-kms';
import { DescribeDBInstancesCommand, paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { paginateListSubscriptionsByTopic, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AccountInventory, GlobalDatasets, KmsKey, MonitoringChain } from '../../src/collect/inventory.ts';
import { startEmulator, type RunningEmulator } from '../support/emulator/index.ts';
import { allItems, clientConfig, plainOutput, rejection } from './clients.ts';
import { INVENTORY, MANAGEMENT, testWorld } from './world-fixture.ts';

const account: AccountInventory = INVENTORY.accounts[0]!;
const data = <T>(c: unknown) => (c as { data: T }).data;
const east = account.regional['us-east-1']!;
const chain = data<MonitoringChain>(account.global['monitoring.chain']);
const trailArn = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/main`;
const topicArn = `arn:aws:sns:us-east-1:${MANAGEMENT}:security-alarms`;

describe('emulator: regional and JSON services', () => {
  let emu: RunningEmulator;
  const cfg = (region = 'us-east-1') => clientConfig(emu.endpoint, region);
  before(async () => {
    emu = await startEmulator(testWorld());
  });
  after(() => emu.close());

  it('CloudTrail: trails per region, status and selectors by ARN or name', async () => {
    const trails = await new CloudTrailClient(cfg()).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    assert.deepEqual(trails.trailList, data(east['cloudtrail.trails']));
    const eu = new CloudTrailClient(cfg('eu-west-1'));
    assert.equal((await eu.send(new DescribeTrailsCommand({}))).trailList?.length, 1, 'the shadow copy');
    assert.equal((await eu.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList?.length, 0);

    const details = data<GlobalDatasets['cloudtrail.trailDetails']>(account.global['cloudtrail.trailDetails'])[trailArn]!;
    const client = new CloudTrailClient(cfg());
    const status = await client.send(new GetTrailStatusCommand({ Name: trailArn }));
    assert.deepEqual(plainOutput(status), data(details.status));
    assert.ok(status.LatestDeliveryTime instanceof Date);
    const selectors = await client.send(new GetEventSelectorsCommand({ TrailName: 'main' }));
    assert.equal(selectors.TrailARN, trailArn);
    assert.deepEqual(
      { eventSelectors: selectors.EventSelectors, advancedEventSelectors: selectors.AdvancedEventSelectors ?? [] },
      data(details.selectors),
    );
    const missing = await rejection(client.send(new GetTrailStatusCommand({ Name: 'nope' })));
    assert.equal(missing.name, 'TrailNotFoundException');
    const unknown = await rejection(client.send(new LookupEventsCommand({})));
    assert.equal(unknown.name, 'UnknownOperationException');
    assert.equal(unknown.$metadata.httpStatusCode, 400);
  });

  it('CloudWatch Logs: metric filters of a log group across pages', async () => {
    const client = new CloudWatchLogsClient(cfg());
    const filters = await allItems(paginateDescribeMetricFilters({ client }, { logGroupName: 'trail-logs' }), (p) => p.metricFilters);
    assert.deepEqual(plainOutput(filters), data(Object.values(chain.metricFilters)[0]));
    const one = await client.send(new DescribeMetricFiltersCommand({ logGroupName: 'trail-logs', limit: 1 }));
    assert.equal(one.metricFilters?.length, 1);
    assert.ok(one.metricFilters![0]!.creationTime === 1700000000000);
    const elsewhere = await rejection(new CloudWatchLogsClient(cfg('eu-west-1')).send(new DescribeMetricFiltersCommand({ logGroupName: 'trail-logs' })));
    assert.equal(elsewhere.name, 'ResourceNotFoundException');
  });

  it('CloudWatch (JSON 1.0, query-compatible): alarms per region', async () => {
    const alarms = await allItems(paginateDescribeAlarms({ client: new CloudWatchClient(cfg()) }, {}), (p) => p.MetricAlarms);
    assert.deepEqual(plainOutput(alarms), data(chain.alarms['us-east-1']));
    assert.ok(alarms[0]!.StateUpdatedTimestamp instanceof Date);
    const eu = await new CloudWatchClient(cfg('eu-west-1')).send(new DescribeAlarmsCommand({}));
    assert.deepEqual(eu.MetricAlarms, []);
  });

  it('SNS: subscriptions by topic across pages', async () => {
    const client = new SNSClient(cfg());
    const subs = await allItems(paginateListSubscriptionsByTopic({ client }, { TopicArn: topicArn }), (p) => p.Subscriptions);
    assert.deepEqual(subs, data(chain.topicSubscriptions[topicArn]));
    const missing = await rejection(client.send(new ListSubscriptionsByTopicCommand({ TopicArn: `${topicArn}-gone` })));
    assert.equal(missing.name, 'NotFoundException');
    assert.equal(missing.Code, 'NotFound');
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });

  it('Config: recorders and statuses; a failed record answers its error', async () => {
    const client = new ConfigServiceClient(cfg());
    const recorders = data<{ recorders: unknown[]; statuses: unknown[] }>(east['config.recorders']);
    assert.deepEqual(plainOutput((await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders), recorders.recorders);
    const statuses = (await client.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus;
    assert.deepEqual(plainOutput(statuses), recorders.statuses);
    assert.ok(statuses![0]!.lastStartTime instanceof Date);
    const err = await rejection(new ConfigServiceClient(cfg('eu-west-1')).send(new DescribeConfigurationRecordersCommand({})));
    assert.equal(err.name, 'AccessDeniedException');
  });

  it('Access Analyzer (restJson1): analyzers across pages and by type', async () => {
    const client = new AccessAnalyzerClient(cfg());
    const analyzers = await allItems(paginateListAnalyzers({ client }, {}), (p) => p.analyzers);
    assert.deepEqual(plainOutput(analyzers), data(east['accessanalyzer.analyzers']));
    const org = await client.send(new ListAnalyzersCommand({ type: 'ORGANIZATION' }));
    assert.deepEqual(org.analyzers?.map((a) => a.name), ['org']);
  });

  it('Security Hub: the hub, or InvalidAccessException where it is off', async () => {
    const hub = await new SecurityHubClient(cfg()).send(new DescribeHubCommand({}));
    assert.equal(hub.HubArn, data<{ hubArn: string }>(east['securityhub.hub']).hubArn);
    const off = await rejection(new SecurityHubClient(cfg('eu-west-1')).send(new DescribeHubCommand({})));
    assert.equal(off.name, 'InvalidAccessException');
    assert.equal(off.$metadata.httpStatusCode, 401);
  });

  it('GuardDuty: detectors and their status', async () => {
    const client = new GuardDutyClient(cfg());
    const ids = await allItems(paginateListDetectors({ client }, {}), (p) => p.DetectorIds);
    assert.deepEqual(ids, ['d-east']);
    assert.equal((await client.send(new GetDetectorCommand({ DetectorId: 'd-east' }))).Status, 'ENABLED');
    const none = await allItems(paginateListDetectors({ client: new GuardDutyClient(cfg('eu-west-1')) }, {}), (p) => p.DetectorIds);
    assert.deepEqual(none, []);
    const err = await rejection(client.send(new GetDetectorCommand({ DetectorId: 'd-other' })));
    assert.equal(err.name, 'BadRequestException');
  });

  it('KMS: keys across pages, metadata and rotation (key-level failures included)', async () => {
    const client = new KMSClient(cfg());
    const keys = data<KmsKey[]>(east['kms.keys']);
    const listed = await allItems(paginateListKeys({ client }, {}), (p) => p.Keys);
    assert.deepEqual(listed, keys.map((k) => ({ KeyId: k.metadata.KeyId, KeyArn: k.metadata.Arn })));
    for (const key of keys) {
      const described = await client.send(new DescribeKeyCommand({ KeyId: key.metadata.KeyId }));
      assert.deepEqual(plainOutput(described.KeyMetadata), key.metadata);
    }
    assert.equal((await client.send(new GetKeyRotationStatusCommand({ KeyId: keys[0]!.metadata.Arn }))).KeyRotationEnabled, true);
    const denied = await rejection(client.send(new GetKeyRotationStatusCommand({ KeyId: keys[1]!.metadata.KeyId })));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal((await client.send(new GetKeyRotationStatusCommand({ KeyId: keys[2]!.metadata.KeyId }))).KeyRotationEnabled, true);
    const missing = await rejection(client.send(new DescribeKeyCommand({ KeyId: 'nope' })));
    assert.equal(missing.name, 'NotFoundException');
  });

  it('RDS (awsQuery): DB instances across pages (Marker)', async () => {
    const client = new RDSClient(cfg());
    const instances = await allItems(paginateDescribeDBInstances({ client }, {}), (p) => p.DBInstances);
    assert.deepEqual(plainOutput(instances), data(east['rds.instances']));
    const err = await rejection(client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'db-9' })));
    assert.equal(err.name, 'DBInstanceNotFoundFault');
    assert.equal(err.$metadata.httpStatusCode, 404);
  });

  it('EFS (restJson1): file systems across pages (Marker/NextMarker)', async () => {
    const client = new EFSClient(cfg());
    const systems = await allItems(paginateDescribeFileSystems({ client }, {}), (p) => p.FileSystems);
    assert.deepEqual(plainOutput(systems), data(east['efs.fileSystems']));
    const one = await client.send(new DescribeFileSystemsCommand({ FileSystemId: 'fs-2' }));
    assert.deepEqual(one.FileSystems?.map((f) => f.Tags), [[{ Key: 'team', Value: 'data' }]]);
  });

  it('Account (restJson1): security contact', async () => {
    const client = new AccountClient(cfg());
    const contact = await client.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
    assert.deepEqual(contact.AlternateContact, data(account.global['account.securityContact']));
    const billing = await rejection(client.send(new GetAlternateContactCommand({ AlternateContactType: 'BILLING' })));
    assert.equal(billing.name, 'ResourceNotFoundException');
    assert.equal(billing.$metadata.httpStatusCode, 404);
  });
});
