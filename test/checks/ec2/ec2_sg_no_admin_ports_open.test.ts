import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import ipv4 from '../../../src/checks/ec2/ec2_sg_no_admin_ports_open_ipv4.ts';
import ipv6 from '../../../src/checks/ec2/ec2_sg_no_admin_ports_open_ipv6.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const V4 = { IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
const V6 = { Ipv6Ranges: [{ CidrIpv6: '::/0' }] };

function sg(perms: IpPermission[], over: Partial<SecurityGroup> = {}): SecurityGroup {
  return { GroupId: 'sg-1', GroupName: 'web', OwnerId: '111111111111', VpcId: 'vpc-1', IpPermissions: perms, IpPermissionsEgress: [], ...over };
}

function run(check: typeof ipv4, groups: SecurityGroup[]) {
  return runCheck(check, { regional: { 'eu-west-1': { 'ec2.securityGroups': ok(groups) } } });
}

const cases: [string, IpPermission, 'PASS' | 'FAIL', RegExp?][] = [
  ['TCP 22', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }, 'FAIL', /allows TCP port 22 from/],
  ['TCP 3389', { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389 }, 'FAIL', /allows TCP port 3389 from/],
  ['protocol 6 range 0-65535', { IpProtocol: '6', FromPort: 0, ToPort: 65535 }, 'FAIL', /TCP ports 22 and 3389/],
  ['UDP 3389', { IpProtocol: 'udp', FromPort: 3389, ToPort: 3389 }, 'FAIL', /UDP port 3389/],
  ['protocol 17 range 20-25', { IpProtocol: '17', FromPort: 20, ToPort: 25 }, 'FAIL', /UDP port 22/],
  ['all traffic (-1)', { IpProtocol: '-1' }, 'FAIL', /all traffic/],
  ['TCP 80-443', { IpProtocol: 'tcp', FromPort: 80, ToPort: 443 }, 'PASS'],
  ['TCP 23-3388', { IpProtocol: 'tcp', FromPort: 23, ToPort: 3388 }, 'PASS'],
  ['ICMP', { IpProtocol: 'icmp', FromPort: -1, ToPort: -1 }, 'PASS'],
];

for (const [check, family, world, other] of [[ipv4, V4, '0.0.0.0/0', V6], [ipv6, V6, '::/0', V4]] as const) {
  describe(check.id, () => {
    for (const [name, perm, status, reason] of cases) {
      it(`${status} for ${name} from ${world}`, () => {
        const [r] = run(check, [sg([{ ...perm, ...family }])]);
        assert.equal(r?.status, status);
        assert.equal(r?.region, 'eu-west-1');
        assert.equal(r?.resourceId, 'arn:aws:ec2:eu-west-1:111111111111:security-group/sg-1');
        assert.equal(r?.resourceType, 'AwsEc2SecurityGroup');
        if (reason) {
          assert.match(r?.reason ?? '', reason);
          assert.match(r?.reason ?? '', /security group `sg-1` \(`web`\)/);
          assert.ok(r?.reason.includes(world));
        }
      });
    }

    it('ignores the other address family and narrower ranges', () => {
      const perms: IpPermission[] = [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, ...other },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }], Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }] },
        { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-2' }] },
      ];
      assert.equal(run(check, [sg(perms)])[0]?.status, 'PASS');
    });

    it('lists every exposure of a group', () => {
      const [r] = run(check, [sg([
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, ...family },
        { IpProtocol: 'udp', FromPort: 3389, ToPort: 3389, ...family },
      ])]);
      assert.equal(r?.reason, `security group \`sg-1\` (\`web\`) allows TCP port 22 from ${world}; UDP port 3389 from ${world}`);
    });

    it('uses the ARN AWS returns and skips groups owned by another account', () => {
      const rs = run(check, [
        sg([], { SecurityGroupArn: 'arn:aws:ec2:eu-west-1:111111111111:security-group/sg-1' }),
        sg([{ IpProtocol: '-1', ...family }], { GroupId: 'sg-shared', OwnerId: '222222222222' }),
      ]);
      assert.equal(rs.length, 1);
      assert.equal(rs[0]?.resourceId, 'arn:aws:ec2:eu-west-1:111111111111:security-group/sg-1');
    });

    it('is NOT_APPLICABLE in a region without security groups', () => {
      assert.equal(run(check, [])[0]?.status, 'NOT_APPLICABLE');
    });

    it('returns ERROR with the AWS code when security groups could not be collected', () => {
      const [r] = runCheck(check, { regional: { 'eu-west-1': { 'ec2.securityGroups': failed('UnauthorizedOperation') } } });
      assert.equal(r?.status, 'ERROR');
      assert.equal(r?.errorCode, 'UnauthorizedOperation');
      assert.equal(r?.region, 'eu-west-1');
    });
  });
}
