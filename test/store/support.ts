import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { findingId, type Finding, type Status } from '../../src/findings/model.ts';
import type { ScanRecord } from '../../src/findings/scan.ts';
import { migrationProvider } from '../../src/store/migrations.ts';

export const PG_URL = process.env.RAMPART_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Hands out fresh, isolated database locations of one dialect and removes them all at the end. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  fresh(): string;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-store-'));
  let n = 0;
  return {
    name: 'sqlite',
    fresh: () => join(dir, `store-${++n}.db`),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresBackend(): Backend {
  const run = `rampart_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const schemas: string[] = [];
  return {
    name: 'postgres',
    fresh: () => {
      const schema = `${run}_${schemas.length + 1}`;
      schemas.push(schema);
      const url = new URL(PG_URL);
      url.searchParams.set('schema', schema);
      return url.toString();
    },
    cleanup: async () => {
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs `read` on a read-only connection of its own to a SQLite store file. */
export function readSqlite<T>(location: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(location, { readOnly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Runs `read` with a client of its own to the server of a PostgreSQL store, and the store's schema. */
export async function readPostgres<T>(location: string, read: (client: pg.Client, schema: string) => Promise<T>): Promise<T> {
  const url = new URL(location);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await read(client, schema);
  } finally {
    await client.end();
  }
}

export function backends(): Backend[] {
  return [sqliteBackend(), postgresBackend()];
}

type FindingSpec = Partial<Finding> & { checkId: string };

export function finding(spec: FindingSpec): Finding {
  const base = {
    source: 'rampart',
    accountId: '111111111111',
    region: 'us-east-1',
    resourceId: 'arn:aws:iam::111111111111:root',
    ...spec,
  };
  return {
    id: findingId(base.source, base.checkId, base.accountId, base.region, base.resourceId),
    resourceType: 'AwsAccount',
    status: 'FAIL',
    severity: 'medium',
    title: `title of ${spec.checkId}`,
    reason: `reason of ${spec.checkId}`,
    framework: 'cis-aws-3.0.0',
    requirements: ['1.1'],
    observedAt: '2025-01-01T00:00:00.000Z',
    ...base,
  };
}

export function scan(id: string, at: string, overrides: Partial<ScanRecord> = {}): ScanRecord {
  const counts: Record<Status, number> = { PASS: 0, FAIL: 0, MANUAL: 0, NOT_APPLICABLE: 0, ERROR: 0 };
  return {
    id,
    source: 'scan',
    actor: 'arn:aws:sts::111111111111:assumed-role/Auditor/test',
    startedAt: at,
    finishedAt: at,
    framework: 'cis-aws-3.0.0',
    accounts: ['111111111111'],
    regions: ['us-east-1'],
    counts,
    errors: [],
    skipped: [],
    status: 'complete',
    ...overrides,
  };
}

/** The same findings observed at another time, e.g. by a later scan. */
export function observedAt<T extends Finding>(findings: T[], at: string): T[] {
  return findings.map((f) => ({ ...f, observedAt: at }));
}

/** Every migration the code ships, in order: a store must record each exactly once. */
export async function migrationNames(): Promise<string[]> {
  return Object.keys(await migrationProvider('sqlite').getMigrations()).sort();
}
