import { CompiledQuery, type InsertQueryBuilder, type InsertResult, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { StoreDialect } from './types.ts';

type Table = keyof Database;
type Db = Kysely<Database> | Transaction<Database>;

const compiled = new Map<string, CompiledQuery>();

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
  const cacheKey = `${dialect}|${key}|${rows.length}`;
  let query = compiled.get(cacheKey);
  if (!query) {
    const placeholder = Object.fromEntries(columns.map((c) => [c, null])) as unknown as Database[T];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the builder cannot type a generic table's values
    query = finish(db.insertInto(table).values(Array.from({ length: rows.length }, () => placeholder) as any)).compile();
    if (query.parameters.length !== rows.length * columns.length) {
      throw new Error(`bulk insert ${key}: the builder bound ${query.parameters.length} values, expected ${rows.length * columns.length}`);
    }
    compiled.set(cacheKey, query);
  }
  const values: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) for (const c of columns) values[i++] = row[c as keyof typeof row];
  await db.executeQuery(CompiledQuery.raw(query.sql, values));
}
