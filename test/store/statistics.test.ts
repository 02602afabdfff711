import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ANALYZE_AFTER_ROWS, openStore } from '../../src/store/index.ts';
import { backends, finding, readPostgres, readSqlite, type Backend } from './support.ts';

const AT = '2026-11-20T00:00:00.000Z';

/** Whether the database holds planner statistics of the findings table. */
async function analyzed(backend: Backend, location: string): Promise<boolean> {
  if (backend.name === 'sqlite') {
    return readSqlite(location, (db) => {
      const table = db.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get();
      return table !== undefined && db.prepare("select 1 from sqlite_stat1 where tbl = 'findings'").get() !== undefined;
    });
  }
  return readPostgres(location, async (client, schema) => {
    const { rows } = await client.query<{ at: Date | null }>("select last_analyze as at from pg_stat_user_tables where schemaname = $1 and relname = 'findings'", [schema]);
    return rows[0]?.at !== null && rows[0]?.at !== undefined;
  });
}

/** SQLite: how many findings the statistics were gathered over (0 without any). */
function sqliteGatheredOver(location: string): number {
  return readSqlite(location, (db) => {
    if (db.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get() === undefined) return 0;
    const row = db.prepare("select stat from sqlite_stat1 where idx = 'sqlite_autoindex_findings_1'").get() as { stat: string } | undefined;
    return row ? Number.parseInt(row.stat, 10) : 0;
  });
}

/** Imports `count` new findings, numbered from `first`. */
async function importFindings(location: string, count: number, first = 0): Promise<void> {
  const store = await openStore(location);
  try {
    const session = await store.beginImport({ source: 'asff-file', actor: 'test', startedAt: new Date(AT) });
    const findings = Array.from({ length: count }, (_, i) => {
      const n = first + i;
      return finding({ checkId: `check_${n % 50}`, resourceId: `arn:aws:s3:::bucket-${n}`, observedAt: AT });
    });
    for (let i = 0; i < findings.length; i += 2_500) await session.add(findings.slice(i, i + 2_500));
    await session.finish({ finishedAt: new Date(AT), complete: [], accounts: [], issues: [] });
  } finally {
    await store.close();
  }
}

for (const backend of backends()) {
  describe(`findings statistics on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it('are gathered after a large import, so that the explorer is planned with them', async () => {
      const location = backend.fresh();
      await importFindings(location, ANALYZE_AFTER_ROWS);
      assert.equal(await analyzed(backend, location), true);
    });

    it('are left alone after a small one', async () => {
      const location = backend.fresh();
      await importFindings(location, 10);
      assert.equal(await analyzed(backend, location), false);
    });

    if (backend.name === 'sqlite') {
      it('are gathered once small runs have grown the findings past a large run, and again at twice that', async () => {
        const location = backend.fresh();
        const half = ANALYZE_AFTER_ROWS / 2;
        await importFindings(location, half);
        assert.equal(sqliteGatheredOver(location), 0);
        await importFindings(location, half, half);
        assert.equal(sqliteGatheredOver(location), ANALYZE_AFTER_ROWS, 'gathered when the findings reached the size of a large run');
        await importFindings(location, half, 2 * half);
        assert.equal(sqliteGatheredOver(location), ANALYZE_AFTER_ROWS, 'one and a half times the size: still the same statistics');
        await importFindings(location, half, 3 * half);
        assert.equal(sqliteGatheredOver(location), 2 * ANALYZE_AFTER_ROWS, 'gathered again at twice the size');
      });

      it('are gathered when pushed events have grown the findings as much', async () => {
        const location = backend.fresh();
        const store = await openStore(location);
        try {
          for (const first of [0, ANALYZE_AFTER_ROWS / 2]) {
            const findings = Array.from({ length: ANALYZE_AFTER_ROWS / 2 }, (_, i) =>
              finding({ source: 'guardduty', checkId: 'Recon:EC2/PortProbeUnprotectedPort', resourceId: `i-${first + i}`, observedAt: AT, origin: 'eventbridge' }),
            );
            await store.recordDelivery({ source: 'eventbridge', actor: 'test', at: new Date(AT), findings });
          }
        } finally {
          await store.close();
        }
        assert.equal(sqliteGatheredOver(location), ANALYZE_AFTER_ROWS);
      });
    }
  });
}
