import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/cloudtrail/cloudtrail_bucket_access_logging.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { bucket, details, memberView, trail, trailAccount } from '../lib/trail-fixtures.ts';

describe('cloudtrail_bucket_access_logging', () => {
  it('judges each trail bucket once, in the bucket region', () => {
    const results = runCheck(
      check,
      trailAccount({
        trails: [details(trail('a', { S3BucketName: 'shared-logs' })), details(trail('b', { S3BucketName: 'shared-logs' }))],
        buckets: [bucket('shared-logs', { region: 'eu-west-1' })],
      }),
    );
    assert.equal(results.length, 1);
    const r = results[0]!;
    assert.equal(r.status, 'PASS');
    assert.equal(r.region, 'eu-west-1');
    assert.equal(r.resourceId, 'arn:aws:s3:::shared-logs');
    assert.equal(r.resourceType, 'AwsS3Bucket');
    assert.equal(r.reason, 'bucket `shared-logs` (trail `a`, trail `b`) logs access to `access-logs/shared-logs/`');
  });

  it('fails when the bucket has no access logging', () => {
    const [r] = runCheck(check, trailAccount({ trails: [details(trail('main'))], buckets: [bucket('main-logs', { logging: ok(null) })] }));
    assert.equal(r!.status, 'FAIL');
    assert.equal(r!.reason, 'bucket `main-logs` (trail `main`) has no server access logging');
  });

  it('is ERROR when the logging settings could not be read', () => {
    const [r] = runCheck(check, trailAccount({ trails: [details(trail('main'))], buckets: [bucket('main-logs', { logging: failed('AccessDenied') })] }));
    assert.equal(r!.status, 'ERROR');
    assert.equal(r!.errorCode, 'AccessDenied');
  });

  it('is NOT_APPLICABLE for the bucket of an organization trail seen from a member account', () => {
    const [r] = runCheck(check, trailAccount({ trails: [memberView('org')], buckets: [] }));
    assert.equal(r!.status, 'NOT_APPLICABLE');
    assert.equal(r!.errorCode, undefined);
    assert.equal(r!.region, 'global');
    assert.equal(r!.reason, 'bucket `org-logs` (organization trail `org` of account 999999999999) is not in this account; it is judged in the account that owns it');
  });

  it('judges own buckets next to a bucket of another account', () => {
    const results = runCheck(check, trailAccount({ trails: [memberView('org'), details(trail('main'))], buckets: [bucket('main-logs', { logging: ok(null) })] }));
    assert.deepEqual(results.map((r) => [r.resourceId, r.status]), [
      ['arn:aws:s3:::main-logs', 'FAIL'],
      ['arn:aws:s3:::org-logs', 'NOT_APPLICABLE'],
    ]);
  });

  it('fails once without trails', () => {
    const results = runCheck(check, trailAccount({ trails: [], buckets: [] }));
    assert.deepEqual(results.map((r) => [r.status, r.reason]), [['FAIL', 'no CloudTrail trail']]);
  });

  it('is ERROR when the bucket list could not be collected', () => {
    const spec = trailAccount({ trails: [details(trail('main'))] });
    spec.global!['s3.buckets'] = failed('AccessDenied');
    const [r] = runCheck(check, spec);
    assert.equal(r!.status, 'ERROR');
    assert.equal(r!.errorCode, 'AccessDenied');
  });
});
