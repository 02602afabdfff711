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
  const cases: [string, Instance['MetadataOptions'], 'PASS' | 'FAIL' | 'ERROR', string][] = [
    ['tokens required', { HttpTokens: 'required', HttpEndpoint: 'enabled', State: 'applied' }, 'PASS', 'instance `i-1` requires IMDSv2'],
    ['metadata service disabled', { HttpTokens: 'optional', HttpEndpoint: 'disabled' }, 'PASS', 'instance `i-1` has the metadata service disabled'],
    ['metadata service disabled, change pending', { HttpTokens: 'optional', HttpEndpoint: 'disabled', State: 'pending' }, 'PASS', 'instance `i-1` has the metadata service disabled'],
    ['tokens optional', { HttpTokens: 'optional', HttpEndpoint: 'enabled', State: 'applied' }, 'FAIL', 'instance `i-1` allows IMDSv1: HttpTokens is optional'],
    ['tokens optional, change pending', { HttpTokens: 'optional', HttpEndpoint: 'enabled', State: 'pending' }, 'FAIL', 'instance `i-1` allows IMDSv1: HttpTokens is optional'],
    ['tokens required but not yet applied', { HttpTokens: 'required', HttpEndpoint: 'enabled', State: 'pending' }, 'FAIL',
      'the IMDSv2 requirement is not yet applied on instance `i-1`: MetadataOptions.State is pending'],
    ['no metadata options', undefined, 'ERROR', 'instance `i-1`: DescribeInstances gave no MetadataOptions'],
    ['no HttpTokens', { HttpEndpoint: 'enabled', State: 'applied' }, 'ERROR', 'instance `i-1`: DescribeInstances gave no MetadataOptions.HttpTokens value'],
    ['an unknown HttpTokens value', { HttpTokens: 'sometimes' as 'required', HttpEndpoint: 'enabled', State: 'applied' }, 'ERROR',
      'instance `i-1`: DescribeInstances gave an unknown MetadataOptions.HttpTokens value: `sometimes`'],
    ['tokens optional, endpoint state unknown', { HttpTokens: 'optional', State: 'applied' }, 'ERROR',
      'instance `i-1`: DescribeInstances gave no MetadataOptions.HttpEndpoint value while HttpTokens is optional'],
    ['tokens required, no state', { HttpTokens: 'required', HttpEndpoint: 'enabled' }, 'ERROR',
      'instance `i-1`: DescribeInstances gave no MetadataOptions.State value, so whether IMDSv2 is applied is unknown'],
  ];
  for (const [name, md, status, reason] of cases) {
    it(`${status} with ${name}`, () => {
      const [r] = run([instance({ MetadataOptions: md })]);
      assert.equal(r?.status, status);
      assert.equal(r?.reason, reason);
      assert.equal(r?.errorCode, status === 'ERROR' ? 'IncompleteData' : undefined);
      assert.equal(r?.resourceId, 'arn:aws:ec2:us-west-2:111111111111:instance/i-1');
      assert.equal(r?.resourceType, 'AwsEc2Instance');
    });
  }

  it('judges stopped instances and skips terminated ones', () => {
    const rs = run([
      instance({ InstanceId: 'i-stopped', State: { Name: 'stopped' }, MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } }),
      instance({ InstanceId: 'i-gone', State: { Name: 'terminated' }, MetadataOptions: { HttpTokens: 'optional' } }),
    ]);
    assert.deepEqual(rs.map((r) => [r.status, r.reason]), [['FAIL', 'instance `i-stopped` allows IMDSv1: HttpTokens is optional']]);
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
