import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ComplianceStatus, DailyRow } from '../../src/compliance/types.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { backends } from '../store/support.ts';

// Streaks read from stored days alone, one account-control per case, each day given as a letter:
// N non-compliant, C compliant, E excepted, D disabled, U unknown (errors only), . no row.
const A = '444444444444';
const B = '555555555555';
const day = (n: number) => `2026-10-${String(n).padStart(2, '0')}`;
const STATUS: Record<string, ComplianceStatus> = { N: 'non_compliant', C: 'compliant', E: 'excepted', D: 'disabled', U: 'unknown' };

const cases: Record<string, string> = {
  'c/every-day': 'NNNNNNNNNN',
  'c/reset-by-compliant': 'NNNNCNNNNN',
  'c/reset-by-excepted': 'NNENNNNNNN',
  'c/reset-by-disabled': 'NDNNNNNNNN',
  'c/gaps-and-errors': 'CNN.UNN.NN',
  'c/ended': 'NNNNNNNNCC',
  'c/ended-then-errors': 'NNNNNNNCUU',
  'c/errors-after': 'CCNNNNNUU.',
  'c/never': 'CCCCCEEEDD',
  'c/errors-only': 'UUUUUUUUUU',
  // The break is found behind days that cannot end a run, one look after another.
  'c/break-behind-gaps': 'NNCU.UNNNN',
  'c/break-behind-errors': 'NNNNNNCUUN',
};

function rowsOf(account: string, n: number): DailyRow[] {
  return Object.entries(cases).flatMap(([control, days]) => {
    const status = STATUS[days[n - 1]!];
    if (!status) return [];
    return [{ day: day(n), accountId: account, control, framework: 'c', section: 'c', status, regions: [], failing: status === 'non_compliant' ? 1 : 0, excepted: 0 }];
  });
}

async function seed(store: Store) {
  for (let n = 1; n <= 10; n++) await store.compliance.writeDaily(day(n), [A, B], [...rowsOf(A, n), ...rowsOf(B, n)], new Date(`${day(n)}T06:00:00.000Z`));
}

const shown = (streaks: Awaited<ReturnType<Store['compliance']['readStreaks']>>, account: string) =>
  Object.fromEntries(streaks.filter((s) => s.accountId === account).map((s) => [s.control, `${s.start.slice(8)}..${s.last.slice(8)} ${s.days}d missing ${s.missing.map((m) => m.slice(8)).join(',') || '-'}`]));

for (const backend of backends()) {
  describe(`streaks from stored days on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it('runs from the last compliant, excepted or disabled day; gaps and error-only days are listed, never ending or extending a run', async () => {
      const store = await openStore(backend.fresh());
      try {
        await seed(store);
        const expected = {
          'c/every-day': '01..10 10d missing -',
          'c/reset-by-compliant': '06..10 5d missing -',
          'c/reset-by-excepted': '04..10 7d missing -',
          'c/reset-by-disabled': '03..10 8d missing -',
          'c/gaps-and-errors': '02..10 9d missing 04,05,08',
          'c/errors-after': '03..07 5d missing 08,09,10',
          'c/break-behind-gaps': '07..10 4d missing -',
          'c/break-behind-errors': '10..10 1d missing -',
        };
        const streaks = await store.compliance.readStreaks(day(10));
        assert.deepEqual(shown(streaks, A), expected);
        assert.deepEqual(shown(streaks, B), expected);

        // As of an earlier day, later days do not count.
        assert.deepEqual(shown(await store.compliance.readStreaks(day(8)), A)['c/ended'], '01..08 8d missing -');
        assert.deepEqual(shown(await store.compliance.readStreaks(day(4)), A)['c/reset-by-compliant'], '01..04 4d missing -');

        // Only the accounts asked about.
        const onlyB = await store.compliance.readStreaks(day(10), [B]);
        assert.deepEqual([...new Set(onlyB.map((s) => s.accountId))], [B]);
        assert.equal(onlyB.length, Object.keys(expected).length);
      } finally {
        await store.close();
      }
    });

    it('a day the account was not judged at all neither ends nor extends a run', async () => {
      const store = await openStore(backend.fresh());
      try {
        // Judged on days 1-3 and 6-8 only; the control is compliant on day 1 and non-compliant after.
        for (const n of [1, 2, 3, 6, 7, 8]) {
          const status: ComplianceStatus = n === 1 ? 'compliant' : 'non_compliant';
          const row: DailyRow = { day: day(n), accountId: A, control: 'c/x', framework: 'c', section: 'c', status, regions: [], failing: 1, excepted: 0 };
          await store.compliance.writeDaily(day(n), [A], [row], new Date(`${day(n)}T06:00:00.000Z`));
        }
        assert.deepEqual(shown(await store.compliance.readStreaks(day(10)), A), { 'c/x': '02..08 7d missing 04,05,09,10' });
      } finally {
        await store.close();
      }
    });
  });
}
