import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/s3/s3_bucket_denies_http.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { bucket } from './fixtures.ts';

const ARN = 'arn:aws:s3:::logs';

function withStatements(...statements: unknown[]) {
  return bucket('logs', { policy: ok(JSON.stringify({ Version: '2012-10-17', Statement: statements })) });
}

function denyHttp(over: Record<string, unknown> = {}) {
  return {
    Sid: 'DenyHttp',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [ARN, `${ARN}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...over,
  };
}

function run(...buckets: ReturnType<typeof bucket>[]) {
  return runCheck(check, { global: { 's3.buckets': ok(buckets) } });
}

describe('s3_bucket_denies_http', () => {
  it('passes the canonical statement, in the bucket region, with the bucket ARN', () => {
    const [r] = run(withStatements(denyHttp()));
    assert.equal(r?.status, 'PASS');
    assert.equal(r?.region, 'eu-west-1');
    assert.equal(r?.resourceId, ARN);
    assert.equal(r?.resourceType, 'AwsS3Bucket');
    assert.match(r?.reason ?? '', /DenyHttp/);
  });

  const passing: [string, Record<string, unknown>][] = [
    ['Principal {"AWS":"*"}', { Principal: { AWS: '*' } }],
    ['Principal {"AWS":["*"]}', { Principal: { AWS: ['*'] } }],
    ['Action "*"', { Action: '*' }],
    ['Action list with s3:*', { Action: ['s3:GetObject', 's3:*'] }],
    ['Condition value boolean false', { Condition: { Bool: { 'aws:SecureTransport': false } } }],
    ['Condition value ["false"]', { Condition: { Bool: { 'aws:SecureTransport': ['false'] } } }],
    ['Condition key in another case', { Condition: { Bool: { 'aws:securetransport': 'false' } } }],
    ['objects only', { Resource: `${ARN}/*` }],
    ['bucket only', { Resource: ARN }],
    ['wildcard bucket resource', { Resource: 'arn:aws:s3:::log*' }],
  ];
  for (const [name, over] of passing) {
    it(`passes with ${name}`, () => {
      assert.equal(run(withStatements(denyHttp(over)))[0]?.status, 'PASS');
    });
  }

  it('passes when the deny is one statement among others', () => {
    const allow = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:GetObject', Resource: `${ARN}/*` };
    assert.equal(run(withStatements(allow, denyHttp({ Sid: undefined })))[0]?.status, 'PASS');
  });

  it('fails a bucket without a policy', () => {
    const [r] = run(bucket('logs'));
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.reason, 'bucket `logs` has no bucket policy');
  });

  it('fails a policy without any SecureTransport deny', () => {
    const allow = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${ARN}/*` };
    const [r] = run(withStatements(allow));
    assert.equal(r?.status, 'FAIL');
    assert.match(r?.reason ?? '', /`logs` has no Deny statement with Condition Bool aws:SecureTransport "false"/);
  });

  const failing: [string, Record<string, unknown>, RegExp][] = [
    ['an Allow effect', { Effect: 'Allow' }, /no Deny statement/],
    ['SecureTransport "true"', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, /no Deny statement/],
    ['a specific principal', { Principal: { AWS: 'arn:aws:iam::222222222222:root' } }, /`DenyHttp` applies only to principal/],
    ['NotPrincipal instead of Principal', { Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::222222222222:root' } }, /has no Principal "\*"/],
    ['a narrow action', { Action: ['s3:GetObject', 's3:PutObject'] }, /denies only s3:GetObject, s3:PutObject instead of s3:\*/],
    ['a prefix-only resource', { Resource: `${ARN}/private/*` }, /covers neither the bucket nor its objects/],
    ['another bucket', { Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] }, /covers neither the bucket nor its objects/],
    [
      'an extra condition',
      { Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } },
      /also requires StringNotEquals aws:SourceVpce/,
    ],
  ];
  for (const [name, over, reason] of failing) {
    it(`fails with ${name}`, () => {
      const [r] = run(withStatements(denyHttp(over)));
      assert.equal(r?.status, 'FAIL');
      assert.match(r?.reason ?? '', reason);
    });
  }

  it('returns ERROR with the AWS code for a bucket whose policy could not be read, and judges the others', () => {
    const rs = run(bucket('secret', { policy: failed('AccessDenied') }), withStatements(denyHttp()));
    assert.equal(rs.length, 2);
    assert.equal(rs[0]?.status, 'ERROR');
    assert.equal(rs[0]?.errorCode, 'AccessDenied');
    assert.equal(rs[0]?.resourceId, 'arn:aws:s3:::secret');
    assert.match(rs[0]?.reason ?? '', /`secret`/);
    assert.equal(rs[1]?.status, 'PASS');
  });

  it('returns ERROR for an unparsable policy', () => {
    const [r] = run(bucket('logs', { policy: ok('{not json') }));
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'MalformedPolicy');
  });

  it('returns ERROR when the bucket list could not be collected', () => {
    const rs = runCheck(check, { global: { 's3.buckets': failed('AccessDenied') } });
    assert.equal(rs.length, 1);
    assert.equal(rs[0]?.status, 'ERROR');
    assert.equal(rs[0]?.errorCode, 'AccessDenied');
  });

  it('does not accept a resource ARN of another partition', () => {
    const b = bucket('logs', { policy: ok(JSON.stringify({ Statement: [denyHttp({ Resource: 'arn:aws-cn:s3:::logs/*' })] })) });
    const rs = runCheck(check, { global: { 's3.buckets': ok([b]) } });
    assert.equal(rs[0]?.status, 'FAIL');
  });
});
