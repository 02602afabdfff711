import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { backends, readPostgres, readSqlite, type Backend } from './support.ts';

/** Foreign keys (child.column → parent) of the tables findings are written to, and the findings indexes. */
async function schemaOf(backend: Backend, location: string): Promise<{ foreignKeys: string[]; indexes: string[] }> {
  if (backend.name === 'sqlite') {
    return readSqlite(location, (db) => {
      const foreignKeys = ['findings', 'finding_history', 'finding_raw', 'notifications'].flatMap((table) =>
        (db.prepare(`select "table" as parent, "from" as col from pragma_foreign_key_list('${table}')`).all() as { parent: string; col: string }[]).map(
          (r) => `${table}.${r.col} → ${r.parent}`,
        ),
      );
      const indexes = (db.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'findings'").all() as { name: string }[]).map((r) => r.name);
      return { foreignKeys: foreignKeys.sort(), indexes };
    });
  }
  return readPostgres(location, async (client, schema) => {
    const fks = await client.query<{ fk: string }>(
      `select child.relname || '.' || a.attname || ' → ' || parent.relname as fk
         from pg_constraint c
         join pg_class child on child.oid = c.conrelid
         join pg_class parent on parent.oid = c.confrelid
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.connamespace = $1::regnamespace and child.relname in ('findings', 'finding_history', 'finding_raw', 'notifications')`,
      [schema],
    );
    const indexes = await client.query<{ name: string }>("select indexname as name from pg_indexes where schemaname = $1 and tablename = 'findings'", [schema]);
    return { foreignKeys: fks.rows.map((r) => r.fk).sort(), indexes: indexes.rows.map((r) => r.name) };
  });
}

for (const backend of backends()) {
  describe(`the findings' write path on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it('keeps no index that no read uses, and foreign keys only where checking them is cheap', async () => {
      const location = backend.fresh();
      const store = await openStore(location);
      await store.close();
      const { foreignKeys, indexes } = await schemaOf(backend, location);
      assert.ok(indexes.includes('findings_judge_idx'), `read the catalogue: ${indexes.join(', ')}`);
      assert.ok(!indexes.includes('findings_account_idx'));
      assert.ok(!indexes.includes('findings_scope_idx'));
      if (backend.name === 'sqlite') {
        assert.deepEqual(foreignKeys, [
          'finding_history.finding_id → findings',
          'finding_history.scan_id → scans',
          'finding_raw.finding_id → findings',
          'findings.last_scan_id → scans',
          'notifications.finding_id → findings',
        ]);
      } else {
        // None is checked per imported finding; the outbox's, written one notification at a time, stays.
        assert.deepEqual(foreignKeys, ['notifications.finding_id → findings']);
      }
    });
  });
}
