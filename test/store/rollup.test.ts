import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { DailyRow } from '../../src/compliance/types.ts';
import { openKysely } from '../../bench/support/kysely.ts';
import { openStore } from '../../src/store/index.ts';
import { ROLLUP_FROM_DAILY } from '../../src/store/migrations.ts';
import { backends } from './support.ts';

const row = (day: string, accountId: string, control: string, status: DailyRow['status'], framework = 'cis-aws-3.0.0'): DailyRow => ({
  day,
  accountId,
  control: `${framework}/${control}`,
  framework,
  section: 'IAM',
  status,
  regions: [],
  failing: status === 'non_compliant' ? 1 : 0,
  excepted: 0,
});

for (const backend of backends()) {
  describe(`compliance trend rollup (${backend.name})`, () => {
    after(() => backend.cleanup());

    it('a read while a day is being written sees the day before or after, never half of it', async () => {
      const store = await openStore(backend.fresh());
      try {
        const accounts = Array.from({ length: 200 }, (_, i) => String(100000000000 + i));
        const judgement = (controls: number) => accounts.flatMap((id) => Array.from({ length: controls }, (_, c) => row('2026-11-03', id, `1.${c + 1}`, 'compliant')));
        const cells = async () => (await store.dashboard.cells({ day: '2026-11-03', framework: 'cis-aws-3.0.0' })).length;
        const before = judgement(10);
        await store.compliance.writeDaily('2026-11-03', accounts, before, new Date('2026-11-03T05:00:00Z'));
        const rows = judgement(15);
        const seen = new Set<number>();
        const writing = store.compliance.writeDaily('2026-11-03', accounts, rows, new Date('2026-11-03T06:00:00Z'));
        for (let i = 0; i < 30; i++) seen.add(await cells());
        await writing;
        assert.deepEqual([...seen].filter((n) => n !== before.length && n !== rows.length), []);
        assert.equal(await cells(), rows.length);
      } finally {
        await store.close();
      }
    });

    // On SQLite two stores in one process cannot take turns: node:sqlite waits for the write lock
    // synchronously, so the holder never gets to finish; processes do, by SQLite's own locking.
    it('two stores judging the same day at once both succeed, and the day holds one answer', { skip: backend.name === 'sqlite' && 'one process cannot wait for itself' }, async () => {
      const location = backend.fresh();
      const [a, b] = [await openStore(location), await openStore(location)];
      try {
        const at = new Date('2026-11-02T06:00:00Z');
        const accounts = Array.from({ length: 40 }, (_, i) => String(100000000000 + i));
        const day = (status: DailyRow['status']) => accounts.flatMap((id) => ['1.4', '1.5', '1.6'].map((c) => row('2026-11-02', id, c, status)));
        for (let round = 0; round < 3; round++) {
          await Promise.all([a.compliance.writeDaily('2026-11-02', accounts, day('compliant'), at), b.compliance.writeDaily('2026-11-02', accounts, day('non_compliant'), at)]);
          const stored = await a.compliance.readDaily({ day: '2026-11-02' });
          assert.equal(stored.length, accounts.length * 3);
          assert.equal(new Set(stored.map((r) => r.status)).size, 1, 'one judgement, not a mix of both');
        }
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('sums each day per framework and account, and a day judged again replaces its sums', async () => {
      const location = backend.fresh();
      const store = await openStore(location);
      try {
        const at = new Date('2026-11-02T06:00:00Z');
        await store.compliance.writeDaily('2026-11-01', ['111111111111', '222222222222'], [
          row('2026-11-01', '111111111111', '1.4', 'compliant'),
          row('2026-11-01', '111111111111', '1.5', 'non_compliant'),
          row('2026-11-01', '222222222222', '1.4', 'excepted'),
          row('2026-11-01', '222222222222', '1.5', 'non_compliant'),
          row('2026-11-01', '222222222222', 'IAM.6', 'compliant', 'securityhub'),
        ], at);
        await store.compliance.writeDaily('2026-11-02', ['111111111111'], [row('2026-11-02', '111111111111', '1.4', 'unknown')], at);
        const trend = () => store.dashboard.trend({ from: '2026-11-01', to: '2026-11-02', framework: 'cis-aws-3.0.0' });
        assert.deepEqual(await trend(), [
          { day: '2026-11-01', compliant: 1, nonCompliant: 2 },
          { day: '2026-11-02', compliant: 0, nonCompliant: 0 },
        ]);
        assert.deepEqual(await store.dashboard.trend({ from: '2026-11-01', to: '2026-11-01', accountId: ['222222222222'] }), [{ day: '2026-11-01', compliant: 1, nonCompliant: 1 }]);

        // Account 111 judged again on 11-01 (after another scan): its sums are replaced, 222's stay.
        await store.compliance.writeDaily('2026-11-01', ['111111111111'], [row('2026-11-01', '111111111111', '1.4', 'compliant'), row('2026-11-01', '111111111111', '1.5', 'compliant')], at);
        assert.deepEqual((await trend())[0], { day: '2026-11-01', compliant: 2, nonCompliant: 1 });
        assert.deepEqual(
          (await store.dashboard.cells({ day: '2026-11-01', framework: 'cis-aws-3.0.0' })).map((c) => [c.accountId, c.control, c.status]).sort(),
          [
            ['111111111111', 'cis-aws-3.0.0/1.4', 'compliant'],
            ['111111111111', 'cis-aws-3.0.0/1.5', 'compliant'],
            ['222222222222', 'cis-aws-3.0.0/1.4', 'excepted'],
            ['222222222222', 'cis-aws-3.0.0/1.5', 'non_compliant'],
          ],
        );

        // Migration 0006 fills the rollup of a store that judged days before it existed, by the same sums.
        const before = await store.dashboard.trend({ from: '2026-11-01', to: '2026-11-02' });
        const raw = await openKysely(location);
        try {
          await raw.db.deleteFrom('compliance_rollup').execute();
          assert.deepEqual(await store.dashboard.trend({ from: '2026-11-01', to: '2026-11-02' }), []);
          await ROLLUP_FROM_DAILY.execute(raw.db);
        } finally {
          await raw.close();
        }
        assert.deepEqual(await store.dashboard.trend({ from: '2026-11-01', to: '2026-11-02' }), before);
      } finally {
        await store.close();
      }
    });
  });
}
