import pg from 'pg';
import { PostgresDialect, sql, type CompiledQuery, type DatabaseIntrospector, type Kysely, type TableMetadata } from 'kysely';
import { storeError } from './errors.ts';
import type { ArrayReader } from './types.ts';

const CONNECT_TIMEOUT_MS = 10_000;

export interface PostgresTarget {
  connectionString: string;
  schema?: string;
  display: string;
  password?: string;
}

/** IF NOT EXISTS does not stop two sessions from racing to create the schema: the loser fails. */
async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } catch (err) {
    const exists = await client.query('select 1 from pg_namespace where nspname = $1', [schema]);
    if (exists.rowCount === 0) throw err;
  }
}

/**
 * Kysely's PostgreSQL introspector reads every schema's tables in one catalogue query, which fails
 * when another session drops a schema meanwhile. Migrations only need to know which tables exist in
 * the store's own schema, so this one looks there alone.
 */
class OwnSchemaDialect extends PostgresDialect implements ArrayReader {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    super({ pool });
    this.pool = pool;
  }

  /** Rows as arrays: no object per row for the queries that read hundreds of thousands. */
  async readArrays(query: CompiledQuery): Promise<unknown[][]> {
    const result = await this.pool.query<unknown[]>({ text: query.sql, values: [...query.parameters], rowMode: 'array' });
    return result.rows;
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return {
      async getSchemas() {
        const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db);
        return rows;
      },
      async getTables(): Promise<TableMetadata[]> {
        const { rows } = await sql<{ name: string; schema: string; type: string }>`
          select table_name as name, table_schema as schema, table_type as type
            from information_schema.tables where table_schema = current_schema()`.execute(db);
        return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.type === 'VIEW', isForeign: r.type === 'FOREIGN', columns: [] }));
      },
    };
  }
}

/**
 * Connects once to prove the server is reachable and to create the schema, so that every failure to
 * open is reported here, on open, rather than at the first query.
 */
export async function openPostgres(target: PostgresTarget): Promise<{ dialect: PostgresDialect & ArrayReader; schema: string }> {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'rampart',
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle connection dropped by the server is discarded by the pool; without a listener the
  // 'error' event would crash the process. The next query opens a new connection or reports why not.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (target.schema) await createSchema(client, target.schema);
      const { rows } = await client.query<{ schema: string | null }>('select current_schema() as schema');
      const schema = rows[0]?.schema;
      if (!schema) throw new Error('no schema in search_path exists; add ?schema=name to the URL');
      return { dialect: new OwnSchemaDialect(pool), schema };
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw storeError(`cannot open database ${target.display}`, err, target.password);
  }
}
