import { test } from 'node:test';
import assert from 'node:assert/strict';
import support from '../../../src/checks/iam/iam_support_role_exists.ts';
import cloudshell from '../../../src/checks/iam/iam_cloudshell_full_access_restricted.ts';
import type { Collected, PolicyEntities } from '../../../src/collect/inventory.ts';
import { evaluateAccount } from '../../../src/checks/evaluate.ts';
import { DEFAULT_CHECK_OPTIONS, type Check } from '../../../src/checks/types.ts';
import { accountInventory, failed, ok, runCheck, TEST_NOW } from '../../support/checks.ts';

const SUPPORT = 'arn:aws:iam::aws:policy/AWSSupportAccess';
const SHELL = 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess';

function entities(users: string[], groups: string[], roles: string[]): PolicyEntities {
  return {
    users: users.map((UserName) => ({ UserName })),
    groups: groups.map((GroupName) => ({ GroupName })),
    roles: roles.map((RoleName) => ({ RoleName })),
  };
}

const run = (check: Check, byArn: Record<string, Collected<PolicyEntities>>) =>
  runCheck(check, { global: { 'iam.policyEntities': ok(byArn) } })[0];

const cases: [Check, string, PolicyEntities, string, string][] = [
  [support, SUPPORT, entities([], [], ['support', 'ops']), 'PASS', 'AWSSupportAccess is attached to roles `support`, `ops`'],
  [support, SUPPORT, entities(['alice'], ['helpdesk'], []), 'FAIL', 'AWSSupportAccess is not attached to any role (only to users `alice`; groups `helpdesk`)'],
  [support, SUPPORT, entities([], [], []), 'FAIL', 'AWSSupportAccess is not attached to any role'],
  [cloudshell, SHELL, entities([], [], []), 'PASS', 'AWSCloudShellFullAccess is not attached to any user, group or role'],
  [cloudshell, SHELL, entities(['alice'], ['devs'], ['admin']), 'FAIL', 'AWSCloudShellFullAccess is attached to users `alice`; groups `devs`; roles `admin`'],
  [cloudshell, SHELL, entities([], [], ['admin']), 'FAIL', 'AWSCloudShellFullAccess is attached to roles `admin`'],
];

for (const [check, arn, e, status, reason] of cases) {
  test(`${check.id}: ${status} — ${reason}`, () => {
    const r = run(check, { [arn]: ok(e) });
    assert.equal(r?.status, status);
    assert.equal(r?.reason, reason);
    assert.equal(r?.resourceId, '111111111111');
  });
}

for (const [check, arn] of [[support, SUPPORT], [cloudshell, SHELL]] as const) {
  test(`${check.id}: ERROR with the code of the failed ListEntitiesForPolicy`, () => {
    const r = run(check, { [arn]: failed('AccessDenied', 'not authorized') });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDenied');
    assert.match(r?.reason ?? '', new RegExp(arn.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  });

  test(`${check.id}: ERROR when the policy was not collected or the dataset failed`, () => {
    assert.equal(run(check, {})?.errorCode, 'NotCollected');
    const [r] = runCheck(check, { global: { 'iam.policyEntities': failed('Throttling') } });
    assert.equal(r?.errorCode, 'Throttling');
  });
}

test('the policy ARN follows the partition', () => {
  const account = accountInventory({
    global: { 'iam.policyEntities': ok({ 'arn:aws-cn:iam::aws:policy/AWSSupportAccess': ok(entities([], [], ['x'])) }) },
  });
  const [r] = evaluateAccount([support], account, 'aws-cn', TEST_NOW, DEFAULT_CHECK_OPTIONS);
  assert.equal(r?.status, 'PASS');
});
