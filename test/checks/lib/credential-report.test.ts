import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessKeys, dateCell, dateColumn, rootRow, userRows } from '../../../src/checks/lib/credential-report.ts';

test('sentinels, empty and garbage are not dates', () => {
  for (const v of ['N/A', 'no_information', 'not_supported', '', 'soon']) {
    assert.equal(dateColumn({ c: v }, 'c'), undefined, v);
  }
  assert.equal(dateColumn({}, 'c'), undefined);
  assert.equal(dateColumn({ c: '2026-11-01T10:00:00+00:00' }, 'c')?.toISOString(), '2026-11-01T10:00:00.000Z');
});

test('a date cell tells a date from a sentinel and from missing or bad data', () => {
  assert.deepEqual(dateCell({ c: '2026-11-01T10:00:00+00:00' }, 'c'), { kind: 'date', date: new Date('2026-11-01T10:00:00Z') });
  assert.deepEqual(dateCell({ c: '2026-11-01T10:00:00.123Z' }, 'c'), { kind: 'date', date: new Date('2026-11-01T10:00:00.123Z') });
  for (const v of ['N/A', 'no_information', 'not_supported']) assert.deepEqual(dateCell({ c: v }, 'c'), { kind: 'none' }, v);
  assert.deepEqual(dateCell({}, 'c'), { kind: 'invalid', problem: 'the credential report has no `c` column' });
  // Date.parse accepts these; the report never writes them.
  for (const v of ['', 'soon', '1', '2026', 'Nov 1 2026', '2026-11-01T10:00:00', '2026-13-01T10:00:00Z']) {
    assert.deepEqual(
      dateCell({ c: v }, 'c'),
      { kind: 'invalid', problem: `the credential report gives \`c\` as \`${v}\`, neither a date nor N/A, no_information or not_supported` },
      v,
    );
  }
});

test('access keys read both slots by column name and tell never-used from unknown', () => {
  const keys = accessKeys({
    access_key_1_active: 'true',
    access_key_1_last_rotated: '2026-01-01T00:00:00Z',
    access_key_1_last_used_date: 'N/A',
    access_key_2_active: 'false',
    access_key_2_last_rotated: '2026-02-01T00:00:00Z',
  });
  assert.deepEqual(
    keys.map((k) => [k.n, k.active, k.lastRotated?.toISOString(), k.lastUsed, k.neverUsed]),
    [
      [1, true, '2026-01-01T00:00:00.000Z', undefined, true],
      [2, false, '2026-02-01T00:00:00.000Z', undefined, false],
    ],
  );
});

test('root row and user rows are split on the <root_account> name', () => {
  const report = { generatedTime: '2026-11-20T00:00:00Z', rows: [{ user: 'a,b' }, { user: '<root_account>' }, { user: 'c' }] };
  assert.equal(rootRow(report)?.user, '<root_account>');
  assert.deepEqual(userRows(report).map((r) => r.user), ['a,b', 'c']);
});
