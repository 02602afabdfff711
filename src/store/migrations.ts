import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { SEVERITIES, STATUSES } from '../findings/model.ts';
import type { StoreDialect } from './types.ts';

/** Kysely's own bookkeeping tables, named so they cannot clash with another tool's in a shared schema. */
export const MIGRATION_TABLE = 'rampart_migration';
export const MIGRATION_LOCK_TABLE = 'rampart_migration_lock';

type Column = (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

function inList(values: readonly string[]) {
  return sql.join(values.map((v) => sql.lit(v)));
}

function initial(dialect: StoreDialect): Migration {
  // PostgreSQL sorts text by the database's locale; "C" sorts by code point like SQLite, so both
  // dialects return findings in the same order (and "C" comparisons are cheaper for the indexes).
  const key: Column = (col) => (dialect === 'postgres' ? col.notNull().modifyFront(sql`collate "C"`) : col.notNull());
  const keyPk: Column = (col) => key(col).primaryKey();
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scans')
        .addColumn('id', 'text', keyPk)
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .addColumn('framework', 'text', (c) => c.notNull())
        .addColumn('accounts', 'text', (c) => c.notNull())
        .addColumn('regions', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('errors', 'text', (c) => c.notNull())
        .addColumn('skipped', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('scans_started_at_idx').on('scans').columns(['started_at']).execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', keyPk)
        .addColumn('name', 'text')
        .addColumn('last_scan_id', 'text', (c) => c.references('scans.id'))
        .addColumn('last_scanned_at', 'text')
        .execute();

      await db.schema
        .createTable('findings')
        .addColumn('id', 'text', keyPk)
        .addColumn('source', 'text', key)
        .addColumn('check_id', 'text', key)
        .addColumn('account_id', 'text', key)
        .addColumn('account_name', 'text')
        .addColumn('region', 'text', key)
        .addColumn('resource_id', 'text', key)
        .addColumn('resource_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('severity_rank', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('framework', 'text', (c) => c.notNull())
        .addColumn('requirements', 'text', (c) => c.notNull())
        .addColumn('remediation', 'text')
        .addColumn('error_code', 'text')
        .addColumn('evidence', 'text')
        .addColumn('observed_at', 'text', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addColumn('status_changed_at', 'text', (c) => c.notNull())
        .addColumn('last_scan_id', 'text', (c) => key(c).references('scans.id'))
        .addCheckConstraint('findings_status_check', sql`status in (${inList(STATUSES)})`)
        .addCheckConstraint('findings_severity_check', sql`severity in (${inList(SEVERITIES)})`)
        .execute();
      // The default listing order, so a page of the explorer is an index range scan.
      await db.schema
        .createIndex('findings_order_idx')
        .on('findings')
        .columns(['severity_rank desc', 'account_id', 'check_id', 'region', 'resource_id', 'source'])
        .execute();
      await db.schema
        .createIndex('findings_account_idx')
        .on('findings')
        .columns(['account_id', 'status', 'severity_rank'])
        .execute();
      await db.schema
        .createIndex('findings_status_idx')
        .on('findings')
        .columns(['status', 'severity_rank'])
        .execute();
      await db.schema
        .createIndex('findings_check_idx')
        .on('findings')
        .columns(['check_id', 'status'])
        .execute();

      await db.schema
        .createTable('finding_history')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('finding_id', 'text', (c) => key(c).references('findings.id'))
        .addColumn('scan_id', 'text', (c) => key(c).references('scans.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('finding_history_finding_idx')
        .on('finding_history')
        .columns(['finding_id', 'id'])
        .execute();
      await db.schema
        .createIndex('finding_history_scan_idx')
        .on('finding_history')
        .columns(['scan_id'])
        .execute();
    },
  };
}

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations() {
      return { '0001_initial': initial(dialect) };
    },
  };
}
