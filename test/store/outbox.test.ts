import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { openStore, StoreError, type OutboxKey, type Store } from '../../src/store/index.ts';
import { backends, finding, scan, type Backend } from './support.ts';

const T0 = '2026-11-20T06:00:00.000Z';
const T1 = '2026-11-20T07:00:00.000Z';
const T2 = '2026-11-20T08:00:00.000Z';

/** Writes what the finding lifecycle (not yet in recordScan) would: resolution and raw documents. */
async function exec(backend: Backend, location: string, statement: string, params: (string | null)[]): Promise<void> {
  if (backend.name === 'sqlite') {
    const db = new DatabaseSync(location);
    try {
      db.prepare(statement).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const url = new URL(location);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString(), options: `-c search_path=${schema}` });
  await client.connect();
  try {
    let n = 0;
    await client.query(
      statement.replace(/\?/g, () => `$${++n}`),
      params,
    );
  } finally {
    await client.end();
  }
}

const a = finding({ checkId: 'a_check', severity: 'critical', observedAt: T0, accountName: 'recorded-name' });
const b = finding({ checkId: 'b_check', severity: 'high', observedAt: T0, type: 'TTPs/Discovery', description: 'd', product: 'GuardDuty', regions: ['us-east-1', 'eu-west-1'], updatedAt: T0 });
const c = finding({ checkId: 'c_check', severity: 'low', observedAt: T0 });

const key = (route: string, channel: string, f: { id: string }): OutboxKey => ({ route, channel, findingId: f.id });

for (const backend of backends()) {
  describe(`notification outbox on ${backend.name}`, () => {
    after(() => backend.cleanup());

    async function withStore(run: (store: Store, location: string) => Promise<void>): Promise<void> {
      const location = backend.fresh();
      const store = await openStore(location);
      try {
        await store.recordScan(scan('s1', T0), [a, b, c], [{ id: '111111111111', name: 'prod' }]);
        await run(store, location);
      } finally {
        await store.close();
      }
    }

    it('enqueues a (route, channel, finding) at most once, ever', async () => {
      await withStore(async (store) => {
        const keys = [key('r1', 'slack', a), key('r1', 'mail', a), key('r2', 'slack', a)];
        assert.equal(await store.outbox.enqueue(keys, T0), 3);
        assert.equal(await store.outbox.enqueue([...keys, key('r1', 'slack', b)], T0), 1);
        const due = await store.outbox.due(T0);
        await store.outbox.markSent(
          due.map((d) => d.id),
          'finding-x',
          T0,
        );
        assert.equal(await store.outbox.enqueue(keys, T1), 0, 'a sent entry is not queued again');
        assert.deepEqual(await store.outbox.due(T2), []);
        assert.deepEqual(
          (await store.outbox.existing([a.id])).map((k) => `${k.route}/${k.channel}`).sort(),
          ['r1/mail', 'r1/slack', 'r2/slack'],
        );
      });
    });

    it('lists due entries by route, channel and severity with their findings and current account names', async () => {
      await withStore(async (store, location) => {
        await exec(backend, location, 'insert into finding_raw (finding_id, format, document) values (?, ?, ?)', [
          b.id,
          'asff',
          JSON.stringify({ Id: 'arn:aws:guardduty:us-east-1:111111111111:detector/d1/finding/f1' }),
        ]);
        await store.outbox.enqueue([key('r1', 'slack', c), key('r1', 'slack', b), key('r1', 'slack', a), key('r0', 'mail', c)], T0);
        const due = await store.outbox.due(T0);
        assert.deepEqual(
          due.map((d) => [d.route, d.channel, d.finding.checkId]),
          [
            ['r0', 'mail', 'c_check'],
            ['r1', 'slack', 'a_check'],
            ['r1', 'slack', 'b_check'],
            ['r1', 'slack', 'c_check'],
          ],
        );
        const item = due.find((d) => d.findingId === b.id);
        assert.deepEqual(item, {
          id: item?.id,
          route: 'r1',
          channel: 'slack',
          findingId: b.id,
          attempts: 0,
          createdAt: T0,
          finding: {
            id: b.id,
            source: 'rampart',
            checkId: 'b_check',
            accountId: '111111111111',
            accountName: 'prod',
            region: 'us-east-1',
            regions: ['us-east-1', 'eu-west-1'],
            resourceId: b.resourceId,
            resourceType: 'AwsAccount',
            status: 'FAIL',
            severity: 'high',
            title: b.title,
            reason: b.reason,
            description: 'd',
            type: 'TTPs/Discovery',
            product: 'GuardDuty',
            recordState: 'ACTIVE',
            workflowStatus: 'NEW',
            updatedAt: T0,
            firstSeen: T0,
            statusChangedAt: T0,
            upstreamId: 'arn:aws:guardduty:us-east-1:111111111111:detector/d1/finding/f1',
          },
        });
        assert.equal(due.find((d) => d.findingId === a.id)?.finding.accountName, 'prod', 'the accounts table wins over the recorded name');
      });
    });

    it('counts failures, backs off, and delivers later; sent entries are grouped by message', async () => {
      await withStore(async (store) => {
        await store.outbox.enqueue([key('r1', 'slack', a), key('r1', 'slack', b), key('r1', 'slack', c)], T0);
        const [first, second, third] = await store.outbox.due(T0);
        assert.ok(first && second && third);
        await store.outbox.markFailed([first.id], 'HTTP 500', T2);
        await store.outbox.markFailed([first.id], 'HTTP 502', T2);
        assert.deepEqual(
          (await store.outbox.due(T1)).map((d) => d.id),
          [second.id, third.id],
        );
        const later = (await store.outbox.due(T2)).find((d) => d.id === first.id);
        assert.deepEqual([later?.attempts, later?.lastError], [2, 'HTTP 502']);

        await store.outbox.markSent([second.id, third.id], 'summary-1', T1);
        await store.outbox.markSent([first.id], 'finding-1', T2);
        assert.deepEqual(await store.outbox.sentSince('r1', 'slack', T0), [
          { messageKey: 'summary-1', findings: 2, sentAt: T1 },
          { messageKey: 'finding-1', findings: 1, sentAt: T2 },
        ]);
        assert.deepEqual(await store.outbox.sentSince('r1', 'slack', T1), [{ messageKey: 'finding-1', findings: 1, sentAt: T2 }]);
        assert.deepEqual(await store.outbox.sentSince('r1', 'mail', T0), []);
        await store.outbox.markFailed([first.id], 'late failure', T2);
        assert.deepEqual(await store.outbox.due(T2), [], 'a sent entry stays sent');
      });
    });

    it('lets one run claim a due entry; another run, and entries not yet due, get nothing', async () => {
      await withStore(async (store) => {
        await store.outbox.enqueue([key('r1', 'slack', a), key('r1', 'slack', b)], T0);
        const [x, y] = await store.outbox.due(T0);
        assert.ok(x && y);
        await store.outbox.defer([y.id], T2);
        assert.deepEqual(await store.outbox.claim([x.id, y.id], T0, T1), [x.id]);
        assert.deepEqual(await store.outbox.claim([x.id, y.id], T0, T1), []);
        assert.deepEqual(
          (await store.outbox.due(T1)).map((d) => [d.id, d.attempts]),
          [[x.id, 0]],
          'a claim that was never finished (a crash) ends, without counting an attempt',
        );
      });
    });

    it('offers open FAIL findings at or above a severity that changed within the look-back', async () => {
      await withStore(async (store, location) => {
        const later = [
          finding({ checkId: 'archived', severity: 'high', observedAt: T1, recordState: 'ARCHIVED' }),
          finding({ checkId: 'suppressed', severity: 'high', observedAt: T1, workflowStatus: 'SUPPRESSED' }),
          finding({ checkId: 'resolved', severity: 'high', observedAt: T1, workflowStatus: 'RESOLVED' }),
          finding({ checkId: 'gone', severity: 'high', observedAt: T1 }),
          finding({ checkId: 'passing', severity: 'high', observedAt: T1, status: 'PASS' }),
          finding({ checkId: 'updated', severity: 'high', observedAt: T0, updatedAt: T2 }),
          finding({ checkId: 'fresh', severity: 'medium', observedAt: T1 }),
        ];
        await store.recordScan(scan('s2', T1), later, []);
        await exec(backend, location, 'update findings set resolved_at = ? where check_id = ?', [T1, 'gone']);
        const ids = async (since: string, minSeverity: 'low' | 'high') =>
          (await store.outbox.candidates({ since, minSeverity })).map((f) => f.checkId).sort();
        assert.deepEqual(await ids(T0, 'low'), ['a_check', 'b_check', 'c_check', 'fresh', 'updated']);
        assert.deepEqual(await ids(T0, 'high'), ['a_check', 'b_check', 'updated']);
        assert.deepEqual(await ids(T1, 'low'), ['fresh', 'updated']);
      });
    });

    it('refuses timestamps that are not ISO-8601 and an unknown severity, as StoreErrors', async () => {
      await withStore(async (store) => {
        await assert.rejects(store.outbox.due('yesterday'), (err: unknown) => err instanceof StoreError && /now `yesterday` is not an ISO-8601/.test(err.message));
        await assert.rejects(
          store.outbox.candidates({ since: T0, minSeverity: 'urgent' as never }),
          (err: unknown) => err instanceof StoreError && /minSeverity `urgent`/.test(err.message),
        );
      });
    });
  });
}
