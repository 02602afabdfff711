import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/s3/s3_bucket_block_public_access.ts';
import type { S3Bucket } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { bucket } from './fixtures.ts';

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

function run(account: typeof ALL_ON | Partial<typeof ALL_ON> | null, buckets: S3Bucket[]) {
  return runCheck(check, { global: { 's3.buckets': ok(buckets), 's3control.publicAccessBlock': ok(account) } });
}

describe('s3_bucket_block_public_access', () => {
  it('passes every bucket when the account level has all four flags', () => {
    const rs = run(ALL_ON, [bucket('a'), bucket('b', { publicAccessBlock: failed('AccessDenied') })]);
    assert.deepEqual(rs.map((r) => r.status), ['PASS', 'PASS']);
    assert.match(rs[0]?.reason ?? '', /account-level/);
  });

  it('passes a bucket with all four bucket-level flags when the account has none', () => {
    const [r] = run(null, [bucket('a', { publicAccessBlock: ok(ALL_ON) })]);
    assert.equal(r?.status, 'PASS');
    assert.match(r?.reason ?? '', /bucket-level/);
  });

  it('fails when neither level is complete, naming the flags that are off at each', () => {
    const [r] = run(
      { BlockPublicAcls: true, IgnorePublicAcls: true },
      [bucket('a', { publicAccessBlock: ok({ BlockPublicPolicy: true, RestrictPublicBuckets: true }) })],
    );
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.resourceId, 'arn:aws:s3:::a');
    assert.equal(
      r?.reason,
      'bucket `a` is not fully protected by Block Public Access: off at account level: BlockPublicPolicy, RestrictPublicBuckets; ' +
        'off at bucket level: BlockPublicAcls, IgnorePublicAcls',
    );
  });

  it('treats a missing configuration at both levels as all flags off', () => {
    const [r] = run(null, [bucket('a')]);
    assert.equal(r?.status, 'FAIL');
    assert.match(r?.reason ?? '', /account level: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets;/);
    assert.match(r?.reason ?? '', /\(no bucket configuration\)$/);
  });

  it('treats explicit false as off', () => {
    const [r] = run({ ...ALL_ON, RestrictPublicBuckets: false }, [bucket('a', { publicAccessBlock: ok({ ...ALL_ON, IgnorePublicAcls: false }) })]);
    assert.equal(r?.status, 'FAIL');
    assert.match(r?.reason ?? '', /account level: RestrictPublicBuckets; off at bucket level: IgnorePublicAcls$/);
  });

  it('returns ERROR for a bucket whose setting could not be read when the account level is incomplete', () => {
    const [r] = run(null, [bucket('a', { publicAccessBlock: failed('AccessDenied') })]);
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDenied');
  });

  it('returns ERROR when the account-level setting could not be collected', () => {
    const rs = runCheck(check, {
      global: { 's3.buckets': ok([bucket('a', { publicAccessBlock: ok(ALL_ON) })]), 's3control.publicAccessBlock': failed('AccessDenied') },
    });
    assert.equal(rs.length, 1);
    assert.equal(rs[0]?.status, 'ERROR');
    assert.equal(rs[0]?.errorCode, 'AccessDenied');
  });

  describe('without buckets', () => {
    it('passes on the account level', () => {
      const [r] = run(ALL_ON, []);
      assert.equal(r?.status, 'PASS');
      assert.equal(r?.region, 'global');
      assert.equal(r?.resourceId, '111111111111');
    });
    it('fails naming the flags that are off', () => {
      const [r] = run({ ...ALL_ON, BlockPublicPolicy: false }, []);
      assert.equal(r?.status, 'FAIL');
      assert.match(r?.reason ?? '', /off for BlockPublicPolicy/);
    });
  });
});
