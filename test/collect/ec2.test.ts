import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { ec2Collector } from '../../src/collect/ec2.ts';
import type { RegionalKey } from '../../src/collect/inventory.ts';
import { awsError, callRegion, testContext } from './support.ts';

const ec2Mock = mockClient(EC2Client);
beforeEach(() => ec2Mock.reset());
after(() => ec2Mock.restore());

const REGION = 'eu-central-1';

test('all EC2 datasets, paginated with MaxResults, instances flattened from reservations', async () => {
  ec2Mock.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
  ec2Mock.on(DescribeVpcsCommand).resolvesOnce({ Vpcs: [{ VpcId: 'vpc-1' }], NextToken: 'v2' }).resolves({ Vpcs: [{ VpcId: 'vpc-2' }] });
  ec2Mock.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', CreationTime: new Date('2025-05-05T00:00:00Z') }] });
  ec2Mock.on(DescribeSecurityGroupsCommand).resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 's2' }).resolves({ SecurityGroups: [{ GroupId: 'sg-2' }] });
  ec2Mock.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [{ NetworkAclId: 'acl-1' }] });
  ec2Mock
    .on(DescribeInstancesCommand)
    .resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] }], NextToken: 'i2' })
    .resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-3', LaunchTime: new Date('2025-06-06T00:00:00Z') }] }, {}] });
  const ctx = testContext();

  const result = await ec2Collector.collect(ctx, REGION, new Set(ec2Collector.datasets));

  assert.deepEqual(result, {
    'ec2.ebsEncryptionByDefault': { ok: true, data: true },
    'ec2.vpcs': { ok: true, data: [{ VpcId: 'vpc-1' }, { VpcId: 'vpc-2' }] },
    'ec2.flowLogs': { ok: true, data: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', CreationTime: '2025-05-05T00:00:00.000Z' }] },
    'ec2.securityGroups': { ok: true, data: [{ GroupId: 'sg-1' }, { GroupId: 'sg-2' }] },
    'ec2.networkAcls': { ok: true, data: [{ NetworkAclId: 'acl-1' }] },
    'ec2.instances': { ok: true, data: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }, { InstanceId: 'i-3', LaunchTime: '2025-06-06T00:00:00.000Z' }] },
  });
  for (const Command of [DescribeVpcsCommand, DescribeFlowLogsCommand, DescribeSecurityGroupsCommand, DescribeNetworkAclsCommand, DescribeInstancesCommand]) {
    for (const call of ec2Mock.commandCalls(Command)) assert.ok((call.args[0].input as { MaxResults?: number }).MaxResults, Command.name);
  }
  assert.equal(ec2Mock.commandCalls(DescribeInstancesCommand).length, 2);
  assert.equal(ec2Mock.commandCalls(DescribeInstancesCommand)[1]!.args[0].input.NextToken, 'i2');
  assert.ok(ec2Mock.calls().every((call) => callRegion(ctx, call) === REGION));
});

test('one failing EC2 dataset does not affect the others', async () => {
  ec2Mock.on(GetEbsEncryptionByDefaultCommand).rejects(awsError('UnauthorizedOperation', { status: 403 }));
  ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });

  const result = await ec2Collector.collect(testContext(), REGION, new Set<RegionalKey>(['ec2.ebsEncryptionByDefault', 'ec2.vpcs']));

  assert.equal(!result['ec2.ebsEncryptionByDefault']?.ok && result['ec2.ebsEncryptionByDefault']?.error.code, 'UnauthorizedOperation');
  assert.deepEqual(result['ec2.vpcs'], { ok: true, data: [] });
});

test('a response without EbsEncryptionByDefault is IncompleteData, not "off"', async () => {
  ec2Mock.on(GetEbsEncryptionByDefaultCommand).resolves({});

  const result = await ec2Collector.collect(testContext(), REGION, new Set<RegionalKey>(['ec2.ebsEncryptionByDefault']));

  assert.deepEqual(result['ec2.ebsEncryptionByDefault'], {
    ok: false,
    error: { code: 'IncompleteData', message: 'GetEbsEncryptionByDefault returned no EbsEncryptionByDefault value' },
  });
});

test('only the wanted EC2 APIs are called', async () => {
  ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });

  const result = await ec2Collector.collect(testContext(), REGION, new Set<RegionalKey>(['ec2.securityGroups', 'kms.keys']));

  assert.deepEqual(Object.keys(result), ['ec2.securityGroups']);
  assert.deepEqual(ec2Mock.calls().map((call) => call.args[0].constructor.name), ['DescribeSecurityGroupsCommand']);
});
