import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_credentials_unused_45_days_disabled.ts';
import { failed, runCheck } from '../../support/checks.ts';
import { daysAgo, key, report, userArn, userRow } from './fixtures.ts';

const run = (over: Record<string, string>) => runCheck(check, { global: report(userRow('alice', over)) });
const password = (lastUsed: string, changed = daysAgo(300)) => ({
  password_enabled: 'true',
  password_last_used: lastUsed,
  password_last_changed: changed,
});

const cases: [string, Record<string, string>, string, string][] = [
  ['password used 44 days ago', password(daysAgo(44, 23)), 'PASS', 'user `alice` used every active credential within 45 days: password 44 days ago'],
  ['password used 45 days ago', password(daysAgo(45)), 'FAIL', 'user `alice` has credentials unused for 45 days or more: password unused for 45 days (last used 2026-10-06)'],
  [
    'password never used (no_information) falls back to last change',
    password('no_information', daysAgo(50)),
    'FAIL',
    'user `alice` has credentials unused for 45 days or more: password unused for 50 days (never used, set 2026-10-01)',
  ],
  ['password never used, set recently', password('no_information', daysAgo(3)), 'PASS', 'user `alice` used every active credential within 45 days: password 3 days ago'],
  [
    'stale key next to a fresh password, both listed by age',
    { ...password(daysAgo(1)), ...key(1, 400, 100), ...key(2, 60) },
    'FAIL',
    'user `alice` has credentials unused for 45 days or more: access key 1 unused for 100 days (last used 2026-08-12), ' +
      'access key 2 unused for 60 days (never used, created 2026-09-21)',
  ],
  ['inactive stale key is ignored', { ...key(1, 400, 100, false), ...key(2, 10, 1) }, 'PASS', 'user `alice` used every active credential within 45 days: access key 2 1 days ago'],
  ['no credentials at all', {}, 'PASS', 'user `alice` has no console password and no active access key'],
  ['password enabled but no date at all', password('N/A', 'N/A'), 'ERROR', 'user `alice`: the credential report gives no last-use or creation date for password'],
];

for (const [label, over, status, reason] of cases) {
  test(`${label} ⇒ ${status}`, () => {
    const [r] = run(over);
    assert.equal(r?.status, status);
    assert.equal(r?.reason, reason);
    assert.equal(r?.resourceId, userArn('alice'));
  });
}

test('a known stale credential wins over an unknown one', () => {
  const [r] = run({ ...password('N/A', 'N/A'), ...key(1, 400, 50) });
  assert.equal(r?.status, 'FAIL');
  assert.match(r?.reason ?? '', /access key 1 unused for 50 days/);
});

test('root is not judged', () => {
  assert.deepEqual(runCheck(check, { global: report() }).map((r) => r.status), ['NOT_APPLICABLE']);
});

test('ERROR when the credential report failed', () => {
  const [r] = runCheck(check, { global: { 'iam.credentialReport': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
