import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_user_no_unused_keys_at_setup.ts';
import { failed, runCheck } from '../../support/checks.ts';
import { CONSOLE, key, report, userArn, userRow } from './fixtures.ts';

test('judges console users only; an inactive never-used key does not count', () => {
  const results = runCheck(check, {
    global: report(
      userRow('alice', { ...CONSOLE, ...key(1, 30, 2) }),
      userRow('bob', { ...CONSOLE, ...key(1, 30, 2), ...key(2, 60) }),
      userRow('carol', { ...CONSOLE, ...key(1, 30, undefined, false) }),
      userRow('svc-ci', key(1, 30)),
    ),
  });
  assert.deepEqual(
    results.map((r) => [r.resourceId, r.status, r.reason]),
    [
      [userArn('alice'), 'PASS', 'user `alice` has no active access key that was never used'],
      [userArn('bob'), 'FAIL', 'user `bob` has a console password and an active access key that was never used: access key 2 (created 2026-09-21)'],
      [userArn('carol'), 'PASS', 'user `carol` has no active access key that was never used'],
    ],
  );
});

test('ERROR when the credential report failed', () => {
  const [r] = runCheck(check, { global: { 'iam.credentialReport': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
