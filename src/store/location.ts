import { StoreError, maskLocation, passwordOf } from './errors.ts';

export const DEFAULT_LOCATION = 'rampart.db';

export type Location =
  | { kind: 'sqlite'; path: string; display: string }
  | {
      kind: 'postgres';
      /** Connection string without the `schema` parameter, which is Rampart's, not libpq's. */
      connectionString: string;
      schema?: string;
      display: string;
      password?: string;
    };

/** Lower-case so that the quoted and unquoted spellings of the schema name are the same schema. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * `undefined` ⇒ `rampart.db`; a file path, `sqlite:path`, `sqlite:///abs/path`, `sqlite::memory:`;
 * `postgres://…` or `postgresql://…`, optionally with `?schema=name` to keep Rampart's tables in
 * that schema.
 */
export function parseLocation(location: string | undefined): Location {
  const raw = location ?? DEFAULT_LOCATION;
  const display = maskLocation(raw);
  if (raw.trim() === '') throw new StoreError('cannot open database: the location is empty');
  const scheme = URL_SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return postgresLocation(raw, display);
  if (scheme === 'sqlite') return { kind: 'sqlite', path: raw.slice('sqlite://'.length), display };
  if (scheme !== undefined) {
    throw new StoreError(
      `cannot open database ${display}: unsupported scheme ${scheme}: (use a file path, sqlite:path or postgres://)`,
    );
  }
  if (/^sqlite:/i.test(raw)) return { kind: 'sqlite', path: raw.slice('sqlite:'.length), display };
  return { kind: 'sqlite', path: raw, display };
}

function postgresLocation(raw: string, display: string): Location {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StoreError(`cannot open database ${display}: not a valid URL`);
  }
  const schema = url.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      `cannot open database ${display}: schema \`${schema}\` must be lower-case letters, digits and _ (at most 63)`,
    );
  }
  url.searchParams.delete('schema');
  return { kind: 'postgres', connectionString: url.toString(), schema, display, password: passwordOf(raw) };
}
