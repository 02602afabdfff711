import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkAcl, NetworkAclEntry } from '@aws-sdk/client-ec2';
import check from '../../../src/checks/ec2/ec2_nacl_no_admin_ports_open.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const DEFAULT_DENY: NetworkAclEntry = { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' };

function acl(entries: NetworkAclEntry[], over: Partial<NetworkAcl> = {}): NetworkAcl {
  return { NetworkAclId: 'acl-1', VpcId: 'vpc-1', OwnerId: '111111111111', Entries: [...entries, DEFAULT_DENY], ...over };
}

function run(acls: NetworkAcl[]) {
  return runCheck(check, { regional: { 'us-east-1': { 'ec2.networkAcls': ok(acls) } } });
}

function entry(over: Partial<NetworkAclEntry>): NetworkAclEntry {
  return { RuleNumber: 100, RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', ...over };
}

describe('ec2_nacl_no_admin_ports_open', () => {
  const cases: [string, NetworkAclEntry, 'PASS' | 'FAIL', string?][] = [
    ['all protocols (-1) from 0.0.0.0/0', entry({ Protocol: '-1' }), 'FAIL', 'rule 100 allows all traffic (every port, including 22 and 3389) from 0.0.0.0/0'],
    ['TCP 22', entry({ Protocol: '6', PortRange: { From: 22, To: 22 } }), 'FAIL', 'rule 100 allows TCP port 22 from 0.0.0.0/0'],
    ['TCP 3389 inside a range', entry({ Protocol: '6', PortRange: { From: 3000, To: 4000 } }), 'FAIL', 'rule 100 allows TCP port 3389 from 0.0.0.0/0'],
    ['TCP 0-65535', entry({ Protocol: '6', PortRange: { From: 0, To: 65535 } }), 'FAIL', 'rule 100 allows TCP ports 22 and 3389 from 0.0.0.0/0'],
    ['UDP 22 (CIS v3/v1.4 5.1 name TCP and all only)', entry({ Protocol: '17', PortRange: { From: 22, To: 22 } }), 'PASS'],
    ['TCP 22 from ::/0', entry({ CidrBlock: undefined, Ipv6CidrBlock: '::/0', Protocol: '6', PortRange: { From: 22, To: 22 } }), 'FAIL', 'rule 100 allows TCP port 22 from ::/0'],
    ['TCP 80-443', entry({ Protocol: '6', PortRange: { From: 80, To: 443 } }), 'PASS'],
    ['TCP 22 from a private range', entry({ CidrBlock: '10.0.0.0/8', Protocol: '6', PortRange: { From: 22, To: 22 } }), 'PASS'],
    ['deny TCP 22', entry({ RuleAction: 'deny', Protocol: '6', PortRange: { From: 22, To: 22 } }), 'PASS'],
    ['outbound all', entry({ Egress: true, Protocol: '-1' }), 'PASS'],
    ['ICMP', entry({ Protocol: '1', IcmpTypeCode: { Code: -1, Type: -1 } }), 'PASS'],
  ];
  for (const [name, e, status, detail] of cases) {
    it(`${status} for ${name}`, () => {
      const [r] = run([acl([e])]);
      assert.equal(r?.status, status);
      assert.equal(r?.resourceId, 'arn:aws:ec2:us-east-1:111111111111:network-acl/acl-1');
      assert.equal(r?.resourceType, 'AwsEc2NetworkAcl');
      if (detail) assert.equal(r?.reason, `network ACL \`acl-1\` of VPC \`vpc-1\`: ${detail}`);
    });
  }

  it('lists every offending rule', () => {
    const [r] = run([acl([
      entry({ RuleNumber: 90, Protocol: '6', PortRange: { From: 3389, To: 3389 } }),
      entry({ RuleNumber: 100, CidrBlock: undefined, Ipv6CidrBlock: '::/0', Protocol: '-1' }),
    ])]);
    assert.match(r?.reason ?? '', /rule 90 allows TCP port 3389 from 0\.0\.0\.0\/0; rule 100 allows all traffic .* from ::\/0$/);
  });

  it('judges each ACL and skips ACLs owned by another account', () => {
    const rs = run([
      acl([entry({ Protocol: '-1' })]),
      acl([], { NetworkAclId: 'acl-2' }),
      acl([entry({ Protocol: '-1' })], { NetworkAclId: 'acl-shared', OwnerId: '222222222222' }),
    ]);
    assert.deepEqual(rs.map((r) => [r.resourceId.split('/')[1], r.status]), [['acl-1', 'FAIL'], ['acl-2', 'PASS']]);
  });

  it('is NOT_APPLICABLE in a region without ACLs', () => {
    assert.equal(run([])[0]?.status, 'NOT_APPLICABLE');
  });

  it('returns ERROR with the AWS code when ACLs could not be collected', () => {
    const [r] = runCheck(check, { regional: { 'us-east-1': { 'ec2.networkAcls': failed('UnauthorizedOperation') } } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'UnauthorizedOperation');
  });
});
