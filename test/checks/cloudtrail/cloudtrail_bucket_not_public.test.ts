import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/cloudtrail/cloudtrail_bucket_not_public.ts';
import type { S3Bucket } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { bucket, details, memberView, trail, trailAccount, type TrailWorld } from '../lib/trail-fixtures.ts';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** By default the account has no account-level Block Public Access configuration (read, all off). */
function run(b: Partial<S3Bucket>, world: Partial<TrailWorld> = {}) {
  const global = { 's3control.publicAccessBlock': ok(null), ...world.global };
  const results = runCheck(check, trailAccount({ trails: [details(trail('main'))], buckets: [bucket('main-logs', b)], ...world, global }));
  assert.equal(results.length, 1);
  return results[0]!;
}

const policy = (statement: object) => ok(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }));
const publicRead = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::main-logs/*' };

describe('cloudtrail_bucket_not_public', () => {
  it('passes with a private ACL and no policy', () => {
    const r = run({});
    assert.equal(r.status, 'PASS');
    assert.equal(r.resourceId, 'arn:aws:s3:::main-logs');
    assert.match(r.reason, /is not public: no public ACL grant/);
  });

  it('fails on an ACL grant to AllUsers or AuthenticatedUsers', () => {
    const r = run({
      acl: ok({ grants: [{ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }, { Grantee: { Type: 'Group', URI: AUTH_USERS }, Permission: 'WRITE' }] }),
    });
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'bucket `main-logs` (trail `main`) is public: its ACL grants READ to AllUsers; its ACL grants WRITE to AuthenticatedUsers');
  });

  it('fails on an unconditioned Allow to everyone, in any principal form', () => {
    for (const Principal of ['*', { AWS: '*' }, { AWS: ['arn:aws:iam::123456789012:root', '*'] }]) {
      const r = run({ policy: policy({ ...publicRead, Principal }) });
      assert.equal(r.status, 'FAIL', JSON.stringify(Principal));
      assert.match(r.reason, /bucket policy allows everyone .* in statement `PublicRead`/);
    }
  });

  it('passes with the CloudTrail service principal or a conditioned public statement', () => {
    assert.equal(run({ policy: policy({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }) }).status, 'PASS');
    assert.equal(run({ policy: policy({ ...publicRead, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } } }) }).status, 'PASS');
    assert.equal(run({ policy: policy({ ...publicRead, Effect: 'Deny' }) }).status, 'PASS');
  });

  it('passes when Block Public Access neutralises the public ACL and policy', () => {
    const exposed: Partial<S3Bucket> = {
      acl: ok({ grants: [{ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }] }),
      policy: policy(publicRead),
    };
    const own = run({ ...exposed, publicAccessBlock: ok(ALL_ON) });
    assert.equal(own.status, 'PASS');
    assert.match(own.reason, /Block Public Access: public ACLs are ignored and public policies are restricted/);
    const account = run(exposed, { global: { 's3control.publicAccessBlock': ok(ALL_ON) } });
    assert.equal(account.status, 'PASS');
  });

  it('a partial Block Public Access still fails on what it leaves open', () => {
    const r = run({ policy: policy(publicRead), publicAccessBlock: ok({ ...ALL_ON, RestrictPublicBuckets: false }) });
    assert.equal(r.status, 'FAIL');
  });

  it('is ERROR when the ACL or policy could not be read and nothing public is known', () => {
    const acl = run({ acl: failed('AccessDenied') });
    assert.equal(acl.status, 'ERROR');
    assert.equal(acl.errorCode, 'AccessDenied');
    const pol = run({ policy: failed('AccessDenied') });
    assert.equal(pol.status, 'ERROR');
  });

  it('a bucket policy that is not a policy is ERROR MalformedPolicy, never PASS', () => {
    for (const text of ['not json', 'null', '"x"', '{}', '{"Statement":[{"Principal":"*"}]}']) {
      const r = run({ policy: ok(text) });
      assert.equal(r.status, 'ERROR', text);
      assert.equal(r.errorCode, 'MalformedPolicy', text);
    }
  });

  it('fails on a known exposure even when the other half could not be read', () => {
    assert.equal(run({ acl: failed('AccessDenied'), policy: policy(publicRead) }).status, 'FAIL');
  });

  it('is NOT_APPLICABLE when the bucket is in another account: it is judged there', () => {
    const [r] = runCheck(check, trailAccount({ trails: [details(trail('main', { S3BucketName: 'central-archive' }))], buckets: [] }));
    assert.equal(r!.status, 'NOT_APPLICABLE');
    assert.equal(r!.errorCode, undefined);
    assert.equal(r!.resourceId, 'arn:aws:s3:::central-archive');
    assert.equal(r!.reason, 'bucket `central-archive` (trail `main`) is not in this account; it is judged in the account that owns it');
  });

  it('the bucket of an organization trail seen from a member account is NOT_APPLICABLE, naming the trail account', () => {
    const [r] = runCheck(check, trailAccount({ trails: [memberView('org')], buckets: [] }));
    assert.equal(r!.status, 'NOT_APPLICABLE');
    assert.equal(r!.reason, 'bucket `org-logs` (organization trail `org` of account 999999999999) is not in this account; it is judged in the account that owns it');
  });

  it('fails once without trails', () => {
    const results = runCheck(check, trailAccount({ trails: [], buckets: [] }));
    assert.deepEqual(results.map((r) => [r.status, r.reason]), [['FAIL', 'no CloudTrail trail']]);
  });
});

describe('cloudtrail_bucket_not_public when Block Public Access cannot be read', () => {
  const publicAcl: Partial<S3Bucket> = { acl: ok({ grants: [{ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }] }) };

  it('a public ACL is ERROR, not FAIL, when the account-level setting could not be read', () => {
    const r = run(publicAcl, { global: { 's3control.publicAccessBlock': failed('AccessDenied') } });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'AccessDenied');
    assert.equal(
      r.reason,
      'bucket `main-logs` (trail `main`) is public unless Block Public Access neutralises it (its ACL grants READ to AllUsers), but the account-level Block Public Access could not be read: AccessDenied: AccessDenied (test)',
    );
  });

  it('a public policy is ERROR, not FAIL, when the bucket setting could not be read', () => {
    const r = run({ policy: policy(publicRead), publicAccessBlock: failed('AccessDenied') });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'AccessDenied');
    assert.match(r.reason, /the bucket Block Public Access could not be read/);
  });

  it('an account setting missing from the inventory is ERROR too', () => {
    const results = runCheck(check, trailAccount({ trails: [details(trail('main'))], buckets: [bucket('main-logs', publicAcl)] }));
    assert.deepEqual(results.map((r) => [r.status, r.errorCode]), [['ERROR', 'NotCollected']]);
  });

  it('a readable setting that neutralises the exposure still passes', () => {
    const r = run({ ...publicAcl, policy: policy(publicRead), publicAccessBlock: ok(ALL_ON) }, { global: { 's3control.publicAccessBlock': failed('AccessDenied') } });
    assert.equal(r.status, 'PASS');
  });

  it('without exposure it passes as before', () => {
    assert.equal(run({}, { global: { 's3control.publicAccessBlock': failed('AccessDenied') } }).status, 'PASS');
    assert.equal(run({ publicAccessBlock: failed('AccessDenied') }).status, 'PASS');
  });
});
