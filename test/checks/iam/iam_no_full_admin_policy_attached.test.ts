import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_no_full_admin_policy_attached.ts';
import type { IamPolicyWithDocument } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const AWS_ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const custom = (name: string) => `arn:aws:iam::111111111111:policy/${name}`;

function policy(arn: string, document: unknown): IamPolicyWithDocument {
  const name = arn.split('/').pop() ?? arn;
  return {
    policy: { PolicyName: name, Arn: arn, AttachmentCount: 2 },
    document: document === null ? null : typeof document === 'string' ? document : JSON.stringify(document),
  };
}

const adminObject = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
const adminInList = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    { Sid: 'Everything', Effect: 'Allow', Action: ['s3:*', '*'], Resource: ['arn:aws:s3:::b', '*'] },
  ],
};
const notAdmin = [
  { Effect: 'Deny', Action: '*', Resource: '*' },
  { Effect: 'Allow', Action: 's3:*', Resource: '*' },
  { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' },
  { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
];

const run = (policies: IamPolicyWithDocument[], includeAwsManagedAdminPolicies = true) =>
  runCheck(check, { global: { 'iam.attachedPolicies': ok(policies) } }, { options: { includeAwsManagedAdminPolicies } });

test('FAIL per admin policy, single statement object or list, with Action/Resource as string or list', () => {
  const results = run([
    policy(AWS_ADMIN, adminObject),
    policy(custom('Ops'), adminInList),
    policy(custom('Fine'), { Version: '2012-10-17', Statement: notAdmin }),
  ]);
  assert.deepEqual(
    results.map((r) => [r.resourceId, r.resourceType, r.status, r.reason]),
    [
      [AWS_ADMIN, 'AwsIamPolicy', 'FAIL', 'policy `AdministratorAccess` allows Action "*" on Resource "*" (statement `#1`) and is attached to 2 entities'],
      [custom('Ops'), 'AwsIamPolicy', 'FAIL', 'policy `Ops` allows Action "*" on Resource "*" (statement `Everything`) and is attached to 2 entities'],
    ],
  );
});

test('one PASS for the account when nothing grants *:*', () => {
  const results = run([policy(custom('Fine'), { Statement: notAdmin })]);
  assert.equal(results.length, 1);
  assert.equal(results[0]?.status, 'PASS');
  assert.equal(results[0]?.resourceId, '111111111111');
  assert.equal(results[0]?.reason, 'no attached policy allows Action "*" on Resource "*" (1 checked)');
});

test('AWS-managed policies are skipped when the option is off', () => {
  const results = run([policy(AWS_ADMIN, adminObject), policy(custom('Fine'), { Statement: notAdmin })], false);
  assert.deepEqual(results.map((r) => [r.status, r.reason]), [
    ['PASS', 'no attached customer-managed policy allows Action "*" on Resource "*" (1 checked)'],
  ]);
  assert.equal(run([policy(custom('Ops'), adminObject)], false)[0]?.status, 'FAIL');
});

test('ERROR for a policy whose document is missing or unreadable, and no PASS beside it', () => {
  const results = run([policy(custom('Lost'), null), policy(custom('Broken'), '{"Statement": ['), policy(custom('Fine'), { Statement: notAdmin })]);
  assert.deepEqual(
    results.map((r) => [r.resourceId, r.status, r.errorCode]),
    [
      [custom('Lost'), 'ERROR', 'IncompleteData'],
      [custom('Broken'), 'ERROR', 'InvalidPolicyDocument'],
    ],
  );
  assert.equal(results[0]?.reason, 'the default version of policy `Lost` could not be read');
  assert.match(results[1]?.reason ?? '', /^cannot judge policy `Broken`: policy is not valid JSON/);
});

test('ERROR when the attached policies could not be listed', () => {
  const [r] = runCheck(check, { global: { 'iam.attachedPolicies': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
