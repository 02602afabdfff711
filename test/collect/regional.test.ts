import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { DescribeHubCommand, InvalidAccessException, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { configCollector } from '../../src/collect/config.ts';
import { accessAnalyzerCollector } from '../../src/collect/accessanalyzer.ts';
import { securityHubCollector } from '../../src/collect/securityhub.ts';
import { guardDutyCollector } from '../../src/collect/guardduty.ts';
import { rdsCollector } from '../../src/collect/rds.ts';
import { efsCollector } from '../../src/collect/efs.ts';
import { awsError, callRegion, testContext } from './support.ts';

const mocks = {
  config: mockClient(ConfigServiceClient),
  analyzer: mockClient(AccessAnalyzerClient),
  hub: mockClient(SecurityHubClient),
  guardduty: mockClient(GuardDutyClient),
  rds: mockClient(RDSClient),
  efs: mockClient(EFSClient),
};
beforeEach(() => Object.values(mocks).forEach((mock) => mock.reset()));
after(() => Object.values(mocks).forEach((mock) => mock.restore()));

const REGION = 'ap-southeast-2';

test('config recorders with their statuses', async () => {
  mocks.config.on(DescribeConfigurationRecordersCommand).resolves({
    ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }],
  });
  mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves({
    ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Success', lastStartTime: new Date('2026-01-01T00:00:00Z') }],
  });
  const ctx = testContext();

  const result = await configCollector.collect(ctx, REGION, new Set(['config.recorders']));

  assert.deepEqual(result, {
    'config.recorders': {
      ok: true,
      data: {
        recorders: [{ name: 'default', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }],
        statuses: [{ name: 'default', recording: true, lastStatus: 'Success', lastStartTime: '2026-01-01T00:00:00.000Z' }],
      },
    },
  });
  assert.ok(mocks.config.calls().every((call) => callRegion(ctx, call) === REGION));
});

test('config: a failed status call fails the recorders dataset', async () => {
  mocks.config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
  mocks.config.on(DescribeConfigurationRecorderStatusCommand).rejects(awsError('ThrottlingException'));

  const result = await configCollector.collect(testContext(), REGION, new Set(['config.recorders']));

  assert.equal(!result['config.recorders']?.ok && result['config.recorders']?.error.code, 'ThrottlingException');
});

test('access analyzers over two pages', async () => {
  const analyzer = (name: string) => ({ name, arn: `arn:aws:access-analyzer:${REGION}:111122223333:analyzer/${name}`, type: 'ACCOUNT' as const, status: 'ACTIVE' as const, createdAt: new Date('2025-01-01T00:00:00Z') });
  mocks.analyzer.on(ListAnalyzersCommand).resolvesOnce({ analyzers: [analyzer('a')], nextToken: 'n' }).resolves({ analyzers: [analyzer('b')] });

  const result = await accessAnalyzerCollector.collect(testContext(), REGION, new Set(['accessanalyzer.analyzers']));

  const analyzers = result['accessanalyzer.analyzers'];
  assert.ok(analyzers?.ok);
  assert.deepEqual(analyzers.data.map((a) => [a.name, a.status, a.createdAt]), [
    ['a', 'ACTIVE', '2025-01-01T00:00:00.000Z'],
    ['b', 'ACTIVE', '2025-01-01T00:00:00.000Z'],
  ]);
  assert.equal(mocks.analyzer.commandCalls(ListAnalyzersCommand)[1]!.args[0].input.nextToken, 'n');
});

test('security hub: the hub ARN, or null when not subscribed', async () => {
  mocks.hub.on(DescribeHubCommand).resolves({ HubArn: `arn:aws:securityhub:${REGION}:111122223333:hub/default` });
  assert.deepEqual(await securityHubCollector.collect(testContext(), REGION, new Set(['securityhub.hub'])), {
    'securityhub.hub': { ok: true, data: { hubArn: `arn:aws:securityhub:${REGION}:111122223333:hub/default` } },
  });

  mocks.hub.on(DescribeHubCommand).rejects(new InvalidAccessException({ message: 'not subscribed', $metadata: {} }));
  assert.deepEqual(await securityHubCollector.collect(testContext(), REGION, new Set(['securityhub.hub'])), {
    'securityhub.hub': { ok: true, data: null },
  });

  mocks.hub.on(DescribeHubCommand).rejects(awsError('ResourceNotFoundException'));
  assert.deepEqual(await securityHubCollector.collect(testContext(), REGION, new Set(['securityhub.hub'])), {
    'securityhub.hub': { ok: true, data: null },
  });

  mocks.hub.on(DescribeHubCommand).rejects(awsError('AccessDeniedException'));
  const denied = (await securityHubCollector.collect(testContext(), REGION, new Set(['securityhub.hub'])))['securityhub.hub'];
  assert.equal(!denied?.ok && denied?.error.code, 'AccessDeniedException');
});

test('guardduty detectors over two pages, each with its status', async () => {
  mocks.guardduty.on(ListDetectorsCommand).resolvesOnce({ DetectorIds: ['d1'], NextToken: 'n' }).resolves({ DetectorIds: ['d2'] });
  mocks.guardduty.on(GetDetectorCommand, { DetectorId: 'd1' }).resolves({ Status: 'ENABLED', ServiceRole: 'r' });
  mocks.guardduty.on(GetDetectorCommand, { DetectorId: 'd2' }).resolves({ Status: 'DISABLED', ServiceRole: 'r' });
  const ctx = testContext();

  const result = await guardDutyCollector.collect(ctx, REGION, new Set(['guardduty.detectors']));

  assert.deepEqual(result, {
    'guardduty.detectors': { ok: true, data: [{ detectorId: 'd1', status: 'ENABLED' }, { detectorId: 'd2', status: 'DISABLED' }] },
  });
  assert.ok(mocks.guardduty.calls().every((call) => callRegion(ctx, call) === REGION));
});

test('guardduty: an error listing detectors is kept with its code', async () => {
  mocks.guardduty.on(ListDetectorsCommand).rejects(awsError('UnrecognizedClientException'));

  const result = await guardDutyCollector.collect(testContext(), REGION, new Set(['guardduty.detectors']));

  assert.equal(!result['guardduty.detectors']?.ok && result['guardduty.detectors']?.error.code, 'UnrecognizedClientException');
});

test('rds instances over two pages (Marker)', async () => {
  mocks.rds
    .on(DescribeDBInstancesCommand)
    .resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: 'one', StorageEncrypted: true }], Marker: 'm' })
    .resolves({ DBInstances: [{ DBInstanceIdentifier: 'two', StorageEncrypted: false }] });

  const result = await rdsCollector.collect(testContext(), REGION, new Set(['rds.instances']));

  assert.deepEqual(result, {
    'rds.instances': {
      ok: true,
      data: [
        { DBInstanceIdentifier: 'one', StorageEncrypted: true },
        { DBInstanceIdentifier: 'two', StorageEncrypted: false },
      ],
    },
  });
  assert.equal(mocks.rds.commandCalls(DescribeDBInstancesCommand)[1]!.args[0].input.Marker, 'm');
});

test('efs file systems over two pages (Marker)', async () => {
  const fs = (id: string, Encrypted: boolean) => ({
    FileSystemId: id,
    Encrypted,
    CreationTime: new Date('2024-01-01T00:00:00Z'),
    OwnerId: '111122223333',
    CreationToken: id,
    LifeCycleState: 'available' as const,
    NumberOfMountTargets: 0,
    SizeInBytes: { Value: 0 },
    PerformanceMode: 'generalPurpose' as const,
    Tags: [],
  });
  mocks.efs.on(DescribeFileSystemsCommand).resolvesOnce({ FileSystems: [fs('fs-1', true)], NextMarker: 'm' }).resolves({ FileSystems: [fs('fs-2', false)] });

  const result = await efsCollector.collect(testContext(), REGION, new Set(['efs.fileSystems']));

  const systems = result['efs.fileSystems'];
  assert.ok(systems?.ok);
  assert.deepEqual(systems.data.map((s) => [s.FileSystemId, s.Encrypted, s.CreationTime]), [
    ['fs-1', true, '2024-01-01T00:00:00.000Z'],
    ['fs-2', false, '2024-01-01T00:00:00.000Z'],
  ]);
  assert.equal(mocks.efs.commandCalls(DescribeFileSystemsCommand)[1]!.args[0].input.Marker, 'm');
});

test('regional collectors make no call for datasets nobody wants', async () => {
  for (const collector of [configCollector, accessAnalyzerCollector, securityHubCollector, guardDutyCollector, rdsCollector, efsCollector]) {
    assert.deepEqual(await collector.collect(testContext(), REGION, new Set()), {}, collector.id);
  }
  assert.equal(Object.values(mocks).reduce((n, mock) => n + mock.calls().length, 0), 0);
});
