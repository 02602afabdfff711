import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_user_no_direct_policies.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { userArn } from './fixtures.ts';

const user = (name: string, attached: string[], inline: string[]) => ({
  userName: name,
  arn: userArn(name),
  attachedPolicies: attached.map((p) => ({ PolicyName: p, PolicyArn: `arn:aws:iam::aws:policy/${p}` })),
  inlinePolicyNames: inline,
});

test('one result per user naming every direct policy', () => {
  const results = runCheck(check, {
    global: {
      'iam.userPolicies': ok([
        user('alice', [], []),
        user('bob', ['AdministratorAccess', 'ReadOnlyAccess'], []),
        user('carol', ['ReadOnlyAccess'], ['s3-extra']),
      ]),
    },
  });
  assert.deepEqual(
    results.map((r) => [r.resourceId, r.resourceType, r.status, r.reason]),
    [
      [userArn('alice'), 'AwsIamUser', 'PASS', 'user `alice` has no policies of its own'],
      [userArn('bob'), 'AwsIamUser', 'FAIL', 'user `bob` has attached policies `AdministratorAccess`, `ReadOnlyAccess`'],
      [userArn('carol'), 'AwsIamUser', 'FAIL', 'user `carol` has attached policies `ReadOnlyAccess` and inline policies `s3-extra`'],
    ],
  );
});

test('ERROR when the user policies could not be listed', () => {
  const [r] = runCheck(check, { global: { 'iam.userPolicies': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
