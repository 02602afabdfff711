import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { INTEGER_COLUMNS } from '../../src/store/bulk.ts';
import { openStore } from '../../src/store/index.ts';
import { finding, migrationNames, PG_URL, postgresBackend, scan } from './support.ts';

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function schemaOf(location: string): string {
  return new URL(location).searchParams.get('schema') ?? '';
}

describe('PostgreSQL store', () => {
  const backend = postgresBackend();
  after(() => backend.cleanup());

  it('creates the schema named in the URL and keeps every table in it', async () => {
    const location = backend.fresh();
    await (await openStore(location)).close();
    const tables = await query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by table_name',
      [schemaOf(location)],
    );
    assert.deepEqual(
      tables.map((t) => t.table_name),
      ['accounts', 'compliance_daily', 'compliance_rollup', 'compliance_version', 'digests', 'escalations', 'finding_history', 'finding_raw', 'findings', 'job_runs', 'notifications', 'rampart_migration', 'rampart_migration_lock', 'scans'],
    );
  });

  it('sorts keys by code point (collation "C") like SQLite', async () => {
    const location = backend.fresh();
    await (await openStore(location)).close();
    const columns = await query<{ column_name: string; collation_name: string | null }>(
      `select column_name, collation_name from information_schema.columns
        where table_schema = $1 and table_name = 'findings' and column_name in ('account_id', 'resource_id', 'title')
        order by column_name`,
      [schemaOf(location)],
    );
    assert.deepEqual(
      columns.map((c) => [c.column_name, c.collation_name]),
      [
        ['account_id', 'C'],
        ['resource_id', 'C'],
        ['title', null],
      ],
    );
  });

  it('applies each migration once, also when two stores open the same fresh schema together', async () => {
    const location = backend.fresh();
    const stores = await Promise.all([openStore(location), openStore(location)]);
    await Promise.all(stores.map((s) => s.close()));
    await (await openStore(location)).close();
    const rows = await query<{ name: string }>(`select name from "${schemaOf(location)}".rampart_migration`);
    assert.deepEqual(
      rows.map((r) => r.name),
      await migrationNames(),
    );
  });

  it('bulk writes know every integer column (PostgreSQL casts unnest arrays by them)', async () => {
    const location = backend.fresh();
    await (await openStore(location)).close();
    const columns = await query<{ column_name: string; column_default: string | null }>(
      `select column_name, column_default from information_schema.columns
        where table_schema = $1 and data_type in ('integer', 'bigint') and table_name not like 'rampart_migration%'
          and table_name <> 'compliance_version'`,
      [schemaOf(location)],
    );
    // Generated ids (bigserial) are never written; compliance_version's one row is updated in place, never bulk-written.
    const written = columns.filter((c) => !c.column_default?.startsWith('nextval(')).map((c) => c.column_name);
    assert.deepEqual([...new Set(written)].sort(), [...INTEGER_COLUMNS].sort());
  });

  it('refreshes the statistics of findings after a large run, not after a small one', async () => {
    const location = backend.fresh();
    const store = await openStore(location);
    const analyzed = async () =>
      (await query<{ n: string }>('select analyze_count::text as n from pg_stat_user_tables where schemaname = $1 and relname = $2', [schemaOf(location), 'findings']))[0]?.n;
    try {
      const small = Array.from({ length: 10 }, (_, i) => finding({ checkId: `c${i}` }));
      await store.recordScan(scan('small', '2026-11-01T00:00:00.000Z'), small, []);
      const before = await analyzed();
      const large = Array.from({ length: 10_000 }, (_, i) => finding({ checkId: `c${i}`, resourceId: `r${i}` }));
      await store.recordScan(scan('large', '2026-11-02T00:00:00.000Z'), large, []);
      // The statistics collector reports asynchronously; give it a moment.
      let after = await analyzed();
      for (let i = 0; i < 50 && after === before; i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = await analyzed();
      }
      assert.equal(before, '0', 'ten findings: autovacuum is left to it');
      assert.ok(Number(after) >= 1, `analyzed ${after} times`);
    } finally {
      await store.close();
    }
  });

  it("has compliance_daily vacuumed after each day's judgement, not after a fifth of its history", async () => {
    const location = backend.fresh();
    const store = await openStore(location);
    try {
      const [row] = await query<{ options: string[] }>('select reloptions as options from pg_class where relname = $1 and relnamespace = $2::regnamespace', ['compliance_daily', schemaOf(location)]);
      assert.deepEqual(row?.options.filter((o) => o.startsWith('autovacuum_')).sort(), [
        'autovacuum_vacuum_insert_scale_factor=0',
        'autovacuum_vacuum_insert_threshold=10000',
        'autovacuum_vacuum_scale_factor=0',
        'autovacuum_vacuum_threshold=10000',
      ]);
    } finally {
      await store.close();
    }
  });
});
