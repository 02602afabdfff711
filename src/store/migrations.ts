import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { COMPLIANCE_STATUSES } from '../compliance/types.ts';
import { ORIGINS, RECORD_STATES, SEVERITIES, STATUSES, WORKFLOW_STATUSES } from '../findings/model.ts';
import type { StoreDialect } from './types.ts';

/** Kysely's own bookkeeping tables, named so they cannot clash with another tool's in a shared schema. */
export const MIGRATION_TABLE = 'rampart_migration';
export const MIGRATION_LOCK_TABLE = 'rampart_migration_lock';

type Column = (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** A key column: not null, and on PostgreSQL compared by code point ("C") as SQLite does. */
const keyColumn =
  (dialect: StoreDialect): Column =>
  (col) =>
    dialect === 'postgres' ? col.notNull().modifyFront(sql`collate "C"`) : col.notNull();

function inList(values: readonly string[]) {
  return sql.join(values.map((v) => sql.lit(v)));
}

function initial(dialect: StoreDialect): Migration {
  // PostgreSQL sorts text by the database's locale; "C" sorts by code point like SQLite, so both
  // dialects return findings in the same order (and "C" comparisons are cheaper for the indexes).
  const key = keyColumn(dialect);
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

/**
 * Findings from Security Hub, GuardDuty, ASFF files and EventBridge: their lifecycle upstream, the
 * regions a global finding was reported in, the producer's document, and the notification outbox.
 */
function hub(dialect: StoreDialect): Migration {
  const key = keyColumn(dialect);
  return {
    async up(db: Kysely<unknown>) {
      const findingColumns: [string, Column][] = [
        ['origin', (c) => c.notNull().defaultTo('scan').check(sql`origin in (${inList(ORIGINS)})`)],
        ['record_state', (c) => c.notNull().defaultTo('ACTIVE').check(sql`record_state in (${inList(RECORD_STATES)})`)],
        ['workflow_status', (c) => c.notNull().defaultTo('NEW').check(sql`workflow_status in (${inList(WORKFLOW_STATUSES)})`)],
        ['finding_type', (c) => c],
        ['description', (c) => c],
        ['product', (c) => c],
        ['created_at', (c) => c],
        ['updated_at', (c) => c],
        ['regions', (c) => c],
        ['resolved_at', (c) => c],
      ];
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      for (const [name, build] of findingColumns) {
        await db.schema.alterTable('findings').addColumn(name, 'text', build).execute();
      }
      // Open findings by severity (dashboards, routing) and a complete pull's resolution scope.
      await db.schema.createIndex('findings_open_idx').on('findings').columns(['resolved_at', 'status', 'severity_rank']).execute();
      await db.schema.createIndex('findings_scope_idx').on('findings').columns(['origin', 'account_id', 'region']).execute();

      await db.schema
        .createTable('finding_raw')
        .addColumn('finding_id', 'text', (c) => key(c).primaryKey().references('findings.id'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .alterTable('finding_history')
        .addColumn('change', 'text', (c) => c.notNull().defaultTo('status').check(sql`change in ('status', 'resolved', 'reopened')`))
        .execute();

      for (const name of ['email', 'state', 'ou_id', 'ou_path', 'tags']) {
        await db.schema.alterTable('accounts').addColumn(name, 'text').execute();
      }

      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => key(c).primaryKey())
        .addColumn('route', 'text', key)
        .addColumn('channel', 'text', key)
        .addColumn('finding_id', 'text', (c) => key(c).references('findings.id'))
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'sent')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('message_key', 'text')
        .addUniqueConstraint('notifications_once_uq', ['route', 'channel', 'finding_id'])
        .execute();
      await db.schema.createIndex('notifications_due_idx').on('notifications').columns(['state', 'next_attempt_at']).execute();
    },
  };
}

/**
 * Compliance by the organization's policy: one row per account, control and day (kept beyond AWS's
 * 90-day finding retention), escalations sent once per streak and tier, digests, scheduled job runs.
 */
function compliance(dialect: StoreDialect): Migration {
  const key = keyColumn(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('compliance_daily')
        .addColumn('day', 'text', key)
        .addColumn('account_id', 'text', key)
        .addColumn('control', 'text', key)
        .addColumn('framework', 'text', key)
        .addColumn('section', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${inList(COMPLIANCE_STATUSES)})`))
        .addColumn('regions', 'text', (c) => c.notNull())
        .addColumn('failing', 'integer', (c) => c.notNull())
        .addColumn('excepted', 'integer', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('compliance_daily_pk', ['day', 'account_id', 'control'])
        .execute();
      // Streaks read one account-control's days in order.
      await db.schema.createIndex('compliance_daily_streak_idx').on('compliance_daily').columns(['account_id', 'control', 'day']).execute();

      await db.schema
        .createTable('escalations')
        .addColumn('account_id', 'text', key)
        .addColumn('control', 'text', key)
        .addColumn('streak_start', 'text', key)
        .addColumn('tier', 'integer', (c) => c.notNull())
        .addColumn('days', 'integer', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('escalations_pk', ['account_id', 'control', 'streak_start', 'tier'])
        .execute();

      await db.schema
        .createTable('digests')
        .addColumn('id', 'text', (c) => key(c).primaryKey())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('org_rate', dialect === 'postgres' ? 'double precision' : 'real')
        .addColumn('summary', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('digests_recipients_idx').on('digests').columns(['recipients', 'period', 'sent_at']).execute();

      await db.schema
        .createTable('job_runs')
        .addColumn('id', 'text', (c) => key(c).primaryKey())
        .addColumn('job', 'text', key)
        .addColumn('scheduled_for', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running', 'ok', 'failed', 'skipped')`))
        .addColumn('message', 'text')
        .execute();
      await db.schema.createIndex('job_runs_job_idx').on('job_runs').columns(['job', 'started_at']).execute();
    },
  };
}

/**
 * What a day's judgement and the streaks read, found without reading the rest (bench/compliance.ts:
 * 1,000 accounts, 90 days). SQLite keeps no statistics, so its planner picks the index whose
 * equality columns match the most; these are the ones to match.
 */
function complianceIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // A page of accounts' open findings. Without it SQLite reads them through findings_open_idx
      // (resolved_at is null: nearly every finding) once per page.
      await db.schema.createIndex('findings_judge_idx').on('findings').columns(['account_id', 'resolved_at']).execute();
      // The account-controls with non-compliant days, the only ones that can have a streak. Status
      // leads although it is constant, so SQLite matches `status = 'non_compliant'` on it rather
      // than taking the primary key's range of days.
      await db.schema
        .createIndex('compliance_daily_noncompliant_idx')
        .on('compliance_daily')
        .columns(['status', 'account_id', 'control', 'day'])
        .where(sql.ref('status'), '=', sql.lit('non_compliant'))
        .execute();
    },
  };
}

/**
 * What the dashboard's findings explorer reads most: open findings (nearly all of its views), in
 * severity order, counted and grouped by account, region and check (bench/api.ts: 1,000,000
 * findings). Partial indexes hold only open findings, so resolved history costs them nothing, and
 * each leads with status because every view filters on it (FAIL unless asked otherwise).
 */
function explorerIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const indexes: [string, string[]][] = [
        ['findings_open_order_idx', ['status', 'severity_rank', 'id']],
        ['findings_open_account_idx', ['status', 'account_id', 'severity_rank']],
        ['findings_open_region_idx', ['status', 'region', 'severity_rank']],
        ['findings_open_check_idx', ['status', 'check_id', 'severity_rank']],
        ['findings_open_source_idx', ['status', 'source', 'severity_rank']],
        ['findings_open_first_seen_idx', ['status', 'first_seen']],
      ];
      for (const [name, columns] of indexes) {
        await db.schema.createIndex(name).on('findings').columns(columns).where(sql.ref('resolved_at'), 'is', null).execute();
      }
    },
  };
}

/** Fills the rollup from the judgements stored (exported for benchmarks that store them in bulk). */
export const ROLLUP_FROM_DAILY = sql`insert into compliance_rollup (day, account_id, framework, compliant, non_compliant)
  select day, account_id, framework,
    sum(case when status = 'compliant' then 1 else 0 end),
    sum(case when status = 'non_compliant' then 1 else 0 end)
  from compliance_daily group by day, account_id, framework`;

/**
 * Per day, account and framework, how many controls were compliant and non-compliant: what the
 * dashboard's compliance trend sums, so 90 days of 1,000 accounts read 90,000 rows, not millions.
 * Kept by the store in the transaction that writes the day's judgement; filled here from the
 * judgements already stored.
 */
function complianceRollup(dialect: StoreDialect): Migration {
  const key = keyColumn(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('compliance_rollup')
        .addColumn('day', 'text', key)
        .addColumn('account_id', 'text', key)
        .addColumn('framework', 'text', key)
        .addColumn('compliant', 'integer', (c) => c.notNull())
        .addColumn('non_compliant', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('compliance_rollup_pk', ['day', 'account_id', 'framework'])
        .execute();
      await ROLLUP_FROM_DAILY.execute(db);
      // Bumped with every day's judgement written: what the dashboard derived from the history
      // (current streaks) is kept until it changes, whichever day was judged again.
      await db.schema.createTable('compliance_version').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('version', 'integer', (c) => c.notNull()).execute();
      await sql`insert into compliance_version (id, version) values (1, 0)`.execute(db);
      // The heat map's cells of a day, read from the index alone.
      await db.schema.createIndex('compliance_daily_cells_idx').on('compliance_daily').columns(['day', 'framework', 'account_id', 'control', 'status', 'failing']).execute();
    },
  };
}

/**
 * A day's judgement no longer updates an index by account, control and day: that index took a third
 * of the day's time on SQLite (bench/compliance.ts, 1,000 accounts: 60,000 inserts spread over the
 * whole index), and streaks now find their ends by primary key (store/compliance.ts readStreaks).
 */
function dropStreakIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('compliance_daily_streak_idx').ifExists().execute();
    },
  };
}

/**
 * PostgreSQL vacuums a table after a fifth of it changed; a day's judgement rewrites 60,000 rows of
 * millions, so the newest day, the one the heat map reads, was never marked all-visible and its
 * index-only scan fetched every row from the heap (bench: 232 ms before a vacuum, 88 ms after).
 * Vacuuming after 10,000 changed or inserted rows follows each judgement, reading only those pages.
 */
function complianceAutovacuum(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      await sql`alter table compliance_daily set (
        autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
        autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 10000)`.execute(db);
    },
  };
}

/**
 * Two indexes of the first migrations that no read needs any more; every finding an import writes
 * updated them. Found by EXPLAIN of every read of findings on bench/api.ts's store (1,000,000
 * findings) on PostgreSQL and on SQLite, analyzed and not:
 * - findings_account_idx (account_id, status, severity_rank): no plan used it but an unanalyzed
 *   SQLite store's for a heat map cell's findings, which now reads findings_judge_idx (account_id,
 *   resolved_at) as fast (0.7 → 1.1 ms). An account's open findings are in findings_open_account_idx,
 *   all of them in findings_judge_idx.
 * - findings_scope_idx (origin, account_id, region): read only where a scan or a complete pull
 *   resolves what it no longer reports (store/record.ts), which now reads the account's open
 *   findings through findings_judge_idx (about 900 each: 0.1 → 1 ms per account pulled). An
 *   analyzed SQLite store also skip-scanned it for `rampart findings --region`, a worse plan than
 *   findings_order_idx's (214 → 9 ms).
 * Every bench/api.ts query kept its plan (p95 at most 27 ms on SQLite, 44 ms on PostgreSQL), and so
 * did the judge's read (bench/compliance.ts computeDay: 1.55 → 1.49 s, 2.02 → 1.99 s). An import of
 * 100,000 findings (bench/ingest.ts, median of five runs on a busy machine): SQLite 10,854 → 11,314,
 * PostgreSQL 5,066 → 5,269 findings/s.
 * The other full indexes stay: findings_order_idx orders `rampart findings`; findings_status_idx
 * serves the explorer's resolved and all views; findings_open_idx lets SQLite read the resolved view
 * and open views that read the table (a requirement filter, grouping by type) in table order
 * (without it 62 → 374 ms and 0.4 → 1.2 s); findings_check_idx is how an unanalyzed SQLite store
 * finds a control's findings (17 → 123 ms without it) and PostgreSQL a rare check for the CLI.
 */
function findingsIndexPruning(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('findings_account_idx').ifExists().execute();
      await db.schema.dropIndex('findings_scope_idx').ifExists().execute();
    },
  };
}

/** What the findings explorer's free text searches, each column for a substring (explorer.ts). */
export const SEARCHED_COLUMNS = ['title', 'resource_id', 'reason', 'check_id', 'account_name'] as const;

/**
 * SQLite: a trigram full-text index of the searched columns, keyed by the finding's rowid and kept by
 * triggers so that every writer (the store, bulk loads, a hand-run UPDATE) keeps it in step. It
 * keeps no positions (detail none: a quarter of the size): it finds the findings holding all of some
 * trigrams, and the explorer's LIKE decides. It keeps its own copy of the text, from which a changed
 * finding's old trigrams are removed: a contentless table would take the old text from the trigger
 * (and break if it ever differed from what was indexed) or, with contentless_delete, cost six times
 * as much per changed finding.
 */
async function sqliteSearch(db: Kysely<unknown>): Promise<void> {
  const columns = sql.join(SEARCHED_COLUMNS.map((c) => sql.ref(c)));
  const values = (row: 'new' | 'old') => sql.join([sql.ref(`${row}.rowid`), ...SEARCHED_COLUMNS.map((c) => sql.ref(`${row}.${c}`))]);
  await sql`create virtual table findings_search using fts5(${columns}, tokenize='trigram', detail='none', columnsize=0)`.execute(db);
  await sql`insert into findings_search (rowid, ${columns}) select rowid, ${columns} from findings`.execute(db);
  // One segment instead of the many a bulk insert leaves: every query seeks each segment once.
  await sql`insert into findings_search (findings_search) values ('optimize')`.execute(db);
  await sql`create trigger findings_search_insert after insert on findings begin
    insert into findings_search (rowid, ${columns}) values (${values('new')});
  end`.execute(db);
  // An upsert sets every column; only a change of the searched text costs a re-index.
  const changed = sql.join(SEARCHED_COLUMNS.map((c) => sql`${sql.ref(`new.${c}`)} is not ${sql.ref(`old.${c}`)}`), sql` or `);
  await sql`create trigger findings_search_update after update of ${columns} on findings when ${changed} begin
    delete from findings_search where rowid = old.rowid;
    insert into findings_search (rowid, ${columns}) values (${values('new')});
  end`.execute(db);
  await sql`create trigger findings_search_delete after delete on findings begin
    delete from findings_search where rowid = old.rowid;
  end`.execute(db);
}

/**
 * The schema holding pg_trgm, installing it (a trusted extension: a database owner may) in `public`
 * when it is missing. Not in the store's own schema: an extension belongs to the whole database, and
 * dropping the schema it was installed in would drop every other schema's indexes that use it.
 * Undefined when it cannot be had; the search then reads the table, as before.
 */
async function trigramSchema(db: Kysely<unknown>): Promise<string | undefined> {
  const installed = async () =>
    (await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)).rows[0]?.schema;
  const found = await installed();
  if (found !== undefined) return found;
  // Migrations run in one transaction: a failed statement must not abort it.
  await sql`savepoint rampart_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint rampart_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint rampart_trgm`.execute(db);
  }
  // Another store may have installed it meanwhile, which is what made this one fail.
  return installed();
}

/**
 * PostgreSQL: the searched columns as one text, whose trigram index the explorer's search asks with
 * `ILIKE` before each column decides (explorer.ts). One index rather than one per column: a trigram
 * of a resource name is in its reason too and is read once, and `check_id = 'IAM.6'` cannot be
 * planned through it (gin_trgm_ops also serves equality) instead of through findings_open_check_idx.
 * Each column's own ILIKE ignores case by its own collation; the joined text by the database's,
 * which folds at least as much, so it drops no finding a column would match.
 */
export const SEARCH_TEXT = sql`(${sql.join(
  SEARCHED_COLUMNS.map((c) => (c === 'account_name' ? sql`coalesce(${sql.ref(c)}, '')` : sql.ref(c))),
  sql` || ' ' || `,
)}) collate "default"`;

async function postgresSearch(db: Kysely<unknown>): Promise<void> {
  const schema = await trigramSchema(db);
  if (schema === undefined) return;
  await sql`create index findings_search_trgm_idx on findings using gin ((${SEARCH_TEXT}) ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
}

/** Free-text search of the findings explorer without reading every finding (bench/api.ts: 1,000,000 findings). */
function explorerSearch(dialect: StoreDialect): Migration {
  return { up: (db) => (dialect === 'postgres' ? postgresSearch(db) : sqliteSearch(db)) };
}

/**
 * Pages of the explorer read in index order, or from the index alone, instead of sorting findings
 * read from the table (bench/api.ts: 1,000,000 findings):
 * - open findings newest first (`sort=lastSeen`), also of one source (`?source=guardduty`: 63,000
 *   findings, a page found in about 700 index entries);
 * - open findings of some accounts (an OU, an owner's) by severity: with the id in the index
 *   SQLite sorts index entries and reads 50 findings, not the 18,000 of an OU's 50 accounts.
 */
function explorerOrderIndexes(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const open = (name: string, columns: string[]) => db.schema.createIndex(name).on('findings').columns(columns).where(sql.ref('resolved_at'), 'is', null).execute();
      await open('findings_open_seen_idx', ['status', 'last_seen', 'severity_rank', 'id']);
      await db.schema.dropIndex('findings_open_account_idx').execute();
      await open('findings_open_account_idx', ['status', 'account_id', 'severity_rank', 'id']);
      // A SQLite store someone analyzed would plan with statistics of every index but these, and then
      // read the first page of the explorer through findings_open_idx and a sort (13 → 140 ms).
      if (dialect === 'sqlite' && (await sql`select 1 from sqlite_master where name = 'sqlite_stat1'`.execute(db)).rows.length > 0) {
        await sql`analyze findings_open_seen_idx`.execute(db);
        await sql`analyze findings_open_account_idx`.execute(db);
      }
    },
  };
}

/**
 * PostgreSQL checks a foreign key with a query and a row lock on the referenced row for every row
 * inserted, four per imported finding (its run; its document's and each history entry's finding and
 * run): 20 µs of the server's 160 µs per finding (bench/ingest.ts, 100,000 findings). The store is
 * these tables' only writer; it writes the run before its findings and a finding before its document
 * and history, in one transaction, and never deletes any of them. SQLite's checks are probes of a
 * primary key in the page cache, a few per cent of an import, and dropping a constraint there means
 * rebuilding the table, so they stay.
 */
function importForeignKeys(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      await sql`alter table findings drop constraint if exists findings_last_scan_id_fkey`.execute(db);
      await sql`alter table finding_history drop constraint if exists finding_history_finding_id_fkey`.execute(db);
      await sql`alter table finding_history drop constraint if exists finding_history_scan_id_fkey`.execute(db);
      await sql`alter table finding_raw drop constraint if exists finding_raw_finding_id_fkey`.execute(db);
    },
  };
}

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(dialect),
        '0002_hub': hub(dialect),
        '0003_compliance': compliance(dialect),
        '0004_compliance_indexes': complianceIndexes(),
        '0005_explorer_indexes': explorerIndexes(),
        '0006_compliance_rollup': complianceRollup(dialect),
        '0007_drop_streak_index': dropStreakIndex(),
        '0008_explorer_order_indexes': explorerOrderIndexes(dialect),
        '0008_explorer_search': explorerSearch(dialect),
        '0010_compliance_autovacuum': complianceAutovacuum(dialect),
        '0011_import_foreign_keys': importForeignKeys(dialect),
        '0012_findings_index_pruning': findingsIndexPruning(),
      };
    },
  };
}
