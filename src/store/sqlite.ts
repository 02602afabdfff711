import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type CompiledQuery, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { StoreError, storeError } from './errors.ts';
import type { ArrayReader } from './types.ts';

const BUSY_TIMEOUT_MS = 10_000;
/**
 * Pages of a new database file. Findings rows are wide (about 1 KB with the producer's document
 * beside them): 16 KB pages cut the write calls of an import by a third over the default 4 KB and
 * still read little for a point lookup.
 */
const PAGE_SIZE = 16_384;
/** 32 MB of page cache: an import's index pages stay in memory between its transactions. */
const CACHE_KIB = 32_768;

/** Kysely's SQLite driver expects better-sqlite3's statement shape; node:sqlite's differs slightly. */
function adaptStatement(statement: StatementSync): SqliteStatement {
  const params = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
  return {
    // A statement returns rows exactly when it has result columns (SELECT, PRAGMA, … RETURNING).
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...params(parameters)),
    iterate: (parameters) => statement.iterate(...params(parameters)),
    run: (parameters) => statement.run(...params(parameters)),
  };
}

/** Statements kept prepared: an import runs the same few multi-row statements thousands of times. */
const STATEMENT_CACHE = 64;

/** The statement of `sqlText`, prepared once while it stays among the most recently used. */
function preparedCache<T>(prepare: (sqlText: string) => T): (sqlText: string) => T {
  const cache = new Map<string, T>();
  return (sqlText) => {
    let statement = cache.get(sqlText);
    if (statement) {
      // Re-inserting keeps the map in least-recently-used order.
      cache.delete(sqlText);
    } else {
      statement = prepare(sqlText);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sqlText, statement);
    return statement;
  };
}

function adaptDatabase(db: DatabaseSync): SqliteDatabase {
  return {
    prepare: preparedCache((sqlText) => adaptStatement(db.prepare(sqlText))),
    close: () => db.close(),
  };
}

/**
 * Kysely's dialect, which also reads rows as arrays. node:sqlite makes each row object a dictionary
 * with a null prototype, slow to create and to read: a day's judgement of 750,000 findings reads
 * them in half the time as arrays (bench/compliance.ts). The store takes Kysely's connection for
 * these reads too (index.ts), so they wait for a transaction under way like any query.
 */
export class SqliteArrayDialect extends SqliteDialect implements ArrayReader {
  private readonly prepare: (sqlText: string) => StatementSync;

  constructor(db: DatabaseSync) {
    super({ database: adaptDatabase(db) });
    this.prepare = preparedCache((sqlText) => {
      const statement = db.prepare(sqlText);
      statement.setReturnArrays(true);
      return statement;
    });
  }

  readArrays(query: CompiledQuery): Promise<unknown[][]> {
    try {
      return Promise.resolve(this.prepare(query.sql).all(...(query.parameters as SQLInputValue[])) as unknown as unknown[][]);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }
}

/** Opens the file (or `:memory:`) with WAL and a busy timeout, so a reader never blocks the writer. */
export function openSqlite(path: string, display: string): SqliteArrayDialect {
  const dir = dirname(path);
  if (path !== ':memory:' && !existsSync(dir)) {
    throw new StoreError(`cannot open database ${display}: directory ${dir} does not exist`);
  }
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  } catch (err) {
    throw storeError(`cannot open database ${display}`, err);
  }
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Only takes effect while the file is empty, before WAL is switched on.
    db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
    db.exec('PRAGMA journal_mode = WAL');
    // NORMAL is durable against corruption in WAL mode and avoids an fsync per transaction.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    db.exec(`PRAGMA cache_size = -${CACHE_KIB}`);
  } catch (err) {
    db.close();
    throw storeError(`cannot open database ${display}`, err);
  }
  return new SqliteArrayDialect(db);
}
