import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_root_mfa_enabled.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const run = (s: Record<string, number>) => runCheck(check, { global: { 'iam.accountSummary': ok(s) } })[0];

test('PASS when AccountMFAEnabled is 1, FAIL when 0', () => {
  assert.equal(run({ AccountMFAEnabled: 1 })?.status, 'PASS');
  const r = run({ AccountMFAEnabled: 0 });
  assert.equal(r?.status, 'FAIL');
  assert.equal(r?.reason, 'root user has no MFA device');
});

test('ERROR when the summary is missing the field or failed', () => {
  assert.equal(run({})?.errorCode, 'IncompleteData');
  const [r] = runCheck(check, { global: { 'iam.accountSummary': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
