import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/securityhub/securityhub_enabled.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

describe('securityhub_enabled', () => {
  it('gives one result per region on the account, so enabling the hub updates the same finding', () => {
    const rs = runCheck(check, {
      regional: {
        'us-east-1': { 'securityhub.hub': ok({ hubArn: 'arn:aws:securityhub:us-east-1:111111111111:hub/default' }) },
        'eu-west-1': { 'securityhub.hub': ok(null) },
        'me-south-1': { 'securityhub.hub': failed('AccessDeniedException') },
      },
    });
    assert.deepEqual(rs.map((r) => [r.region, r.status, r.resourceId]), [
      ['us-east-1', 'PASS', '111111111111'],
      ['eu-west-1', 'FAIL', '111111111111'],
      ['me-south-1', 'ERROR', '111111111111'],
    ]);
    assert.match(rs[0]?.reason ?? '', /hub\/default/);
    assert.equal(rs[1]?.reason, 'Security Hub is not enabled in eu-west-1');
    assert.equal(rs[2]?.errorCode, 'AccessDeniedException');
  });
});
