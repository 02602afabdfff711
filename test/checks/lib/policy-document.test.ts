import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  conditionTests,
  conditionValues,
  coversAllActionsOf,
  isEveryonePrincipal,
  parsePolicyDocument,
  PolicyParseError,
  wildcardCoversPrefix,
  wildcardMatches,
} from '../../../src/checks/lib/policy-document.ts';

describe('parsePolicyDocument', () => {
  it('normalises single values to lists and labels statements by Sid or position', () => {
    const [a, b] = parsePolicyDocument(JSON.stringify({
      Statement: [
        { Sid: 'One', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b' },
        { Effect: 'Allow', NotAction: ['iam:*'], NotResource: 'x', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
      ],
    }));
    assert.equal(a?.label, 'One');
    assert.deepEqual(a?.actions, ['s3:*']);
    assert.deepEqual(a?.resources, ['arn:aws:s3:::b']);
    assert.equal(b?.label, '#2');
    assert.deepEqual(b?.actions, []);
    assert.deepEqual(b?.notActions, ['iam:*']);
    assert.deepEqual(b?.notResources, ['x']);
  });

  it('accepts a single statement object', () => {
    const sts = parsePolicyDocument('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}');
    assert.equal(sts.length, 1);
  });

  for (const [name, text] of [
    ['invalid JSON', '{'],
    ['a non-object', '[]'],
    ['no Statement', '{"Version":"2012-10-17"}'],
    ['a statement without Effect', '{"Statement":[{"Action":"*"}]}'],
    ['a non-string Action', '{"Statement":[{"Effect":"Allow","Action":[1]}]}'],
    ['a malformed Condition', '{"Statement":[{"Effect":"Allow","Condition":{"Bool":"x"}}]}'],
  ] as const) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parsePolicyDocument(text), PolicyParseError);
    });
  }
});

describe('isEveryonePrincipal', () => {
  const cases: [unknown, boolean][] = [
    ['*', true],
    [{ AWS: '*' }, true],
    [{ AWS: ['*'] }, true],
    [{ AWS: ['arn:aws:iam::111111111111:root', '*'] }, true],
    [['*'], true],
    [{ AWS: 'arn:aws:iam::111111111111:root' }, false],
    [{ Service: '*' }, false],
    [undefined, false],
  ];
  for (const [principal, expected] of cases) {
    it(`${JSON.stringify(principal)} → ${expected}`, () => assert.equal(isEveryonePrincipal(principal), expected));
  }
});

describe('wildcards', () => {
  it('matches whole strings with * and ?', () => {
    assert.ok(wildcardMatches('arn:aws:s3:::my-*', 'arn:aws:s3:::my-bucket'));
    assert.ok(wildcardMatches('arn:aws:s3:::my-buck?t', 'arn:aws:s3:::my-bucket'));
    assert.ok(!wildcardMatches('arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket2'));
    assert.ok(!wildcardMatches('arn:aws:s3:::MY-bucket', 'arn:aws:s3:::my-bucket'));
    assert.ok(wildcardMatches('S3:GetObject', 's3:getobject', true));
  });

  it('tells whether a pattern covers everything under a prefix', () => {
    assert.ok(wildcardCoversPrefix('arn:aws:s3:::b/*', 'arn:aws:s3:::b/'));
    assert.ok(wildcardCoversPrefix('arn:aws:s3:::*', 'arn:aws:s3:::b/'));
    assert.ok(wildcardCoversPrefix('*', 'arn:aws:s3:::b/'));
    assert.ok(!wildcardCoversPrefix('arn:aws:s3:::b/private/*', 'arn:aws:s3:::b/'));
    assert.ok(!wildcardCoversPrefix('arn:aws:s3:::b', 'arn:aws:s3:::b/'));
    assert.ok(!wildcardCoversPrefix('arn:aws:s3:::other/*', 'arn:aws:s3:::b/'));
  });

  it('knows which action patterns cover a whole service', () => {
    assert.ok(coversAllActionsOf(['s3:*'], 's3'));
    assert.ok(coversAllActionsOf(['S3:*'], 's3'));
    assert.ok(coversAllActionsOf(['*'], 's3'));
    assert.ok(coversAllActionsOf(['s3:GetObject', 's3:*'], 's3'));
    assert.ok(!coversAllActionsOf(['s3:Get*', 's3:PutObject'], 's3'));
    assert.ok(!coversAllActionsOf(['s3-object-lambda:*'], 's3'));
    assert.ok(!coversAllActionsOf([], 's3'));
  });
});

describe('conditions', () => {
  const condition = { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } };
  it('looks up values with case-insensitive keys', () => {
    assert.deepEqual(conditionValues(condition, 'Bool', 'AWS:securetransport'), ['false']);
    assert.deepEqual(conditionValues(condition, 'StringEquals', 'aws:SourceVpce'), ['vpce-1', 'vpce-2']);
    assert.equal(conditionValues(condition, 'Bool', 'aws:MultiFactorAuthPresent'), undefined);
    assert.equal(conditionValues(condition, 'NumericLessThan', 's3:TlsVersion'), undefined);
  });
  it('lists every test', () => {
    assert.deepEqual(conditionTests(condition), ['Bool aws:SecureTransport', 'StringEquals aws:SourceVpce']);
  });
});
