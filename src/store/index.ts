import { Kysely, sql, type Dialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Finding } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import { StoreError, storeError } from './errors.ts';
import { parseLocation } from './location.ts';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrationProvider } from './migrations.ts';
import { createComplianceStore } from './compliance.ts';
import { createDashboardStore } from './dashboard.ts';
import { createDigestStore } from './digests.ts';
import { createJobRunsStore } from './job-runs.ts';
import { createOutbox } from './outbox.ts';
import { openPostgres } from './postgres.ts';
import { queryAccounts, queryFindings, queryHistory, queryRawDocument, queryScans } from './queries.ts';
import { beginImport, recordDelivery, recordScan } from './record.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite.ts';
import type { AccountRef, ArrayReader, FindingQuery, RecordSummary, Store, StoreDialect } from './types.ts';

export { StoreError } from './errors.ts';
export type * from './types.ts';
export type { AlertFinding, DueNotification, Outbox, OutboxKey, SentMessage } from './outbox.ts';
export type { ComplianceStore, EscalationRecord, JudgeableFinding } from './compliance.ts';
export type { DashboardStore, TrendPoint } from './dashboard.ts';
export type { ExplorerFilter, ExplorerGroupBy, ExplorerRow, ExplorerSort } from './explorer.ts';
export type { DigestRecord, DigestStore } from './digests.ts';
export type { JobRun, JobRunState, JobRunsStore } from './job-runs.ts';

async function migrate(db: Kysely<Database>, dialect: StoreDialect, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Without a schema Kysely would take a migration table in ANY schema of the database as ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw failed ? storeError(`migration ${failed} failed`, error) : error;
  }
}

/**
 * Kysely runs SQLite migrations outside a transaction and without a lock. The store's SQLite
 * connection is a single one, so one IMMEDIATE transaction around them makes them all-or-nothing
 * and makes a second process opening a fresh file wait for the first instead of migrating twice.
 */
async function migrateSqlite(db: Kysely<Database>): Promise<void> {
  await sql`begin immediate`.execute(db);
  try {
    await migrate(db, 'sqlite', undefined);
  } catch (err) {
    // The migration's own error is the one worth reporting; the connection is closed next anyway.
    await sql`rollback`.execute(db).catch(() => undefined);
    throw err;
  }
  await sql`commit`.execute(db);
}

/** Findings written by one run beyond which the findings' statistics are refreshed at once. */
export const ANALYZE_AFTER_ROWS = 10_000;

/**
 * After a bulk load PostgreSQL plans with the statistics of the table before it until autovacuum
 * catches up, and may then read a day's judgement through the wrong index (40 s instead of 4 s for
 * 1,000 accounts, bench/compliance.ts). SQLite keeps no statistics until it is told to gather them,
 * and without them read several explorer views through the wrong index: on 1,000,000 findings one
 * OU's page took 330 ms instead of 3 ms, an owner's 353 ms instead of 1 ms, the resolved view 382
 * instead of 61 ms, one account's failing counts 605 ms instead of 1 ms. A large run refreshes them
 * before anything reads (SQLite: 650 ms for 1,000,000 findings), and so, on SQLite, which has no
 * autovacuum to notice, does a run after which the findings have grown past that size without
 * statistics, or to twice the size they were gathered at.
 */
async function freshStatistics<T extends RecordSummary>(db: Kysely<Database>, dialect: StoreDialect, summary: T): Promise<T> {
  const written = summary.inserted + summary.changed + summary.resolved + summary.reopened;
  if (written >= ANALYZE_AFTER_ROWS || (dialect === 'sqlite' && (await sqliteOutgrewStatistics(db)))) await sql`analyze findings`.execute(db);
  return summary;
}

/** Findings are never deleted, so the largest rowid counts them without reading the table. */
async function sqliteOutgrewStatistics(db: Kysely<Database>): Promise<boolean> {
  const stored = (await sql<{ n: number | null }>`select max(rowid) as n from findings`.execute(db)).rows[0]?.n ?? 0;
  // Before the first ANALYZE there is no sqlite_stat1 at all.
  const hasStatistics = (await sql`select 1 from sqlite_master where name = 'sqlite_stat1'`.execute(db)).rows.length > 0;
  const stat = hasStatistics ? (await sql<{ stat: string }>`select stat from sqlite_stat1 where idx = 'sqlite_autoindex_findings_1'`.execute(db)).rows[0]?.stat : undefined;
  // A statistic starts with the number of entries in the index: one per finding when it was gathered.
  const gathered = stat === undefined ? 0 : Number.parseInt(stat, 10);
  return gathered === 0 ? stored >= ANALYZE_AFTER_ROWS : stored >= 2 * gathered;
}

/** Wraps driver errors so callers always get a one-line StoreError naming the operation. */
async function guarded<T>(what: string, secret: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw storeError(what, err, secret);
  }
}

/**
 * Opens (creating if needed) the store and brings its schema up to date. `location`: undefined ⇒
 * `rampart.db` in the working directory; a file path or `sqlite:path` (`sqlite::memory:`);
 * `postgres://…` / `postgresql://…`, with `?schema=name` to use (and create) that schema.
 */
export async function openStore(location?: string): Promise<Store> {
  const target = parseLocation(location);
  let dialectName: StoreDialect;
  let dialect: Dialect & ArrayReader;
  let schema: string | undefined;
  let secret: string | undefined;
  if (target.kind === 'postgres') {
    ({ dialect, schema } = await openPostgres(target));
    dialectName = 'postgres';
    secret = target.password;
  } else {
    dialect = openSqlite(target.path, target.display);
    dialectName = 'sqlite';
  }
  const db = new Kysely<Database>({ dialect });
  try {
    await (dialectName === 'sqlite' ? migrateSqlite(db) : migrate(db, dialectName, schema));
  } catch (err) {
    await db.destroy().catch(() => undefined);
    if (err instanceof StoreError) throw new StoreError(`cannot open database ${target.display}: ${err.message}`, { cause: err.cause });
    throw storeError(`cannot open database ${target.display}`, err, secret);
  }

  // SQLite's array reads share the one connection: they take it as Kysely's queries do, so they
  // never read a transaction that another async flow has under way.
  const reader: ArrayReader = dialectName === 'sqlite' ? { readArrays: (q) => db.connection().execute(() => dialect.readArrays(q)) } : dialect;
  const unfinished = new Set<{ abandon(): Promise<void> }>();
  return {
    dialect: dialectName,
    recordScan: (scan: ScanRecord, findings: Finding[], accounts: AccountRef[]) =>
      guarded(`cannot record scan ${scan.id}`, secret, async () => freshStatistics(db, dialectName, await recordScan(db, dialectName, scan, findings, accounts))),
    beginImport: (run) => guarded(`cannot start ${run.source} import`, secret, () => beginImport(db, dialectName, run)).then((session) => {
      unfinished.add(session);
      return {
        runId: session.runId,
        add: (findings) => guarded(`cannot record findings of import ${session.runId}`, secret, () => session.add(findings)),
        finish: (p) =>
          guarded(`cannot finish import ${session.runId}`, secret, async () => {
            unfinished.delete(session);
            const done = await session.finish(p);
            await freshStatistics(db, dialectName, done.summary);
            return done;
          }),
      };
    }),
    recordDelivery: (delivery) =>
      guarded(`cannot record ${delivery.source} delivery`, secret, async () => {
        const done = await recordDelivery(db, dialectName, delivery);
        await freshStatistics(db, dialectName, done.summary);
        return done;
      }),
    findings: (q: FindingQuery) => guarded('cannot query findings', secret, () => queryFindings(db, q)),
    findingHistory: (findingId: string) =>
      guarded(`cannot read history of finding ${findingId}`, secret, () => queryHistory(db, findingId)),
    rawDocument: (findingId: string) =>
      guarded(`cannot read the document of finding ${findingId}`, secret, () => queryRawDocument(db, findingId)),
    scans: (limit?: number) => guarded('cannot list scans', secret, () => queryScans(db, limit)),
    accounts: () => guarded('cannot list accounts', secret, () => queryAccounts(db)),
    outbox: createOutbox(db, (what, run) => guarded(what, secret, run)),
    compliance: createComplianceStore(db, dialectName, reader, (what, run) => guarded(what, secret, run)),
    dashboard: createDashboardStore(db, dialectName, reader, (what, run) => guarded(what, secret, run)),
    digests: createDigestStore(db, (what, run) => guarded(what, secret, run)),
    jobRuns: createJobRunsStore(db, dialectName, (what, run) => guarded(what, secret, run)),
    close: async () => {
      // An import stopped by an error leaves its last findings uncommitted: they are dropped.
      for (const session of unfinished) await session.abandon();
      await db.destroy();
    },
  };
}
