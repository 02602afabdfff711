import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_root_not_used_recently.ts';
import { failed, runCheck } from '../../support/checks.ts';
import { daysAgo, key, reportWithRoot, rootRow, userRow } from './fixtures.ts';

const run = (root: Record<string, string>, rootUsageWindowDays = 90) =>
  runCheck(check, { global: reportWithRoot(rootRow(root)) }, { options: { rootUsageWindowDays } })[0];

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

test('ERROR when the report failed or has no root row', () => {
  const [denied] = runCheck(check, { global: { 'iam.credentialReport': failed('AccessDenied') } });
  assert.equal(denied?.status, 'ERROR');
  assert.equal(denied?.errorCode, 'AccessDenied');
  const [noRoot] = runCheck(check, { global: reportWithRoot(userRow('alice')) });
  assert.equal(noRoot?.status, 'ERROR');
  assert.equal(noRoot?.errorCode, 'IncompleteData');
});
