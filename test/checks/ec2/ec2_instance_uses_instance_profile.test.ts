import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/ec2/ec2_instance_uses_instance_profile.ts';
import type { RegionalDatasets } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

type Instance = RegionalDatasets['ec2.instances'][number];

function run(instances: Instance[]) {
  return runCheck(check, { regional: { 'us-east-1': { 'ec2.instances': ok(instances) } } });
}

describe('ec2_instance_uses_instance_profile', () => {
  it('passes a running instance with an instance profile', () => {
    const profile = 'arn:aws:iam::111111111111:instance-profile/app';
    const [r] = run([{ InstanceId: 'i-1', State: { Name: 'running' }, IamInstanceProfile: { Arn: profile, Id: 'AIPA1' } }]);
    assert.equal(r?.status, 'PASS');
    assert.match(r?.reason ?? '', /instance-profile\/app/);
  });

  it('fails a running instance without an instance profile', () => {
    const [r] = run([{ InstanceId: 'i-2', State: { Name: 'running' } }]);
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.reason, 'running instance `i-2` has no IAM instance profile');
    assert.equal(r?.resourceId, 'arn:aws:ec2:us-east-1:111111111111:instance/i-2');
  });

  it('skips instances that are not running', () => {
    const rs = run([{ InstanceId: 'i-3', State: { Name: 'stopped' } }, { InstanceId: 'i-4', State: { Name: 'terminated' } }]);
    assert.deepEqual(rs.map((r) => r.status), ['NOT_APPLICABLE']);
  });

  it('returns ERROR when instances could not be collected', () => {
    const [r] = runCheck(check, { regional: { 'us-east-1': { 'ec2.instances': failed('AccessDenied') } } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDenied');
  });
});
