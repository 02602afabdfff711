import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openStore, StoreError, type Store } from '../../src/store/index.ts';
import type { Finding } from '../../src/findings/model.ts';
import { backends, finding, observedAt, scan } from './support.ts';

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-01-02T00:00:00.000Z';
const T3 = '2025-01-03T00:00:00.000Z';

async function withStore<T>(location: string, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

for (const backend of backends()) {
  describe(`store on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it('migrates a fresh database and reopens an existing one with its data', async () => {
      const location = backend.fresh();
      await withStore(location, async (store) => {
        assert.equal(store.dialect, backend.name);
        assert.deepEqual(await store.findings({}), []);
        assert.deepEqual(await store.scans(), []);
        assert.deepEqual(await store.accounts(), []);
        await store.recordScan(scan('s1', T1), [finding({ checkId: 'iam_root_mfa_enabled' })], [
          { id: '111111111111', name: 'prod' },
        ]);
      });
      await withStore(location, async (store) => {
        assert.deepEqual(
          (await store.findings({})).map((f) => f.checkId),
          ['iam_root_mfa_enabled'],
        );
        assert.deepEqual(
          (await store.scans()).map((s) => s.id),
          ['s1'],
        );
      });
    });

    it('inserts new findings with first_seen = last_seen = observedAt and a history row from null', async () => {
      await withStore(backend.fresh(), async (store) => {
        const a = finding({ checkId: 'a_check', status: 'FAIL' });
        const b = finding({ checkId: 'b_check', status: 'PASS' });
        const summary = await store.recordScan(scan('s1', T1), [a, b], []);
        assert.deepEqual(summary, { inserted: 2, changed: 0, unchanged: 0, resolved: 0, reopened: 0 });

        const [storedA] = await store.findings({ checkId: ['a_check'] });
        assert.deepEqual(storedA, {
          ...a,
          firstSeen: T1,
          lastSeen: T1,
          statusChangedAt: T1,
          lastScanId: 's1',
          origin: 'scan',
          recordState: 'ACTIVE',
          workflowStatus: 'NEW',
        });
        assert.deepEqual(await store.findingHistory(a.id), [
          { change: 'status', findingId: a.id, scanId: 's1', at: T1, fromStatus: null, toStatus: 'FAIL', reason: a.reason },
        ]);
      });
    });

    it('updates existing findings: history only on a status change, first_seen stable, last_seen moves', async () => {
      await withStore(backend.fresh(), async (store) => {
        const fixed = finding({ checkId: 'fixed', status: 'FAIL' });
        const same = finding({ checkId: 'same', status: 'FAIL' });
        await store.recordScan(scan('s1', T1), [fixed, same], []);

        const isNew = finding({ checkId: 'new', status: 'FAIL' });
        const second = [
          { ...fixed, status: 'PASS' as const, reason: 'now fixed' },
          { ...same, reason: 'still failing, new wording', title: 'new title' },
          isNew,
        ];
        const summary = await store.recordScan(scan('s2', T2), observedAt(second, T2), []);
        assert.deepEqual(summary, { inserted: 1, changed: 1, unchanged: 1, resolved: 0, reopened: 0 });

        const byCheck = new Map((await store.findings({})).map((f) => [f.checkId, f]));
        const f = byCheck.get('fixed');
        assert.equal(f?.status, 'PASS');
        assert.equal(f?.reason, 'now fixed');
        assert.deepEqual([f?.firstSeen, f?.lastSeen, f?.statusChangedAt, f?.lastScanId], [T1, T2, T2, 's2']);
        const s = byCheck.get('same');
        assert.equal(s?.reason, 'still failing, new wording');
        assert.equal(s?.title, 'new title');
        assert.deepEqual([s?.firstSeen, s?.lastSeen, s?.statusChangedAt, s?.lastScanId], [T1, T2, T1, 's2']);
        const n = byCheck.get('new');
        assert.deepEqual([n?.firstSeen, n?.lastSeen], [T2, T2]);

        assert.deepEqual(
          (await store.findingHistory(fixed.id)).map((h) => [h.scanId, h.at, h.fromStatus, h.toStatus, h.reason]),
          [
            ['s1', T1, null, 'FAIL', fixed.reason],
            ['s2', T2, 'FAIL', 'PASS', 'now fixed'],
          ],
        );
        assert.equal((await store.findingHistory(same.id)).length, 1);

        // A third scan with nothing changed leaves the history alone and still moves last_seen.
        const third = await store.recordScan(scan('s3', T3), observedAt(second, T3), []);
        assert.deepEqual(third, { inserted: 0, changed: 0, unchanged: 3, resolved: 0, reopened: 0 });
        assert.equal((await store.findingHistory(fixed.id)).length, 2);
        const [again] = await store.findings({ checkId: ['fixed'] });
        assert.deepEqual([again?.firstSeen, again?.lastSeen, again?.statusChangedAt], [T1, T3, T2]);
      });
    });

    it('keeps evidence as JSON and leaves absent optional fields absent', async () => {
      await withStore(backend.fresh(), async (store) => {
        const evidence = { trail: { name: 'main', multiRegion: false }, regions: ['us-east-1', 'eu-west-1'], n: 3 };
        const rich = finding({
          checkId: 'rich',
          status: 'ERROR',
          accountName: 'prod',
          remediation: 'turn it on',
          errorCode: 'AccessDenied',
          evidence,
          requirements: ['3.1', '3.2'],
        });
        const bare = finding({ checkId: 'bare' });
        await store.recordScan(scan('s1', T1), [rich, bare], []);
        const byCheck = new Map((await store.findings({})).map((f) => [f.checkId, f]));
        assert.deepEqual(byCheck.get('rich')?.evidence, evidence);
        assert.deepEqual(byCheck.get('rich')?.requirements, ['3.1', '3.2']);
        assert.equal(byCheck.get('rich')?.errorCode, 'AccessDenied');
        const b = byCheck.get('bare');
        for (const key of ['accountName', 'remediation', 'errorCode', 'evidence', 'type', 'regions', 'raw', 'resolvedAt']) {
          assert.equal(Object.hasOwn(b ?? {}, key), false, `bare finding has ${key}`);
        }

        // A later scan that does not know the account's name must not erase it.
        const { accountName: _name, ...nameless } = rich;
        await store.recordScan(scan('s2', T2), [nameless], []);
        assert.equal((await store.findings({ checkId: ['rich'] }))[0]?.accountName, 'prod');
      });
    });

    it('filters, orders by severity desc then account, check, region, resource, and pages', async () => {
      await withStore(backend.fresh(), async (store) => {
        const all: Finding[] = [
          finding({ checkId: 'c1', severity: 'low', status: 'FAIL' }),
          finding({ checkId: 'c1', severity: 'low', status: 'PASS', region: 'eu-west-1' }),
          finding({ checkId: 'c2', severity: 'critical', status: 'FAIL', accountId: '222222222222' }),
          finding({ checkId: 'c2', severity: 'critical', status: 'FAIL' }),
          finding({ checkId: 'c3', severity: 'high', status: 'ERROR', resourceId: 'b-bucket' }),
          finding({ checkId: 'c3', severity: 'high', status: 'ERROR', resourceId: 'B-bucket' }),
          finding({ checkId: 'c3', severity: 'high', status: 'ERROR', resourceId: 'a-bucket' }),
          finding({ checkId: 'c4', severity: 'informational', status: 'MANUAL', framework: 'cis-aws-1.4.0' }),
          finding({ checkId: 'GuardDuty.1', severity: 'high', status: 'FAIL', source: 'guardduty' }),
        ];
        await store.recordScan(scan('s1', T1), all, []);
        const key = (fs: Finding[]) => fs.map((f) => `${f.checkId}/${f.accountId.slice(0, 1)}/${f.region}/${f.resourceId}`);
        const root = 'arn:aws:iam::111111111111:root';

        assert.deepEqual(key(await store.findings({})), [
          `c2/1/us-east-1/${root}`,
          `c2/2/us-east-1/${root}`,
          `GuardDuty.1/1/us-east-1/${root}`,
          'c3/1/us-east-1/B-bucket',
          'c3/1/us-east-1/a-bucket',
          'c3/1/us-east-1/b-bucket',
          `c1/1/eu-west-1/${root}`,
          `c1/1/us-east-1/${root}`,
          `c4/1/us-east-1/${root}`,
        ]);
        const ids = async (q: Parameters<Store['findings']>[0]) => (await store.findings(q)).map((f) => f.checkId);
        assert.deepEqual(await ids({ status: ['PASS', 'MANUAL'] }), ['c1', 'c4']);
        assert.deepEqual(await ids({ accountId: ['222222222222'] }), ['c2']);
        assert.deepEqual(await ids({ region: ['eu-west-1'] }), ['c1']);
        assert.deepEqual(await ids({ checkId: ['c1', 'c4'] }), ['c1', 'c1', 'c4']);
        assert.deepEqual(await ids({ framework: 'cis-aws-1.4.0' }), ['c4']);
        assert.deepEqual(await ids({ source: 'guardduty' }), ['GuardDuty.1']);
        assert.deepEqual(await ids({ minSeverity: 'high' }), ['c2', 'c2', 'GuardDuty.1', 'c3', 'c3', 'c3']);
        assert.deepEqual(await ids({ minSeverity: 'critical', accountId: ['111111111111'] }), ['c2']);
        assert.deepEqual(await ids({ status: [], checkId: [] }), (await store.findings({})).map((f) => f.checkId));
        assert.deepEqual(await ids({ limit: 2 }), ['c2', 'c2']);
        assert.deepEqual(await ids({ limit: 2, offset: 2 }), ['GuardDuty.1', 'c3']);
        assert.deepEqual(await ids({ offset: 7 }), ['c1', 'c4']);
        await assert.rejects(store.findings({ limit: -1 }), StoreError);
        await assert.rejects(store.findings({ minSeverity: 'severe' as never }), /minSeverity `severe`/);
      });
    });

    it('lists scans newest first with their JSON fields, and accounts with their last scan', async () => {
      await withStore(backend.fresh(), async (store) => {
        const first = scan('s1', T1, {
          accounts: ['111111111111', '333333333333'],
          regions: ['us-east-1', 'eu-west-1'],
          counts: { PASS: 3, FAIL: 2, MANUAL: 1, NOT_APPLICABLE: 0, ERROR: 1 },
          errors: [{ accountId: '333333333333', code: 'AccessDenied', message: 'cannot assume role' }],
          skipped: [{ region: 'ap-east-1', reason: 'not enabled' }],
          status: 'partial',
        });
        await store.recordScan(first, [], [{ id: '111111111111', name: 'prod' }]);
        await store.recordScan(scan('s2', T2), [], [{ id: '111111111111' }, { id: '222222222222', name: 'dev' }]);

        assert.deepEqual(
          (await store.scans()).map((s) => s.id),
          ['s2', 's1'],
        );
        assert.deepEqual(
          (await store.scans(1)).map((s) => s.id),
          ['s2'],
        );
        assert.deepEqual((await store.scans()).find((s) => s.id === 's1'), first);
        assert.deepEqual(await store.accounts(), [
          { id: '111111111111', name: 'prod', lastScanId: 's2', lastScannedAt: T2 },
          { id: '222222222222', name: 'dev', lastScanId: 's2', lastScannedAt: T2 },
          { id: '333333333333', lastScanId: 's1', lastScannedAt: T1 },
        ]);
      });
    });

    it('stores timestamps as canonical ISO-8601 text and rejects ones that are not', async () => {
      await withStore(backend.fresh(), async (store) => {
        const f = finding({ checkId: 'ts', observedAt: '2025-03-04T05:06:07Z' });
        await store.recordScan(scan('s1', '2025-03-04T05:00:00+01:00'), [f], []);
        const [stored] = await store.findings({});
        assert.equal(stored?.firstSeen, '2025-03-04T05:06:07.000Z');
        assert.equal((await store.scans())[0]?.startedAt, '2025-03-04T04:00:00.000Z');
        await assert.rejects(
          store.recordScan(scan('s2', T2), [finding({ checkId: 'ts2', observedAt: 'yesterday' })], []),
          (err: Error) => err instanceof StoreError && /observedAt `yesterday`/.test(err.message),
        );
      });
    });

    it('records nothing when a findings batch violates a constraint mid-way', async () => {
      await withStore(backend.fresh(), async (store) => {
        const before = finding({ checkId: 'kept', status: 'FAIL' });
        await store.recordScan(scan('s1', T1), [before], [{ id: '111111111111', name: 'prod' }]);

        const batch = Array.from({ length: 1200 }, (_, i) => finding({ checkId: `bulk_${i}` }));
        batch.push({ ...before, status: 'PASS', observedAt: T2 });
        batch[900] = { ...batch[900]!, title: null as unknown as string };
        await assert.rejects(
          store.recordScan(scan('s2', T2), batch, [{ id: '999999999999', name: 'other' }]),
          (err: Error) => err instanceof StoreError && err.message.startsWith('cannot record scan s2: ') && !err.message.includes('\n'),
        );

        assert.deepEqual(
          (await store.scans()).map((s) => s.id),
          ['s1'],
        );
        const stored = await store.findings({});
        assert.deepEqual(
          stored.map((f) => [f.checkId, f.status, f.lastSeen]),
          [['kept', 'FAIL', T1]],
        );
        assert.equal((await store.findingHistory(before.id)).length, 1);
        assert.deepEqual(await store.findingHistory(batch[0]!.id), []);
        assert.deepEqual(await store.accounts(), [{ id: '111111111111', name: 'prod', lastScanId: 's1', lastScannedAt: T1 }]);
      });
    });

    it('refuses a batch with the same finding twice and records nothing', async () => {
      await withStore(backend.fresh(), async (store) => {
        const f = finding({ checkId: 'twice' });
        await assert.rejects(store.recordScan(scan('s1', T1), [f, { ...f, status: 'PASS' }], []), /appears twice in scan s1/);
        assert.deepEqual(await store.scans(), []);
      });
    });

    it('refuses to record the same scan id twice', async () => {
      await withStore(backend.fresh(), async (store) => {
        await store.recordScan(scan('s1', T1), [], []);
        await assert.rejects(store.recordScan(scan('s1', T2), [finding({ checkId: 'x' })], []), StoreError);
        assert.deepEqual(await store.findings({}), []);
      });
    });

    it('records 20,000 findings and then 20,000 updates in one transaction each', async () => {
      await withStore(backend.fresh(), async (store) => {
        const many = Array.from({ length: 20_000 }, (_, i) =>
          finding({
            checkId: `check_${i % 50}`,
            accountId: String(100000000000 + (i % 40)),
            region: ['us-east-1', 'eu-west-1', 'ap-southeast-2'][i % 3]!,
            resourceId: `resource-${i}`,
            status: i % 2 === 0 ? 'PASS' : 'FAIL',
            evidence: { index: i },
          }),
        );
        assert.deepEqual(await store.recordScan(scan('s1', T1), many, []), {
          inserted: 20_000,
          changed: 0,
          unchanged: 0,
          resolved: 0,
          reopened: 0,
        });
        const flipped = many.map((f, i) => (i % 4 === 0 ? { ...f, status: 'FAIL' as const } : f));
        assert.deepEqual(await store.recordScan(scan('s2', T2), observedAt(flipped, T2), []), {
          inserted: 0,
          changed: 5_000,
          unchanged: 15_000,
          resolved: 0,
          reopened: 0,
        });
        assert.equal((await store.findings({ status: ['PASS'] })).length, 5_000);
        assert.equal((await store.findings({ accountId: ['100000000007'] })).length, 500);
        assert.equal((await store.findingHistory(many[4]!.id)).length, 2);
        assert.equal((await store.findingHistory(many[5]!.id)).length, 1);
      });
    });
  });
}
