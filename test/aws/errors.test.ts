import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoSuchEntityException } from '@aws-sdk/client-iam';
import { errorCode, toCollectError } from '../../src/aws/errors.ts';

test('the AWS error code comes from the SDK error, its Code field, or the HTTP status', () => {
  assert.equal(errorCode(new NoSuchEntityException({ message: 'no', $metadata: {} })), 'NoSuchEntityException');
  assert.equal(errorCode(Object.assign(new Error('x'), { Code: 'NoSuchBucketPolicy' })), 'NoSuchBucketPolicy');
  assert.equal(errorCode(Object.assign(new Error('x'), { name: 'Unknown', $metadata: { httpStatusCode: 501 } })), 'NotImplemented');
  assert.equal(errorCode(Object.assign(new Error('x'), { name: 'UnknownError', $metadata: { httpStatusCode: 403 } })), 'AccessDenied');
  assert.equal(errorCode(Object.assign(new Error('x'), { name: 'Unknown', $metadata: { httpStatusCode: 502 } })), 'Http502');
  assert.equal(errorCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
  assert.equal(errorCode('a string'), 'UnknownError');
});

test('error data keeps one line of the message, at most 500 characters', () => {
  const e = toCollectError(Object.assign(new Error(`first line ${'x'.repeat(600)}\nsecond line`), { name: 'ThrottlingException' }));
  assert.equal(e.code, 'ThrottlingException');
  assert.equal(e.message.length, 500);
  assert.ok(!e.message.includes('second line'));
});
