import { CompiledQuery, type InsertQueryBuilder, type InsertResult, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { StoreDialect } from './types.ts';

type Table = keyof Database;
type Db = Kysely<Database> | Transaction<Database>;

/** Integer columns of the tables written in bulk; every other column is text. */
export const INTEGER_COLUMNS: ReadonlySet<string> = new Set(['severity_rank', 'attempts', 'failing', 'excepted', 'tier', 'days', 'compliant', 'non_compliant']);

const compiled = new Map<string, CompiledQuery>();

/**
 * The builder's statement for `rows` placeholder rows. On PostgreSQL one row is enough: its VALUES
 * list becomes `unnest` over one array per column, which PostgreSQL parses and plans once whatever
 * the row count, and which binds a column in one parameter (twice the rows per second of VALUES).
 */
function statement<T extends Table>(
  db: Db,
  dialect: StoreDialect,
  table: T,
  columns: readonly string[],
  rows: number,
  finish: (q: InsertQueryBuilder<Database, T, InsertResult>) => InsertQueryBuilder<Database, T, InsertResult>,
): CompiledQuery {
  const placeholder = Object.fromEntries(columns.map((c) => [c, null])) as unknown as Database[T];
  const count = dialect === 'postgres' ? 1 : rows;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the builder cannot type a generic table's values
  const query = finish(db.insertInto(table).values(Array.from({ length: count }, () => placeholder) as any)).compile();
  if (query.parameters.length !== count * columns.length) {
    throw new Error(`bulk insert into ${table}: the builder bound ${query.parameters.length} values, expected ${count * columns.length}`);
  }
  if (dialect !== 'postgres') return query;
  const values = `values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  const at = query.sql.indexOf(values);
  if (at < 0) throw new Error(`bulk insert into ${table}: no VALUES list in ${query.sql}`);
  const unnest = `select * from unnest(${columns.map((c, i) => `$${i + 1}::${INTEGER_COLUMNS.has(c) ? 'integer' : 'text'}[]`).join(', ')})`;
  return CompiledQuery.raw(query.sql.slice(0, at) + unnest + query.sql.slice(at + values.length), []);
}

/**
 * A multi-row INSERT built by the query builder once per (statement, row count) and reused with
 * new values. Building a 500-row statement through the builder costs more CPU than the database
 * spends executing it, and an import runs thousands of them.
 */
export async function bulkInsert<T extends Table>(
  db: Db,
  dialect: StoreDialect,
  key: string,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly Database[T][],
  finish: (q: InsertQueryBuilder<Database, T, InsertResult>) => InsertQueryBuilder<Database, T, InsertResult> = (q) => q,
): Promise<void> {
  if (rows.length === 0) return;
  const cacheKey = dialect === 'postgres' ? `${dialect}|${key}` : `${dialect}|${key}|${rows.length}`;
  let query = compiled.get(cacheKey);
  if (!query) {
    query = statement(db, dialect, table, columns, rows.length, finish);
    compiled.set(cacheKey, query);
  }
  const cell = (row: Database[T], c: string) => row[c as keyof typeof row];
  let values: unknown[];
  if (dialect === 'postgres') {
    values = columns.map((c) => rows.map((row) => cell(row, c)));
  } else {
    values = new Array(rows.length * columns.length);
    let i = 0;
    for (const row of rows) for (const c of columns) values[i++] = cell(row, c);
  }
  await db.executeQuery(CompiledQuery.raw(query.sql, values));
}
