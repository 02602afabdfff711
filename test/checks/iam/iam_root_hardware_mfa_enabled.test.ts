import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_root_hardware_mfa_enabled.ts';
import type { GlobalDatasets } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

type Devices = GlobalDatasets['iam.virtualMfaDevices'];
const run = (mfa: number, devices: Devices) =>
  runCheck(check, { global: { 'iam.accountSummary': ok({ AccountMFAEnabled: mfa }), 'iam.virtualMfaDevices': ok(devices) } })[0];

const userDevice = {
  SerialNumber: 'arn:aws:iam::111111111111:mfa/alice',
  User: { Path: '/', UserName: 'alice', UserId: 'AIDA1', Arn: 'arn:aws:iam::111111111111:user/alice', CreateDate: '2025-01-01T00:00:00Z' },
};

test('PASS when root has MFA and no virtual device belongs to root', () => {
  const r = run(1, [userDevice]);
  assert.equal(r?.status, 'PASS');
});

test('FAIL when root has no MFA at all', () => {
  const r = run(0, []);
  assert.equal(r?.status, 'FAIL');
  assert.equal(r?.reason, 'root user has no MFA device at all');
});

for (const [label, device] of [
  ['by its fixed serial', { SerialNumber: 'arn:aws:iam::111111111111:mfa/root-account-mfa-device' }],
  ['by the :root user ARN', { SerialNumber: 'arn:aws:iam::111111111111:mfa/my-phone', User: { ...userDevice.User, Arn: 'arn:aws:iam::111111111111:root' } }],
] as const) {
  test(`FAIL when root uses a virtual device (found ${label})`, () => {
    const r = run(1, [userDevice, device]);
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.reason, `root user MFA is a virtual device (\`${device.SerialNumber}\`), not hardware`);
  });
}

test('ERROR when the device list failed', () => {
  const [r] = runCheck(check, {
    global: { 'iam.accountSummary': ok({ AccountMFAEnabled: 1 }), 'iam.virtualMfaDevices': failed('AccessDenied') },
  });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
