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
