import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeImagesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startEmulator, type RunningEmulator } from '../support/emulator/index.ts';
import { allItems, clientConfig, plainOutput, rejection } from './clients.ts';
import { INVENTORY, MEMBER, ROLE, testWorld } from './world-fixture.ts';

const east = INVENTORY.accounts[0]!.regional['us-east-1']!;
const data = <T>(c: { ok: boolean; data?: T } | undefined) => (c as { data: T }).data;

describe('emulator: EC2 (ec2Query)', () => {
  let emu: RunningEmulator;
  let ec2: EC2Client;
  before(async () => {
    emu = await startEmulator(testWorld());
    ec2 = new EC2Client(clientConfig(emu.endpoint));
  });
  after(() => emu.close());

  it('lists enabled regions, or all with their opt-in status, per account', async () => {
    const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    assert.deepEqual(
      all.Regions?.map((r) => [r.RegionName, r.OptInStatus, r.Endpoint]),
      [
        ['us-east-1', 'opt-in-not-required', 'ec2.us-east-1.amazonaws.com'],
        ['eu-west-1', 'opt-in-not-required', 'ec2.eu-west-1.amazonaws.com'],
      ],
    );
    const creds = (
      await new STSClient(clientConfig(emu.endpoint)).send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE}`, RoleSessionName: 'r' }),
      )
    ).Credentials!;
    const member = new EC2Client(
      clientConfig(emu.endpoint, 'us-east-1', {
        accessKeyId: creds.AccessKeyId!,
        secretAccessKey: creds.SecretAccessKey!,
        sessionToken: creds.SessionToken!,
      }),
    );
    const memberAll = await member.send(new DescribeRegionsCommand({ AllRegions: true }));
    assert.deepEqual(memberAll.Regions?.map((r) => [r.RegionName, r.OptInStatus]), [
      ['us-east-1', 'opt-in-not-required'],
      ['eu-west-1', 'not-opted-in'],
    ]);
    const enabled = await member.send(new DescribeRegionsCommand({}));
    assert.deepEqual(enabled.Regions?.map((r) => r.RegionName), ['us-east-1']);
    const filtered = await member.send(
      new DescribeRegionsCommand({ AllRegions: true, Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }] }),
    );
    assert.deepEqual(filtered.Regions?.map((r) => r.RegionName), ['eu-west-1']);

    const notOptedIn = new EC2Client({ ...clientConfig(emu.endpoint, 'eu-west-1'), credentials: member.config.credentials });
    const err = await rejection(notOptedIn.send(new DescribeVpcsCommand({})));
    assert.equal(err.name, 'AuthFailure');
    assert.equal(err.$metadata.httpStatusCode, 401);

    const denied = await rejection(member.send(new DescribeVpcsCommand({})));
    assert.equal(denied.name, 'UnauthorizedOperation', 'the member inventory holds a failed ec2.vpcs');
    assert.equal(denied.$metadata.httpStatusCode, 403);
  });

  it('answers EBS default encryption per region', async () => {
    assert.equal((await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault, true);
    const eu = new EC2Client(clientConfig(emu.endpoint, 'eu-west-1'));
    assert.equal((await eu.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault, false);
  });

  it('returns every item across pages, equal to the inventory', async () => {
    const paging = { client: ec2 };
    assert.deepEqual(plainOutput(await allItems(paginateDescribeVpcs(paging, {}), (p) => p.Vpcs)), data(east['ec2.vpcs']));
    assert.deepEqual(plainOutput(await allItems(paginateDescribeFlowLogs(paging, {}), (p) => p.FlowLogs)), data(east['ec2.flowLogs']));
    assert.deepEqual(
      plainOutput(await allItems(paginateDescribeSecurityGroups(paging, {}), (p) => p.SecurityGroups)),
      data(east['ec2.securityGroups']),
    );
    assert.deepEqual(
      plainOutput(await allItems(paginateDescribeNetworkAcls(paging, {}), (p) => p.NetworkAcls)),
      data(east['ec2.networkAcls']),
    );
    assert.ok(emu.calls.count({ operation: 'DescribeVpcs' }) >= 2, 'three VPCs take two pages');
  });

  it('wraps the flat instances in reservations', async () => {
    const reservations = await allItems(paginateDescribeInstances({ client: ec2 }, {}), (p) => p.Reservations);
    assert.equal(reservations.length, 3);
    assert.deepEqual(plainOutput(reservations.flatMap((r) => r.Instances ?? [])), data(east['ec2.instances']));
    assert.ok(reservations.every((r) => r.OwnerId === '111111111111' && r.ReservationId?.startsWith('r-')));
    assert.ok(reservations[0]!.Instances![0]!.LaunchTime instanceof Date);
  });

  it('honours MaxResults, filters and ids', async () => {
    const one = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1 }));
    assert.equal(one.SecurityGroups?.length, 1);
    assert.ok(one.NextToken);
    const web = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: ['vpc-2'] }] }));
    assert.deepEqual(web.SecurityGroups?.map((g) => g.GroupId), ['sg-2', 'sg-3']);
    const byId = await ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-3'] }));
    assert.deepEqual(byId.Vpcs?.map((v) => v.Tags), [[{ Key: 'Name', Value: 'three' }]]);
    const missing = await rejection(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-404'] })));
    assert.equal(missing.name, 'InvalidVpcID.NotFound');
    const badFilter = await rejection(ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] })));
    assert.equal(badFilter.name, 'InvalidParameterValue');
  });

  it('answers an operation it lacks with InvalidAction', async () => {
    const err = await rejection(ec2.send(new DescribeImagesCommand({})));
    assert.equal(err.name, 'InvalidAction');
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(emu.calls.count({ operation: 'DescribeImages', errorCode: 'InvalidAction' }), 1);
  });
});
