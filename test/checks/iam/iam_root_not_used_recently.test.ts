import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_root_not_used_recently.ts';
import { failed, runCheck } from '../../support/checks.ts';
import { daysAgo, key, reportWithRoot, rootRow, userRow } from './fixtures.ts';

const run = (root: Record<string, string>, rootUsageWindowDays = 90) =>
  runCheck(check, { global: reportWithRoot(rootRow(root)) }, { options: { rootUsageWindowDays } })[0];

/** The default root row with `over` applied and `column` removed. */
function without(column: string, over: Record<string, string> = {}): Record<string, string> {
  const { [column]: _dropped, ...rest } = rootRow(over);
  return rest;
}

test('FAIL names every use within the window, most recent first', () => {
  const r = run({ password_last_used: daysAgo(40), ...key(2, 400, 3) });
  assert.equal(r?.status, 'FAIL');
  assert.equal(r?.reason, 'root user was used within the last 90 days: access key 2 on 2026-11-17 (3 days ago), password on 2026-10-11 (40 days ago)');
});

test('window boundary: 89 whole days is inside a 90-day window, 90 is outside', () => {
  assert.equal(run({ password_last_used: daysAgo(89, 23) })?.status, 'FAIL');
  const r = run({ password_last_used: daysAgo(90) });
  assert.equal(r?.status, 'PASS');
  assert.equal(r?.reason, 'the most recent root use is password on 2026-08-22 (90 days ago), outside the 90-day window');
});

test('the window comes from the options', () => {
  assert.equal(run({ password_last_used: daysAgo(2) }, 1)?.status, 'PASS');
  assert.equal(run({ password_last_used: daysAgo(0, 5) }, 1)?.status, 'FAIL');
});

test('sentinels mean never used', () => {
  const r = run({ password_last_used: 'no_information', access_key_1_last_used_date: 'N/A' });
  assert.equal(r?.status, 'PASS');
  assert.equal(r?.reason, 'root user has no recorded password or access key use');
});

test('a missing, empty or non-date last-use value is ERROR IncompleteData naming the column', () => {
  const cases: [Record<string, string>, string][] = [
    [without('password_last_used'), 'root user: the credential report has no `password_last_used` column'],
    [rootRow({ access_key_1_last_used_date: '' }), 'root user: the credential report gives `access_key_1_last_used_date` as ``, neither a date nor N/A, no_information or not_supported'],
    [rootRow({ access_key_2_last_used_date: 'yesterday' }), 'root user: the credential report gives `access_key_2_last_used_date` as `yesterday`, neither a date nor N/A, no_information or not_supported'],
    [rootRow({ password_last_used: '1' }), 'root user: the credential report gives `password_last_used` as `1`, neither a date nor N/A, no_information or not_supported'],
  ];
  for (const [root, reason] of cases) {
    const [r] = runCheck(check, { global: reportWithRoot(root) });
    assert.equal(r?.status, 'ERROR', reason);
    assert.equal(r?.errorCode, 'IncompleteData');
    assert.equal(r?.reason, reason);
    assert.equal(r?.resourceId, '111111111111');
  }
});

test('a known recent use still fails when another column is unreadable', () => {
  const r = run({ password_last_used: daysAgo(3), access_key_1_last_used_date: 'garbage' });
  assert.equal(r?.status, 'FAIL');
  assert.equal(r?.reason, 'root user was used within the last 90 days: password on 2026-11-17 (3 days ago)');
});

test('an old use with an unreadable column is ERROR, not PASS', () => {
  assert.equal(run({ password_last_used: daysAgo(300), access_key_1_last_used_date: 'garbage' })?.status, 'ERROR');
});

test('ERROR when the report failed or has no root row', () => {
  const [denied] = runCheck(check, { global: { 'iam.credentialReport': failed('AccessDenied') } });
  assert.equal(denied?.status, 'ERROR');
  assert.equal(denied?.errorCode, 'AccessDenied');
  const [noRoot] = runCheck(check, { global: reportWithRoot(userRow('alice')) });
  assert.equal(noRoot?.status, 'ERROR');
  assert.equal(noRoot?.errorCode, 'IncompleteData');
});
