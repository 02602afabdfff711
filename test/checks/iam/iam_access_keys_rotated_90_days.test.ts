import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_access_keys_rotated_90_days.ts';
import { failed, runCheck } from '../../support/checks.ts';
import { daysAgo, key, report, userArn, userRow } from './fixtures.ts';

const run = (over: Record<string, string>) => runCheck(check, { global: report(userRow('alice', over)) });

const cases: [string, Record<string, string>, string, string][] = [
  ['key 90 days old', key(1, 90, 1), 'PASS', 'user `alice` rotated every active key within 90 days: access key 1 is 90 days old'],
  ['key 91 days old', key(1, 91, 1), 'FAIL', 'user `alice` has access keys older than 90 days: access key 1 is 91 days old (rotated 2026-08-21)'],
  ['only the old key of two is listed', { ...key(1, 10), ...key(2, 200) }, 'FAIL', 'user `alice` has access keys older than 90 days: access key 2 is 200 days old (rotated 2026-05-04)'],
  ['inactive old key ignored', { ...key(1, 10), ...key(2, 200, 1, false) }, 'PASS', 'user `alice` rotated every active key within 90 days: access key 1 is 10 days old'],
  ['active key without rotation date', { access_key_1_active: 'true', access_key_1_last_rotated: 'N/A' }, 'ERROR', 'user `alice`: the credential report gives no rotation date for active access key 1'],
];

for (const [label, over, status, reason] of cases) {
  test(`${label} ⇒ ${status}`, () => {
    const [r] = run(over);
    assert.equal(r?.status, status);
    assert.equal(r?.reason, reason);
    assert.equal(r?.resourceId, userArn('alice'));
  });
}

test('users without active keys get no result', () => {
  const results = runCheck(check, { global: report(userRow('bob', key(1, 300, 1, false)), userRow('carol', { access_key_1_last_rotated: daysAgo(5) })) });
  assert.deepEqual(results.map((r) => r.status), ['NOT_APPLICABLE']);
});

test('ERROR when the credential report failed', () => {
  const [r] = runCheck(check, { global: { 'iam.credentialReport': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
