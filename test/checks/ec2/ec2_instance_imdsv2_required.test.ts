import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/ec2/ec2_instance_imdsv2_required.ts';
import type { RegionalDatasets } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

type Instance = RegionalDatasets['ec2.instances'][number];

function instance(over: Partial<Instance>): Instance {
  return { InstanceId: 'i-1', State: { Name: 'running' }, ...over };
}

function run(instances: Instance[]) {
  return runCheck(check, { regional: { 'us-west-2': { 'ec2.instances': ok(instances) } } });
}

describe('ec2_instance_imdsv2_required', () => {
  const cases: [string, Instance['MetadataOptions'], 'PASS' | 'FAIL'][] = [
    ['tokens required', { HttpTokens: 'required', HttpEndpoint: 'enabled', State: 'applied' }, 'PASS'],
    ['metadata service disabled', { HttpTokens: 'optional', HttpEndpoint: 'disabled' }, 'PASS'],
    ['tokens optional', { HttpTokens: 'optional', HttpEndpoint: 'enabled' }, 'FAIL'],
    ['no metadata options', undefined, 'FAIL'],
  ];
  for (const [name, md, status] of cases) {
    it(`${status} with ${name}`, () => {
      const [r] = run([instance({ MetadataOptions: md })]);
      assert.equal(r?.status, status);
      assert.equal(r?.resourceId, 'arn:aws:ec2:us-west-2:111111111111:instance/i-1');
      assert.equal(r?.resourceType, 'AwsEc2Instance');
      if (status === 'FAIL') assert.match(r?.reason ?? '', /instance `i-1` allows IMDSv1/);
    });
  }

  it('judges stopped instances and skips terminated ones', () => {
    const rs = run([
      instance({ InstanceId: 'i-stopped', State: { Name: 'stopped' }, MetadataOptions: { HttpTokens: 'optional' } }),
      instance({ InstanceId: 'i-gone', State: { Name: 'terminated' }, MetadataOptions: { HttpTokens: 'optional' } }),
    ]);
    assert.equal(rs.length, 1);
    assert.match(rs[0]?.reason ?? '', /i-stopped/);
  });

  it('is NOT_APPLICABLE without instances', () => {
    assert.equal(run([])[0]?.status, 'NOT_APPLICABLE');
  });

  it('returns ERROR when instances could not be collected', () => {
    const [r] = runCheck(check, { regional: { 'us-west-2': { 'ec2.instances': failed('UnauthorizedOperation') } } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'UnauthorizedOperation');
  });
});
