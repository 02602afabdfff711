import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { startEmulator, type EmulatorWorld, type RunningEmulator } from '../support/emulator/index.ts';
import { clientConfig, rejection } from './clients.ts';
import { MANAGEMENT, testWorld } from './world-fixture.ts';

describe('emulator: injected faults and the call log', () => {
  let emu: RunningEmulator;
  let world: EmulatorWorld;
  before(async () => {
    world = testWorld();
    emu = await startEmulator(world, { pageSize: 50, latencyMs: 1 });
  });
  after(() => emu.close());

  it('throttles EC2 twice, then the SDK’s retries succeed', async () => {
    world.faults = [{ service: 'ec2', operation: 'DescribeVpcs', region: 'us-east-1', code: 'RequestLimitExceeded', times: 2 }];
    emu.calls.clear();
    const out = await new EC2Client(clientConfig(emu.endpoint, 'us-east-1', undefined, 3)).send(new DescribeVpcsCommand({}));
    assert.equal(out.Vpcs?.length, 3, 'page size 50 returns everything at once');
    assert.deepEqual(
      emu.calls.entries.map((c) => [c.operation, c.status, c.errorCode]),
      [
        ['DescribeVpcs', 503, 'RequestLimitExceeded'],
        ['DescribeVpcs', 503, 'RequestLimitExceeded'],
        ['DescribeVpcs', 200, undefined],
      ],
    );
  });

  it('fails without retries, with the protocol’s status for the code', async () => {
    world.faults = [
      { service: 'kms', code: 'ThrottlingException' },
      { service: 'iam', code: 'Throttling', times: 1 },
      { service: 'monitoring', code: 'Throttling', times: 1 },
    ];
    const kms = await rejection(new KMSClient(clientConfig(emu.endpoint)).send(new ListKeysCommand({})));
    assert.equal(kms.name, 'ThrottlingException');
    assert.equal(kms.$metadata.httpStatusCode, 400);
    const iam = await rejection(new IAMClient(clientConfig(emu.endpoint)).send(new GetAccountSummaryCommand({})));
    assert.equal(iam.name, 'Throttling');
    assert.equal(iam.$metadata.httpStatusCode, 400);
    const cw = await rejection(new CloudWatchClient(clientConfig(emu.endpoint)).send(new DescribeAlarmsCommand({})));
    assert.equal(cw.Code, 'Throttling', 'query-compatible JSON carries the awsQuery code');
  });

  it('pretends to lack an API with UnknownOperationException / 501', async () => {
    world.faults = [{ service: 'access-analyzer', region: 'eu-west-1', code: 'UnknownOperationException', httpStatus: 501 }];
    const err = await rejection(new AccessAnalyzerClient(clientConfig(emu.endpoint, 'eu-west-1')).send(new ListAnalyzersCommand({})));
    assert.equal(err.name, 'UnknownOperationException');
    assert.equal(err.$metadata.httpStatusCode, 501);
    const east = await new AccessAnalyzerClient(clientConfig(emu.endpoint)).send(new ListAnalyzersCommand({}));
    assert.equal(east.analyzers?.length, 3, 'other regions are untouched');
  });

  it('counts calls and spots repeated identical ones', async () => {
    world.faults = [];
    emu.calls.clear();
    const ec2 = new EC2Client(clientConfig(emu.endpoint));
    await ec2.send(new DescribeVpcsCommand({}));
    await ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-1'] }));
    assert.deepEqual(emu.calls.repeated(), []);
    await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(emu.calls.count({ accountId: MANAGEMENT, region: 'us-east-1', service: 'ec2', operation: 'DescribeVpcs' }), 3);
    assert.deepEqual(emu.calls.counts(), { 'ec2:DescribeVpcs': 3 });
    const repeated = emu.calls.repeated();
    assert.equal(repeated.length, 1);
    assert.equal(repeated[0]!.input, '{}');
  });
});
