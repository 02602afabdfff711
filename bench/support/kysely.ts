import { Kysely } from 'kysely';
import { parseLocation } from '../../src/store/location.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import type { Database } from '../../src/store/schema.ts';
import { openSqlite } from '../../src/store/sqlite.ts';
import type { StoreDialect } from '../../src/store/types.ts';

/** A query builder on a store's database (already migrated by openStore), for generating bench data in bulk. */
export async function openKysely(location: string): Promise<{ db: Kysely<Database>; dialect: StoreDialect; close: () => Promise<void> }> {
  const target = parseLocation(location);
  const dialect = target.kind === 'postgres' ? (await openPostgres(target)).dialect : openSqlite(target.path, target.display);
  const db = new Kysely<Database>({ dialect });
  return { db, dialect: target.kind === 'postgres' ? 'postgres' : 'sqlite', close: () => db.destroy() };
}
