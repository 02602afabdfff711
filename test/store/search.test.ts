import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { openKysely } from '../../bench/support/kysely.ts';
import type { Finding } from '../../src/findings/model.ts';
import { openStore, type ExplorerFilter, type Store } from '../../src/store/index.ts';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrationProvider } from '../../src/store/migrations.ts';
import { findingRow, scanRow } from '../../src/store/rows.ts';
import { backends, finding, PG_URL, scan, type Backend } from './support.ts';

const T1 = '2026-11-01T06:00:00.000Z';
const T2 = '2026-11-02T06:00:00.000Z';
const T3 = '2026-11-03T06:00:00.000Z';

/** Text an attacker could put in a finding or a search: FTS5 and LIKE syntax, quotes, backslashes. */
const SPECIAL = 'say "NEAR(alpha beta)" OR gamma* ^delta title:eps \'quoted\' 100%_done \\path\\ {a b} -minus +plus (paren)';

function corpus(): Finding[] {
  const words = ['payments', 'search', 'identity', 'checkout', 'catalog'];
  const out: Finding[] = [];
  for (let n = 0; n < 60; n++) {
    const word = words[n % words.length]!;
    out.push(
      finding({
        checkId: ['s3_bucket_encrypted', 'iam_root_mfa_enabled', 'ec2_ebs_default_encryption'][n % 3]!,
        accountId: String(111111111111 + (n % 4)),
        accountName: n % 5 === 0 ? undefined : `${word}-Prod-${n % 4}`,
        region: ['us-east-1', 'eu-west-1', 'global'][n % 3]!,
        resourceId: `arn:aws:s3:::${word}-bucket-${n}`,
        status: n % 7 === 0 ? 'PASS' : 'FAIL',
        severity: (['low', 'medium', 'high', 'critical'] as const)[n % 4],
        title: n === 13 ? SPECIAL : `Bucket ${word.toUpperCase()} should be Encrypted (${n})`,
        reason: `bucket ${word}-bucket-${n} is not encrypted at rest`,
      }),
    );
  }
  return out;
}

/** The search the API documents: a case-insensitive substring of title, resource, reason, check or account name. */
function expected(findings: readonly Finding[], q: string, status: Finding['status'] = 'FAIL'): string[] {
  const needle = q.toLowerCase();
  return findings
    .filter((f) => f.status === status && [f.title, f.resourceId, f.reason, f.checkId, f.accountName ?? ''].some((v) => v.toLowerCase().includes(needle)))
    .map((f) => f.id)
    .sort();
}

async function search(store: Store, q: string, filter: ExplorerFilter = { status: ['FAIL'] }): Promise<string[]> {
  const page = await store.dashboard.findingsPage({ ...filter, q }, { sort: 'severity', order: 'desc', limit: 500, offset: 0 });
  const ids = page.items.map((i) => i.id).sort();
  assert.equal(page.total, ids.length, `total of ${JSON.stringify(q)}`);
  return ids;
}

/** The substrings a user might type: every length from 1 to 12 at a few places of every searched field. */
function queries(findings: readonly Finding[]): string[] {
  const out = new Set<string>(['zzz-not-there', '%', '_', '""', '"', '*', 'NEAR', 'NEAR(alpha', 'gamma*', 'title:eps', "'quoted'", '100%_done', '\\path\\', '(paren)', '{a b}', 'ENCRYPTED', 'eNcRyPt']);
  for (const f of findings.slice(0, 15)) {
    for (const text of [f.title, f.resourceId, f.reason, f.checkId, f.accountName ?? '']) {
      for (let length = 1; length <= 12; length += 3) {
        for (const at of [0, Math.floor(text.length / 2), Math.max(0, text.length - length)]) if (text.length >= length) out.add(text.slice(at, at + length));
      }
    }
  }
  return [...out];
}

/** A store as it was before the search index: migrated to the migration before it, findings written by hand. */
async function storeBeforeSearch(location: string, findings: readonly Finding[]): Promise<void> {
  const raw = await openKysely(location);
  try {
    const names = Object.keys(await migrationProvider(raw.dialect).getMigrations()).sort();
    const schema = raw.dialect === 'postgres' ? new URL(location).searchParams.get('schema') : null;
    const migrator = new Migrator({
      db: raw.db,
      provider: migrationProvider(raw.dialect),
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateTo(names[names.indexOf('0008_explorer_search') - 1]!);
    if (error) throw error;
    await raw.db.insertInto('scans').values(scanRow(scan('s0', T1))).execute();
    await raw.db.insertInto('findings').values(findings.map((f) => findingRow(f, 's0'))).execute();
  } finally {
    await raw.close();
  }
}

async function trigramIndexes(location: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const available = await client.query(`select 1 from pg_available_extensions where name = 'pg_trgm'`);
    if (available.rowCount === 0) return ['findings_search_trgm_idx'];
    const { rows } = await client.query<{ name: string }>(`select indexname as name from pg_indexes where schemaname = $1 and indexdef like '%gin_trgm_ops%' order by indexname`, [new URL(location).searchParams.get('schema')]);
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

const perBackend: [Backend, Map<string, string[]>][] = [];

for (const backend of backends()) {
  const answers = new Map<string, string[]>();
  perBackend.push([backend, answers]);
  describe(`findings explorer search (${backend.name})`, () => {
    after(() => backend.cleanup());

    it('finds a case-insensitive substring of title, resource, reason, check or account name, whatever its length', async () => {
      const findings = corpus();
      const store = await openStore(backend.fresh());
      try {
        await store.recordScan(scan('s1', T1), findings, []);
        for (const q of queries(findings)) {
          const got = await search(store, q);
          assert.deepEqual(got, expected(findings, q), `q=${JSON.stringify(q)}`);
          answers.set(q, got);
        }
        assert.deepEqual(await search(store, 'payments-bucket-1'), expected(findings, 'payments-bucket-1'));
        assert.equal((await search(store, 'payments-bucket-1')).length, 2, 'payments-bucket-10 and -15');
        assert.deepEqual(await search(store, 'encrypted', { status: ['PASS'] }), expected(findings, 'encrypted', 'PASS'));
        const paged = await store.dashboard.findingsPage({ status: ['FAIL'], q: 'bucket' }, { sort: 'lastSeen', order: 'desc', limit: 5, offset: 5 });
        assert.deepEqual([paged.total, paged.items.length], [expected(findings, 'bucket').length, 5]);
        const beyond = await store.dashboard.findingsPage({ status: ['FAIL'], q: 'bucket' }, { sort: 'severity', order: 'desc', limit: 5, offset: 500 });
        assert.deepEqual([beyond.total, beyond.items], [expected(findings, 'bucket').length, []], 'a page after the last still counts the findings');
        const groups = await store.dashboard.findingGroups({ status: ['FAIL'], q: 'checkout-bucket' }, 'account', 10);
        assert.equal(groups.groups.reduce((a, g) => a + g.count, 0), expected(findings, 'checkout-bucket').length);
        assert.equal(groups.total, groups.groups.length);
        const exported = [];
        for await (const rows of store.dashboard.findingsRows({ status: ['FAIL'], q: 'catalog-bucket' })) exported.push(...rows.map((r) => r.id));
        assert.deepEqual(exported.sort(), expected(findings, 'catalog-bucket'));
      } finally {
        await store.close();
      }
    });

    it('takes the text literally: quotes, FTS5 operators and LIKE wildcards neither fail nor widen the search', async () => {
      const findings = corpus();
      const special = findings[13]!;
      const store = await openStore(backend.fresh());
      try {
        await store.recordScan(scan('s1', T1), findings, []);
        for (const q of [SPECIAL, ...SPECIAL.split(' '), '"NEAR(alpha', 'beta)"', 'OR gamma', '* ^', "eps 'q", '%_d', '\\p']) {
          assert.deepEqual(await search(store, q), [special.id], `q=${JSON.stringify(q)}`);
        }
        for (const q of ['NEAR(alpha gamma)', 'alpha beta', 'gamma*x', 'eps:title', '100%%', '100_%done', '"', '""x', 'OR', 'AND', 'NOT', 'a*', '-', '(', ')', '^', ':']) {
          assert.deepEqual(await search(store, q), expected(findings, q), `q=${JSON.stringify(q)}`);
        }
      } finally {
        await store.close();
      }
    });

    it('follows a finding whose text changes or that is resolved', async () => {
      const store = await openStore(backend.fresh());
      try {
        const before = finding({ checkId: 'iam_user_unused_credentials', resourceId: 'arn:aws:iam::111111111111:user/alice', title: 'Unused credentials of alice', reason: 'last used 120 days ago' });
        const other = finding({ checkId: 'iam_user_unused_credentials', resourceId: 'arn:aws:iam::111111111111:user/bob', title: 'Unused credentials of bob', reason: 'last used 100 days ago' });
        await store.recordScan(scan('s1', T1), [before, other], []);
        assert.deepEqual(await search(store, '120 days'), [before.id]);
        await store.recordScan(scan('s2', T2), [{ ...before, reason: 'last used 150 days ago', observedAt: T2 }, { ...other, observedAt: T2, accountName: 'identity-prod' }], []);
        assert.deepEqual(await search(store, '120 days'), []);
        assert.deepEqual(await search(store, '150 days'), [before.id]);
        assert.deepEqual(await search(store, 'identity-PROD'), [other.id], 'an account name learned later');
        await store.recordScan(scan('s3', T3), [{ ...before, reason: 'last used 150 days ago', recordState: 'ARCHIVED', observedAt: T3 }, { ...other, observedAt: T3 }], []);
        assert.deepEqual(await search(store, 'credentials of'), [other.id]);
        assert.deepEqual(await search(store, 'credentials of', { state: 'resolved' }), [before.id]);
      } finally {
        await store.close();
      }
    });

    it('finds the findings a store held before the search index existed', async () => {
      const location = backend.fresh();
      const findings = corpus();
      await storeBeforeSearch(location, findings);
      const store = await openStore(location);
      try {
        for (const q of ['identity-bucket-2', 'checkout', 'ENCRYPTED (4', 'mfa', 'd-', SPECIAL]) assert.deepEqual(await search(store, q), expected(findings, q), `q=${JSON.stringify(q)}`);
        if (backend.name === 'postgres') {
          assert.deepEqual(await trigramIndexes(location), ['findings_search_trgm_idx']);
        }
      } finally {
        await store.close();
      }
    });
  });
}

describe('findings explorer search on SQLite and PostgreSQL', () => {
  it('gives both the same answers', () => {
    const [[, sqlite], [, postgres]] = perBackend as [[Backend, Map<string, string[]>], [Backend, Map<string, string[]>]];
    assert.ok(sqlite.size > 100);
    assert.deepEqual([...postgres.entries()], [...sqlite.entries()]);
  });
});
