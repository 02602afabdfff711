import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/kms/kms_key_rotation_enabled.ts';
import type { Collected, KmsKey } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const ARN = 'arn:aws:kms:eu-west-1:111111111111:key/k-1';

function key(metadata: Partial<KmsKey['metadata']>, rotationEnabled?: Collected<boolean>): KmsKey {
  return {
    metadata: { KeyId: 'k-1', Arn: ARN, KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyState: 'Enabled', Origin: 'AWS_KMS', ...metadata },
    ...(rotationEnabled ? { rotationEnabled } : {}),
  };
}

function run(keys: KmsKey[]) {
  return runCheck(check, { regional: { 'eu-west-1': { 'kms.keys': ok(keys) } } });
}

describe('kms_key_rotation_enabled', () => {
  it('passes a rotating customer key', () => {
    const [r] = run([key({}, ok(true))]);
    assert.equal(r?.status, 'PASS');
    assert.equal(r?.resourceId, ARN);
    assert.equal(r?.resourceType, 'AwsKmsKey');
  });

  it('fails a customer key without rotation and names it', () => {
    const [r] = run([key({}, ok(false))]);
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.reason, 'key `k-1` does not have automatic rotation enabled');
  });

  it('accepts the deprecated CustomerMasterKeySpec', () => {
    const [r] = run([key({ KeySpec: undefined, CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' }, ok(false))]);
    assert.equal(r?.status, 'FAIL');
  });

  const skipped: [string, Partial<KmsKey['metadata']>][] = [
    ['AWS-managed', { KeyManager: 'AWS' }],
    ['asymmetric', { KeySpec: 'RSA_2048' }],
    ['HMAC', { KeySpec: 'HMAC_256' }],
    ['disabled', { KeyState: 'Disabled' }],
    ['pending deletion', { KeyState: 'PendingDeletion' }],
    ['imported material', { Origin: 'EXTERNAL' }],
    ['custom key store', { Origin: 'AWS_CLOUDHSM' }],
  ];
  for (const [name, metadata] of skipped) {
    it(`skips a ${name} key`, () => {
      assert.deepEqual(run([key(metadata, ok(false))]).map((r) => r.status), ['NOT_APPLICABLE']);
    });
  }

  it('returns ERROR for a key whose rotation status could not be read, and judges the others', () => {
    const rs = run([key({}, failed('AccessDeniedException')), key({ KeyId: 'k-2', Arn: `${ARN}2` }, ok(true))]);
    assert.deepEqual(rs.map((r) => r.status), ['ERROR', 'PASS']);
    assert.equal(rs[0]?.errorCode, 'AccessDeniedException');
    assert.match(rs[0]?.reason ?? '', /key `k-1`/);
  });

  it('returns ERROR for an eligible key whose rotation status is missing', () => {
    const [r] = run([key({})]);
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'NotCollected');
  });

  it('returns ERROR when keys could not be collected', () => {
    const [r] = runCheck(check, { regional: { 'eu-west-1': { 'kms.keys': failed('AccessDeniedException') } } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDeniedException');
  });
});
