import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { findingId, type Finding } from '../../src/findings/model.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { backends, finding, observedAt, scan } from './support.ts';

const T1 = '2026-11-01T00:00:00.000Z';
const T2 = '2026-11-02T00:00:00.000Z';
const T3 = '2026-11-03T00:00:00.000Z';
const ACCOUNT = '111111111111';

async function withStore<T>(location: string, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** A Security Hub control finding about a global resource, as reported by one region. */
function globalControl(region: string, at: string, overrides: Partial<Finding> = {}): Finding {
  return {
    id: findingId('securityhub', 'IAM.6', ACCOUNT, 'global', `AWS::::Account:${ACCOUNT}`),
    source: 'securityhub',
    checkId: 'IAM.6',
    accountId: ACCOUNT,
    region: 'global',
    regions: [region],
    resourceId: `AWS::::Account:${ACCOUNT}`,
    resourceType: 'AwsAccount',
    status: 'FAIL',
    severity: 'critical',
    title: 'Hardware MFA should be enabled for the root user',
    reason: 'root user has no hardware MFA',
    framework: 'aws-foundational-security-best-practices/v/1.0.0',
    requirements: [],
    observedAt: at,
    updatedAt: at,
    createdAt: T1,
    origin: 'securityhub',
    recordState: 'ACTIVE',
    workflowStatus: 'NEW',
    raw: { format: 'asff', document: { Id: `arn:aws:securityhub:${region}:${ACCOUNT}:security-control/IAM.6/finding/x`, Region: region } },
    ...overrides,
  };
}

function threat(id: string, region: string, at: string, overrides: Partial<Finding> = {}): Finding {
  return {
    id: findingId('guardduty', 'finding', ACCOUNT, region, id),
    source: 'guardduty',
    checkId: 'Recon:EC2/PortProbeUnprotectedPort',
    accountId: ACCOUNT,
    region,
    regions: [region],
    resourceId: 'i-0123456789abcdef0',
    resourceType: 'AwsEc2Instance',
    status: 'FAIL',
    severity: 'high',
    title: 'Unprotected port on EC2 instance is being probed',
    reason: 'port 22 probed from 198.51.100.7',
    framework: '',
    requirements: [],
    observedAt: at,
    updatedAt: at,
    origin: 'guardduty',
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    ...overrides,
  };
}

async function importBatches(store: Store, source: 'securityhub' | 'guardduty', at: string, batches: Finding[][], complete: Parameters<Awaited<ReturnType<Store['beginImport']>>['finish']>[0]['complete'] = []) {
  const session = await store.beginImport({ source, actor: 'test', startedAt: new Date(at) });
  for (const b of batches) await session.add(b);
  return session.finish({ finishedAt: new Date(at), complete, accounts: [{ id: ACCOUNT, name: 'prod' }], issues: [] });
}

for (const backend of backends()) {
  describe(`finding lifecycle on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it('keeps a global finding reported by several regions as one finding listing every region', async () => {
      await withStore(backend.fresh(), async (store) => {
        const { summary, run } = await importBatches(store, 'securityhub', T2, [
          [globalControl('us-east-1', T2), globalControl('eu-west-1', T2)],
          [globalControl('ap-southeast-1', T1)],
        ]);
        assert.equal(summary.inserted, 1);
        const all = await store.findings({});
        assert.equal(all.length, 1);
        assert.deepEqual(all[0]?.regions, ['ap-southeast-1', 'eu-west-1', 'us-east-1']);
        assert.equal(all[0]?.region, 'global');
        assert.equal(all[0]?.firstSeen, T1, 'first seen when the producer created it');
        assert.deepEqual(run.regions, ['ap-southeast-1', 'eu-west-1', 'us-east-1']);
        assert.equal(run.source, 'securityhub');
        assert.equal(run.status, 'complete');
        assert.deepEqual((await store.rawDocument(all[0]!.id))?.format, 'asff');
      });
    });

    it('keeps every producer document with its own finding as received, over several statements', async () => {
      await withStore(backend.fresh(), async (store) => {
        const docs = Array.from({ length: 1_203 }, (_, n) =>
          JSON.stringify({ n, quoted: `say "hi" ${n}`, path: 'C:\\temp\\x', text: 'line\nbreak \u0001 é 🔒' }, null, n % 2 === 0 ? 2 : 0),
        );
        // Not JSON, and holding the byte the PostgreSQL store joins documents with.
        const odd = 700;
        docs[odd] = 'not json \u0001 at all';
        const threats = docs.map((text, n) => threat(`g${n}`, 'us-east-1', T2, { raw: { format: 'guardduty', text } }));
        const { summary } = await importBatches(store, 'guardduty', T2, [threats]);
        assert.equal(summary.inserted, docs.length);
        for (const [n, f] of threats.entries()) {
          if (n === odd) continue;
          assert.deepEqual(await store.rawDocument(f.id), { format: 'guardduty', document: JSON.parse(docs[n]!) }, `document ${n}`);
        }
      });
    });

    it('changes nothing when the same data is imported again', async () => {
      await withStore(backend.fresh(), async (store) => {
        const batch = [globalControl('us-east-1', T2), threat('g1', 'us-east-1', T2)];
        await importBatches(store, 'securityhub', T2, [batch]);
        const before = await store.findings({});
        const historyBefore = await Promise.all(before.map((f) => store.findingHistory(f.id)));
        const { summary } = await importBatches(store, 'securityhub', T3, [batch]);
        assert.deepEqual(summary, { inserted: 0, changed: 0, unchanged: 2, resolved: 0, reopened: 0 });
        const after = await store.findings({});
        assert.deepEqual(
          after.map(({ lastScanId: _l, ...f }) => f),
          before.map(({ lastScanId: _l, ...f }) => f),
        );
        assert.deepEqual(await Promise.all(after.map((f) => store.findingHistory(f.id))), historyBefore);
      });
    });

    it('never lets an older document overwrite a newer one (out-of-order delivery)', async () => {
      await withStore(backend.fresh(), async (store) => {
        await importBatches(store, 'guardduty', T3, [[threat('g1', 'us-east-1', T3, { severity: 'critical', reason: 'newer' })]]);
        const { summary } = await importBatches(store, 'guardduty', T3, [[threat('g1', 'us-east-1', T2, { severity: 'low', reason: 'older' })]]);
        assert.equal(summary.unchanged, 1);
        const [f] = await store.findings({});
        assert.deepEqual([f?.severity, f?.reason, f?.observedAt], ['critical', 'newer', T3]);
      });
    });

    it('resolves a finding archived upstream and reopens it when it comes back, with history', async () => {
      await withStore(backend.fresh(), async (store) => {
        await importBatches(store, 'guardduty', T1, [[threat('g1', 'us-east-1', T1)]]);
        const archived = await importBatches(store, 'guardduty', T2, [[threat('g1', 'us-east-1', T2, { recordState: 'ARCHIVED', product: 'GuardDuty' })]]);
        assert.equal(archived.summary.resolved, 1);
        const [closed] = await store.findings({});
        assert.equal(closed?.resolvedAt, T2);
        assert.deepEqual(await store.findings({ open: true }), []);

        const back = await importBatches(store, 'guardduty', T3, [[threat('g1', 'us-east-1', T3)]]);
        assert.equal(back.summary.reopened, 1);
        const [open] = await store.findings({ open: true });
        assert.equal(open?.resolvedAt, undefined);
        assert.deepEqual(
          (await store.findingHistory(open!.id)).map((h) => [h.change, h.at, h.reason]),
          [
            ['status', T1, 'port 22 probed from 198.51.100.7'],
            ['resolved', T2, 'archived by GuardDuty'],
            ['reopened', T3, 'reported again: port 22 probed from 198.51.100.7'],
          ],
        );
      });
    });

    it('a complete pull resolves what its origin no longer reports in the covered scope only', async () => {
      await withStore(backend.fresh(), async (store) => {
        await importBatches(store, 'guardduty', T1, [
          [threat('gone', 'us-east-1', T1), threat('kept', 'us-east-1', T1), threat('other-region', 'eu-west-1', T1)],
        ]);
        // Delivered by another origin: a GuardDuty pull must not resolve it.
        await importBatches(store, 'securityhub', T1, [[globalControl('us-east-1', T1)]]);

        const { summary } = await importBatches(store, 'guardduty', T2, [[threat('kept', 'us-east-1', T2)]], [
          { origin: 'guardduty', accountId: ACCOUNT, regions: ['us-east-1'], global: false },
        ]);
        assert.equal(summary.resolved, 1);
        const open = (await store.findings({ open: true })).map((f) => f.resourceId + '@' + f.region + '/' + f.source);
        assert.equal(open.length, 3);
        const gone = await store.findings({ open: false });
        assert.deepEqual(gone.map((f) => f.id), [findingId('guardduty', 'finding', ACCOUNT, 'us-east-1', 'gone')]);
        assert.deepEqual((await store.findingHistory(gone[0]!.id)).at(-1)?.reason, 'no longer reported by guardduty');
      });
    });

    it('a complete pull resolves global findings only when it covered every region of the account', async () => {
      await withStore(backend.fresh(), async (store) => {
        await importBatches(store, 'securityhub', T1, [[globalControl('us-east-1', T1)]]);
        const partial = await importBatches(store, 'securityhub', T2, [[]], [
          { origin: 'securityhub', accountId: ACCOUNT, regions: ['us-east-1'], global: false },
        ]);
        assert.equal(partial.summary.resolved, 0);
        const whole = await importBatches(store, 'securityhub', T3, [[]], [
          { origin: 'securityhub', accountId: ACCOUNT, regions: ['us-east-1', 'eu-west-1'], global: true },
        ]);
        assert.equal(whole.summary.resolved, 1);
      });
    });

    it('records an unfinished import as partial, keeping what it stored', async () => {
      await withStore(backend.fresh(), async (store) => {
        const session = await store.beginImport({ source: 'asff-file', actor: 'findings.json', startedAt: new Date(T1) });
        await session.add([threat('g1', 'us-east-1', T1)]);
        const [run] = await store.scans();
        assert.equal(run?.status, 'partial');
        assert.equal(run?.errors[0]?.code, 'Unfinished');
        assert.equal((await store.findings({})).length, 1);
      });
    });

    it('an import committing every N findings commits across batches; closing the store before finish drops only the open transaction', async () => {
      const location = backend.fresh();
      const store = await openStore(location);
      const session = await store.beginImport({ source: 'asff-file', actor: 'findings.json', startedAt: new Date(T1), commitEvery: 2 });
      await session.add([threat('g1', 'us-east-1', T1)]);
      await session.add([threat('g2', 'us-east-1', T1)]);
      await session.add([threat('g3', 'us-east-1', T1)]);
      // Would wait forever on PostgreSQL if the open transaction kept its pooled connection.
      await store.close();
      await withStore(location, async (reopened) => {
        const stored = await reopened.findings({});
        assert.deepEqual(stored.map((f) => f.id).sort(), [threat('g1', 'us-east-1', T1).id, threat('g2', 'us-east-1', T1).id].sort());
        assert.equal((await reopened.findingHistory(threat('g3', 'us-east-1', T1).id)).length, 0);
      });
    });

    it('an import committing every N findings stores all of them at finish, as one committing each batch does', async () => {
      const batches = [[threat('g1', 'us-east-1', T1), threat('g2', 'eu-west-1', T1)], [threat('g3', 'us-east-1', T1)], [threat('g1', 'us-east-1', T2, { status: 'PASS' })]];
      const results = [];
      for (const commitEvery of [undefined, 1_000]) {
        results.push(
          await withStore(backend.fresh(), async (store) => {
            const session = await store.beginImport({ source: 'guardduty', actor: 'test', startedAt: new Date(T2), ...(commitEvery ? { commitEvery } : {}) });
            for (const b of batches) await session.add(b);
            const { summary } = await session.finish({ finishedAt: new Date(T2), complete: [], accounts: [], issues: [] });
            const stored = (await store.findings({})).map((f) => [f.id, f.status, f.firstSeen, f.lastSeen]);
            return { summary, stored, history: await store.findingHistory(threat('g1', 'us-east-1', T1).id) };
          }),
        );
      }
      assert.deepEqual(results[1]!.summary, results[0]!.summary);
      assert.deepEqual(results[1]!.stored, results[0]!.stored);
      assert.deepEqual(
        results[1]!.history.map((h) => [h.fromStatus, h.toStatus]),
        results[0]!.history.map((h) => [h.fromStatus, h.toStatus]),
      );
      assert.deepEqual(results[0]!.summary, { inserted: 3, changed: 1, unchanged: 0, resolved: 0, reopened: 0 });
    });

    it('a scan resolves findings it no longer reports where it looked cleanly, never where data was missing', async () => {
      await withStore(backend.fresh(), async (store) => {
        const bucket = (name: string, region: string, status: Finding['status'] = 'FAIL') =>
          finding({ checkId: 's3_bucket_public', region, resourceId: `arn:aws:s3:::${name}`, resourceType: 'AwsS3Bucket', status });
        await store.recordScan(scan('s1', T1), [bucket('deleted', 'us-east-1'), bucket('kept', 'us-east-1'), bucket('unreadable', 'eu-west-1')], []);

        const second = [
          bucket('kept', 'us-east-1'),
          // eu-west-1 could not be read this time: absence there proves nothing.
          finding({ checkId: 's3_bucket_public', region: 'eu-west-1', resourceId: 'eu-west-1', status: 'ERROR', errorCode: 'AccessDenied' }),
        ];
        const summary = await store.recordScan(scan('s2', T2), observedAt(second, T2), []);
        assert.equal(summary.resolved, 1);
        const resolved = await store.findings({ open: false });
        assert.deepEqual(resolved.map((f) => f.resourceId), ['arn:aws:s3:::deleted']);
        assert.equal(resolved[0]?.resolvedAt, T2);

        const third = await store.recordScan(scan('s3', T3), observedAt([bucket('deleted', 'us-east-1'), bucket('kept', 'us-east-1')], T3), []);
        assert.equal(third.reopened, 1);
        assert.deepEqual(await store.findings({ open: false }), []);
      });
    });
  });
}
