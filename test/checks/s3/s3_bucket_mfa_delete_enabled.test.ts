import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/s3/s3_bucket_mfa_delete_enabled.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { bucket } from './fixtures.ts';

function run(versioning: { status?: string; mfaDelete?: string }) {
  return runCheck(check, { global: { 's3.buckets': ok([bucket('data', { versioning: ok(versioning) })]) } })[0];
}

describe('s3_bucket_mfa_delete_enabled', () => {
  it('passes with versioning and MFA Delete enabled', () => {
    const r = run({ status: 'Enabled', mfaDelete: 'Enabled' });
    assert.equal(r?.status, 'PASS');
    assert.equal(r?.resourceId, 'arn:aws:s3:::data');
    assert.equal(r?.region, 'eu-west-1');
  });

  const failing: [{ status?: string; mfaDelete?: string }, string][] = [
    [{ status: 'Enabled', mfaDelete: 'Disabled' }, 'bucket `data`: MFA Delete is disabled'],
    [{ status: 'Enabled' }, 'bucket `data`: MFA Delete is not enabled'],
    [{ status: 'Suspended', mfaDelete: 'Enabled' }, 'bucket `data`: versioning is suspended'],
    [{}, 'bucket `data`: versioning is never enabled, MFA Delete is not enabled'],
  ];
  for (const [versioning, reason] of failing) {
    it(`fails ${JSON.stringify(versioning)}`, () => {
      const r = run(versioning);
      assert.equal(r?.status, 'FAIL');
      assert.equal(r?.reason, reason);
    });
  }

  it('returns ERROR for a bucket whose versioning could not be read', () => {
    const [r] = runCheck(check, { global: { 's3.buckets': ok([bucket('data', { versioning: failed('AccessDenied') })]) } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDenied');
    assert.match(r?.reason ?? '', /versioning configuration of bucket `data`/);
  });

  it('returns ERROR when the bucket list failed', () => {
    const [r] = runCheck(check, { global: { 's3.buckets': failed('AccessDenied') } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDenied');
  });

  it('is NOT_APPLICABLE without buckets', () => {
    const rs = runCheck(check, { global: { 's3.buckets': ok([]) } });
    assert.deepEqual(rs.map((r) => r.status), ['NOT_APPLICABLE']);
  });
});
