import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_root_no_access_keys.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { key, reportWithRoot, rootRow } from './fixtures.ts';

const summary = (present?: number) => ok<Record<string, number>>(present === undefined ? {} : { AccountAccessKeysPresent: present });

test('PASS when the account summary shows no root keys, whatever the (older) report says', () => {
  const [r] = runCheck(check, { global: { 'iam.accountSummary': summary(0), ...reportWithRoot(rootRow(key(1, 10))) } });
  assert.equal(r?.status, 'PASS');
  assert.equal(r?.resourceId, '111111111111');
});

test('FAIL names the keys from the credential report root row', () => {
  const root = rootRow({ ...key(1, 300, 5), ...key(2, 200, undefined, false) });
  const [r] = runCheck(check, { global: { 'iam.accountSummary': summary(1), ...reportWithRoot(root) } });
  assert.equal(r?.status, 'FAIL');
  assert.equal(
    r?.reason,
    'root user has access keys (AccountAccessKeysPresent=1): key 1 (active, created 2026-01-24, last used 2026-11-15), ' +
      'key 2 (inactive, created 2026-05-04, never used)',
  );
});

test('FAIL without detail when the credential report could not be collected', () => {
  const [r] = runCheck(check, {
    global: { 'iam.accountSummary': summary(1), 'iam.credentialReport': failed('ReportInProgress') },
  });
  assert.equal(r?.status, 'FAIL');
  assert.equal(r?.reason, 'root user has access keys (AccountAccessKeysPresent=1)');
});

test('ERROR when the account summary failed or lacks the field', () => {
  const [denied] = runCheck(check, { global: { 'iam.accountSummary': failed('AccessDenied'), ...reportWithRoot(rootRow()) } });
  assert.equal(denied?.status, 'ERROR');
  assert.equal(denied?.errorCode, 'AccessDenied');
  const [blank] = runCheck(check, { global: { 'iam.accountSummary': summary(), ...reportWithRoot(rootRow()) } });
  assert.equal(blank?.status, 'ERROR');
  assert.equal(blank?.errorCode, 'IncompleteData');
});
