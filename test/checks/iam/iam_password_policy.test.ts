import { test } from 'node:test';
import assert from 'node:assert/strict';
import minLength from '../../../src/checks/iam/iam_password_policy_min_length_14.ts';
import reuse from '../../../src/checks/iam/iam_password_policy_reuse_24.ts';
import type { GlobalDatasets } from '../../../src/collect/inventory.ts';
import type { Check } from '../../../src/checks/types.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const run = (check: Check, policy: GlobalDatasets['iam.passwordPolicy']) =>
  runCheck(check, { global: { 'iam.passwordPolicy': ok(policy) } })[0];

const cases: [Check, GlobalDatasets['iam.passwordPolicy'], string, string][] = [
  [minLength, { MinimumPasswordLength: 14 }, 'PASS', 'the password policy requires at least 14 characters'],
  [minLength, { MinimumPasswordLength: 13 }, 'FAIL', 'the password policy requires only 13 characters (needs 14 or more)'],
  [minLength, { PasswordReusePrevention: 24 }, 'FAIL', 'the password policy sets no minimum password length'],
  [minLength, null, 'FAIL', 'the account has no IAM password policy'],
  [reuse, { PasswordReusePrevention: 24 }, 'PASS', 'the password policy prevents reuse of the last 24 passwords'],
  [reuse, { PasswordReusePrevention: 5 }, 'FAIL', 'the password policy prevents reuse of only the last 5 passwords (needs 24)'],
  [reuse, { MinimumPasswordLength: 14 }, 'FAIL', 'the password policy does not prevent password reuse'],
  [reuse, null, 'FAIL', 'the account has no IAM password policy'],
];

for (const [check, policy, status, reason] of cases) {
  test(`${check.id}: ${JSON.stringify(policy)} ⇒ ${status}`, () => {
    const r = run(check, policy);
    assert.equal(r?.status, status);
    assert.equal(r?.reason, reason);
  });
}

for (const check of [minLength, reuse]) {
  test(`${check.id}: ERROR when the policy could not be read`, () => {
    const [r] = runCheck(check, { global: { 'iam.passwordPolicy': failed('AccessDenied') } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDenied');
  });
}
