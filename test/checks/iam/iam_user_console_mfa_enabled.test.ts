import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_user_console_mfa_enabled.ts';
import { failed, runCheck } from '../../support/checks.ts';
import { CONSOLE, report, userArn, userRow } from './fixtures.ts';

test('one result per console user; users without a password and root are skipped', () => {
  const results = runCheck(
    check,
    { global: report(userRow('alice', { ...CONSOLE, mfa_active: 'true' }), userRow('bob', CONSOLE), userRow('svc-ci')) },
  );
  assert.deepEqual(
    results.map((r) => [r.resourceId, r.resourceType, r.status, r.reason]),
    [
      [userArn('alice'), 'AwsIamUser', 'PASS', 'user `alice` has a console password and MFA'],
      [userArn('bob'), 'AwsIamUser', 'FAIL', 'user `bob` has a console password but no MFA device'],
    ],
  );
});

test('NOT_APPLICABLE when no user has a console password', () => {
  const [r] = runCheck(check, { global: report(userRow('svc-ci')) });
  assert.equal(r?.status, 'NOT_APPLICABLE');
});

test('ERROR when the credential report failed', () => {
  const [r] = runCheck(check, { global: { 'iam.credentialReport': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
