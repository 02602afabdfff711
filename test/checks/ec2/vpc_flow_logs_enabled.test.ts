import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FlowLog, Vpc } from '@aws-sdk/client-ec2';
import check from '../../../src/checks/ec2/vpc_flow_logs_enabled.ts';
import type { Collected } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const VPC: Vpc = { VpcId: 'vpc-1', OwnerId: '111111111111' };

function run(vpcs: Collected<Vpc[]>, flowLogs: Collected<Omit<FlowLog, 'CreationTime'>[]>) {
  return runCheck(check, { regional: { 'eu-central-1': { 'ec2.vpcs': vpcs, 'ec2.flowLogs': flowLogs } } });
}

describe('vpc_flow_logs_enabled', () => {
  it('passes a VPC with an active flow log', () => {
    const [r] = run(ok([VPC]), ok([{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', FlowLogStatus: 'ACTIVE', TrafficType: 'REJECT' }]));
    assert.equal(r?.status, 'PASS');
    assert.equal(r?.resourceId, 'arn:aws:ec2:eu-central-1:111111111111:vpc/vpc-1');
    assert.equal(r?.resourceType, 'AwsEc2Vpc');
    assert.match(r?.reason ?? '', /fl-1/);
  });

  it('fails a VPC without flow logs, even when another VPC has one', () => {
    const rs = run(ok([VPC, { VpcId: 'vpc-2', OwnerId: '111111111111' }]), ok([{ FlowLogId: 'fl-2', ResourceId: 'vpc-2', FlowLogStatus: 'ACTIVE' }]));
    assert.deepEqual(rs.map((r) => r.status), ['FAIL', 'PASS']);
    assert.equal(rs[0]?.reason, 'VPC `vpc-1` has no flow log');
  });

  it('fails when the only flow log of the VPC is not active', () => {
    const [r] = run(ok([VPC]), ok([{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', FlowLogStatus: 'INACTIVE' }]));
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.reason, 'VPC `vpc-1` has no active flow log: `fl-1` is INACTIVE');
  });

  it('does not count subnet or ENI flow logs for the VPC', () => {
    const [r] = run(ok([VPC]), ok([{ FlowLogId: 'fl-s', ResourceId: 'subnet-1', FlowLogStatus: 'ACTIVE' }]));
    assert.equal(r?.status, 'FAIL');
  });

  it('skips VPCs shared by another account', () => {
    assert.equal(run(ok([{ VpcId: 'vpc-x', OwnerId: '222222222222' }]), ok([]))[0]?.status, 'NOT_APPLICABLE');
  });

  it('returns ERROR when flow logs could not be collected', () => {
    const [r] = run(ok([VPC]), failed('UnauthorizedOperation'));
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'UnauthorizedOperation');
    assert.equal(r?.region, 'eu-central-1');
  });

  it('returns ERROR when VPCs could not be collected', () => {
    const [r] = run(failed('AuthFailure'), ok([]));
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AuthFailure');
  });
});
