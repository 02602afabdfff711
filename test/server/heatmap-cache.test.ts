import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { loadChecks } from '../../src/checks/registry.ts';
import { controlsInForce } from '../../src/compliance/compute.ts';
import type { DailyRow } from '../../src/compliance/types.ts';
import { policySchema } from '../../src/policy/schema.ts';
import type { Heatmap } from '../../src/server/api/heatmap.ts';
import { createApp } from '../../src/server/app.ts';
import { sha256Hex, type DashboardUser } from '../../src/server/users.ts';
import { openStore } from '../../src/store/index.ts';
import { backends, scan } from '../store/support.ts';

const A = '777777777777';
const B = '888888888888';
const DAY = '2026-11-20';
const NOW = new Date(`${DAY}T12:00:00Z`);
const USERS: DashboardUser[] = [
  { user: 'root', role: 'admin', accounts: null, tokenSha256: sha256Hex('admin-token-0123456789abcdef') },
  { user: 'team-a', role: 'account-owner', accounts: [A], tokenSha256: sha256Hex('owner-token-0123456789abcdef') },
];
const cell = (accountId: string, status: DailyRow['status']): DailyRow => ({ day: DAY, accountId, control: 'cis-aws-3.0.0/1.4', framework: 'cis-aws-3.0.0', section: '1', status, regions: [], failing: status === 'non_compliant' ? 1 : 0, excepted: 0 });

for (const backend of backends()) {
  describe(`heat map and overview rates kept between judgements on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it('answers from what it kept until a day is judged again, and per caller scope', async () => {
      const store = await openStore(backend.fresh());
      try {
        await store.recordScan(scan('s1', `${DAY}T06:00:00.000Z`, { accounts: [A, B] }), [], [{ id: A, name: 'a' }, { id: B, name: 'b' }]);
        await store.compliance.writeDaily(DAY, [A, B], [cell(A, 'compliant'), cell(B, 'compliant')], NOW);
        // What the cached answers are built from: counted, to tell a kept answer from a rebuilt one.
        const reads = { cells: 0, accountRates: 0 };
        const { cells, accountRates } = store.dashboard;
        store.dashboard.cells = (q) => (reads.cells++, cells(q));
        store.dashboard.accountRates = (q) => (reads.accountRates++, accountRates(q));
        const policy = { config: policySchema.parse({}) };
        const context = { store, policy, controls: controlsInForce(policy.config, await loadChecks()), now: () => NOW };
        const app = createApp({ store, events: { apiKey: undefined, header: 'x-api-key' }, now: () => NOW, dashboard: { context, access: { users: USERS, open: false, now: () => NOW, sessionKey: randomBytes(32) } } });
        const statuses = async (token: string) => {
          const res = await app.request('/api/heatmap', { headers: { authorization: `Bearer ${token}` } });
          assert.equal(res.status, 200);
          assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
          const h = (await res.json()) as Heatmap;
          return Object.fromEntries(h.groups.flatMap((g) => g.accounts.map((a) => [a.id, a.cells['cis-aws-3.0.0/1.4']?.status])));
        };
        assert.deepEqual(await statuses('admin-token-0123456789abcdef'), { [A]: 'compliant', [B]: 'compliant' });
        assert.deepEqual(await statuses('owner-token-0123456789abcdef'), { [A]: 'compliant' }, 'an owner never gets the map kept for an admin');
        assert.equal(reads.cells, 2, "the owner's map is built on its own");
        assert.deepEqual(await statuses('admin-token-0123456789abcdef'), { [A]: 'compliant', [B]: 'compliant' });
        assert.equal(reads.cells, 2, "the admin's map is kept");
        const rate = async () => ((await (await app.request('/api/overview', { headers: { authorization: 'Bearer admin-token-0123456789abcdef' } })).json()) as { rate: number }).rate;
        assert.equal(await rate(), 1);
        assert.equal(await rate(), 1);
        assert.equal(reads.accountRates, 1, 'the rates are kept');

        await store.compliance.writeDaily(DAY, [B], [cell(B, 'non_compliant')], NOW);
        assert.deepEqual(await statuses('admin-token-0123456789abcdef'), { [A]: 'compliant', [B]: 'non_compliant' }, 'judged again: built afresh');
        assert.deepEqual(await statuses('owner-token-0123456789abcdef'), { [A]: 'compliant' });
        assert.equal(reads.cells, 4);
        assert.equal(await rate(), 0.5, "the overview's rates follow the judgement too");
        assert.equal(reads.accountRates, 2);
      } finally {
        await store.close();
      }
    });
  });
}
