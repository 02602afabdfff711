import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SecurityGroup } from '@aws-sdk/client-ec2';
import check from '../../../src/checks/ec2/ec2_default_sg_restricts_all.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const SELF = { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-d' }] };
const OUT_ALL = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] };

function sg(over: Partial<SecurityGroup>): SecurityGroup {
  return { GroupId: 'sg-d', GroupName: 'default', VpcId: 'vpc-1', OwnerId: '111111111111', IpPermissions: [], IpPermissionsEgress: [], ...over };
}

function run(groups: SecurityGroup[]) {
  return runCheck(check, { regional: { 'us-east-1': { 'ec2.securityGroups': ok(groups) } } });
}

describe('ec2_default_sg_restricts_all', () => {
  it('passes a default group without rules', () => {
    const [r] = run([sg({})]);
    assert.equal(r?.status, 'PASS');
    assert.equal(r?.resourceId, 'arn:aws:ec2:us-east-1:111111111111:security-group/sg-d');
  });

  const failing: [string, Partial<SecurityGroup>, string][] = [
    ['AWS defaults (self inbound, all outbound)', { IpPermissions: [SELF], IpPermissionsEgress: [OUT_ALL] }, 'has 1 inbound rule and 1 outbound rule'],
    ['only outbound', { IpPermissionsEgress: [OUT_ALL, SELF] }, 'has 2 outbound rules'],
    ['only inbound', { IpPermissions: [SELF] }, 'has 1 inbound rule'],
  ];
  for (const [name, over, detail] of failing) {
    it(`fails with ${name}`, () => {
      const [r] = run([sg(over)]);
      assert.equal(r?.status, 'FAIL');
      assert.equal(r?.reason, `default security group \`sg-d\` (\`default\`) of VPC \`vpc-1\` ${detail}`);
    });
  }

  it('judges only groups named default, one per VPC', () => {
    const rs = run([sg({ GroupId: 'sg-a', VpcId: 'vpc-a' }), sg({ GroupId: 'sg-web', GroupName: 'web', IpPermissions: [OUT_ALL] }), sg({ GroupId: 'sg-b', VpcId: 'vpc-b', IpPermissions: [SELF] })]);
    assert.deepEqual(rs.map((r) => r.status), ['PASS', 'FAIL']);
    assert.match(rs[1]?.reason ?? '', /`sg-b`.*`vpc-b`/);
  });

  it('is NOT_APPLICABLE without a default group', () => {
    assert.equal(run([sg({ GroupName: 'web' })])[0]?.status, 'NOT_APPLICABLE');
  });

  it('returns ERROR with the AWS code when security groups could not be collected', () => {
    const [r] = runCheck(check, { regional: { 'us-east-1': { 'ec2.securityGroups': failed('RequestLimitExceeded') } } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'RequestLimitExceeded');
  });
});
