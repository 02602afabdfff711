import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/ec2/ec2_ebs_default_encryption.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

describe('ec2_ebs_default_encryption', () => {
  it('gives one result per region: PASS where on, FAIL where off, ERROR where unreadable', () => {
    const rs = runCheck(check, {
      regional: {
        'us-east-1': { 'ec2.ebsEncryptionByDefault': ok(true) },
        'eu-west-1': { 'ec2.ebsEncryptionByDefault': ok(false) },
        'ap-south-1': { 'ec2.ebsEncryptionByDefault': failed('UnauthorizedOperation') },
      },
    });
    assert.deepEqual(rs.map((r) => [r.region, r.status]), [['us-east-1', 'PASS'], ['eu-west-1', 'FAIL'], ['ap-south-1', 'ERROR']]);
    assert.equal(rs[1]?.reason, 'EBS encryption by default is off in eu-west-1');
    assert.equal(rs[1]?.resourceId, '111111111111');
    assert.equal(rs[2]?.errorCode, 'UnauthorizedOperation');
  });
});
