import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_user_single_active_access_key.ts';
import { failed, runCheck } from '../../support/checks.ts';
import { key, reportWithRoot, rootRow, userArn, userRow } from './fixtures.ts';

test('one result per identity with an active key, root included as the account', () => {
  const results = runCheck(check, {
    global: reportWithRoot(
      rootRow({ ...key(1, 10), ...key(2, 20) }),
      userRow('alice', key(1, 10)),
      userRow('bob', { ...key(1, 10), ...key(2, 5) }),
      userRow('carol', { ...key(1, 10), ...key(2, 5, undefined, false) }),
      userRow('dave'),
    ),
  });
  assert.deepEqual(
    results.map((r) => [r.resourceId, r.status, r.reason]),
    [
      ['111111111111', 'FAIL', 'root user has 2 active access keys (key 1 created 2026-11-10, key 2 created 2026-10-31)'],
      [userArn('alice'), 'PASS', 'user `alice` has one active access key'],
      [userArn('bob'), 'FAIL', 'user `bob` has 2 active access keys (key 1 created 2026-11-10, key 2 created 2026-11-15)'],
      [userArn('carol'), 'PASS', 'user `carol` has one active access key'],
    ],
  );
});

test('ERROR when the credential report failed', () => {
  const [r] = runCheck(check, { global: { 'iam.credentialReport': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
