import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import { SEVERITIES, severityRank, type Severity, type Status } from '../findings/model.ts';
import { frameworkById } from '../frameworks/index.ts';
import { SEARCH_TEXT, SEARCHED_COLUMNS } from './migrations.ts';
import type { Database } from './schema.ts';
import type { StoreDialect } from './types.ts';

/**
 * What the findings explorer filters on. Lists match any of their values; filters combine with AND.
 * `accountScope` is the caller's access (an account owner's accounts), applied to every query.
 */
export interface ExplorerFilter {
  accountScope?: readonly string[];
  source?: string[];
  severity?: Severity[];
  status?: Status[];
  /** `open` (default): not resolved; `resolved`; `all`. */
  state?: 'open' | 'resolved' | 'all';
  account?: string[];
  /** OU paths; an OU matches itself and every OU below it. */
  ou?: string[];
  region?: string[];
  /** `cis-aws-3.0.0/1.4`, `securityhub/IAM.6`, or a bare check id / product finding id. */
  control?: string[];
  resourceType?: string[];
  type?: string[];
  /** Inclusive days, `YYYY-MM-DD`. */
  firstSeenFrom?: string;
  firstSeenTo?: string;
  /** Case-insensitive substring of title, resource, reason, check or account name. */
  q?: string;
}

export const SORTS = ['severity', 'lastSeen', 'firstSeen', 'account'] as const;
export type ExplorerSort = (typeof SORTS)[number];

export const GROUP_BY = ['account', 'region', 'control', 'type', 'resource'] as const;
export type ExplorerGroupBy = (typeof GROUP_BY)[number];

const GROUP_COLUMN = {
  account: 'account_id',
  region: 'region',
  control: 'check_id',
  type: 'finding_type',
  resource: 'resource_id',
} as const satisfies Record<ExplorerGroupBy, keyof Database['findings']>;

const SORT_COLUMN = {
  severity: 'severity_rank',
  lastSeen: 'last_seen',
  firstSeen: 'first_seen',
  account: 'account_id',
} as const satisfies Record<ExplorerSort, keyof Database['findings']>;

/** LIKE treats % and _ as wildcards; a search for `a_b` means those characters. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An FTS5 string: inside double quotes (doubled within), operators, column filters and `*` are plain characters. */
const ftsString = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * Where a search's trigrams are counted: this many stretches of rowids spread over the findings (the
 * most recent ones alone would judge `999` common when recent resources are named `…-999xxx`) …
 */
const SAMPLES = 16;
/** … of this many rowids each. */
const SAMPLE_ROWS = 125;
/** Trigrams counted at most: enough to find rare ones in a long text, within SQLite's 500 terms of a compound SELECT. */
const COUNTED_TRIGRAMS = 24;
/** Trigrams asked of the index: the rarest narrow the candidates most, each further one costs a step per candidate. */
const SEARCH_TERMS = 3;

/**
 * SQLite's full-text query for `q`: its rarest trigrams, AND-ed. The index costs a step per finding
 * holding a trigram asked for, and some are in nearly every finding (`buc` of `bucket`), so the
 * trigrams are first counted in a sample of the findings. Code points, not UTF-16 units or lower
 * case: the tokenizer makes trigrams of code points and folds case itself. Undefined where the index
 * has nothing to offer: on PostgreSQL (its trigram index serves an ILIKE itself) and for text shorter
 * than a trigram.
 */
async function searchTerms(db: Kysely<Database>, dialect: StoreDialect, q: string | undefined): Promise<string | undefined> {
  if (dialect !== 'sqlite' || q === undefined) return undefined;
  const chars = [...q];
  const all = [...new Set(chars.slice(2).map((_, i) => chars.slice(i, i + 3).join('')))];
  if (all.length === 0) return undefined;
  const trigrams = all.length <= COUNTED_TRIGRAMS ? all : Array.from({ length: COUNTED_TRIGRAMS }, (_, k) => all[Math.floor((k * all.length) / COUNTED_TRIGRAMS)]!);
  const probes = trigrams.flatMap((t, i) =>
    Array.from({ length: SAMPLES }, (_, k) => {
      const from = sql`(select max(rowid) from findings) * ${sql.lit(2 * k + 1)} / ${sql.lit(2 * SAMPLES)}`;
      return sql`select ${sql.lit(i)} as i, count(*) as n from findings_search where findings_search match ${ftsString(t)} and rowid between ${from} and ${from} + ${sql.lit(SAMPLE_ROWS)}`;
    }),
  );
  const found = trigrams.map(() => [] as number[]);
  for (const r of (await sql<{ i: number; n: number }>`${sql.join(probes, sql` union all `)}`.execute(db)).rows) found[r.i]!.push(r.n);
  // By the median stretch first: a trigram that fills one stretch (`-12` where resources `…-12xxxx`
  // were written) but is rare elsewhere is rare.
  const rarity = found.map((counts) => {
    const sorted = counts.sort((a, b) => a - b);
    return { median: sorted[sorted.length >> 1]!, sum: sorted.reduce((a, b) => a + b, 0) };
  });
  return trigrams
    .map((t, i) => ({ t, ...rarity[i]! }))
    .sort((a, b) => a.median - b.median || a.sum - b.sum)
    .slice(0, SEARCH_TERMS)
    .map((x) => ftsString(x.t))
    .join(' AND ');
}

/** SQLite's LIKE has no escape character unless told; PostgreSQL's ILIKE ignores case (SQLite's LIKE already does for ASCII). */
function like(column: string, pattern: string, caseless = false, dialect: StoreDialect = 'sqlite') {
  const op = caseless && dialect === 'postgres' ? sql`ilike` : sql`like`;
  return sql<boolean>`${sql.ref(column)} ${op} ${pattern} escape '\\'`;
}

/**
 * `framework/requirement` and `securityhub/control` name controls; anything else is a producer's
 * check or type id, which may itself hold a slash (GuardDuty's `Recon:EC2/PortProbeUnprotectedPort`).
 */
function controlMatch(eb: ExpressionBuilder<Database, 'findings'>, control: string) {
  const slash = control.indexOf('/');
  const owner = slash < 0 ? '' : control.slice(0, slash);
  const id = control.slice(slash + 1);
  if (owner === 'securityhub') return eb.and([eb('source', '=', 'securityhub'), eb('check_id', '=', id)]);
  // requirements is a JSON array of ids: the quoted id cannot match a longer one (1.4 vs 1.40).
  if (frameworkById(owner)) return eb.and([eb('framework', '=', owner), like('requirements', `%${likeLiteral(JSON.stringify(id))}%`)]);
  return eb('check_id', '=', control);
}

/** `terms`: searchTerms of `f.q`. */
function applyFilter<O>(dialect: StoreDialect, query: SelectQueryBuilder<Database, 'findings', O>, f: ExplorerFilter, terms: string | undefined): SelectQueryBuilder<Database, 'findings', O> {
  let q = query;
  if (f.accountScope) q = q.where('account_id', 'in', f.accountScope.length ? [...f.accountScope] : ['']);
  const state = f.state ?? 'open';
  if (state !== 'all') q = q.where('resolved_at', state === 'open' ? 'is' : 'is not', null);
  if (f.source?.length) q = q.where('source', 'in', f.source);
  if (f.severity?.length) q = q.where('severity_rank', 'in', f.severity.map(severityRank));
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.account?.length) q = q.where('account_id', 'in', f.account);
  if (f.region?.length) q = q.where('region', 'in', f.region);
  if (f.resourceType?.length) q = q.where('resource_type', 'in', f.resourceType);
  if (f.type?.length) q = q.where('finding_type', 'in', f.type);
  if (f.firstSeenFrom) q = q.where('first_seen', '>=', `${f.firstSeenFrom}T00:00:00.000Z`);
  if (f.firstSeenTo) q = q.where('first_seen', '<=', `${f.firstSeenTo}T23:59:59.999Z`);
  const controls = f.control;
  if (controls?.length) q = q.where((eb) => eb.or(controls.map((c) => controlMatch(eb, c))));
  const ous = f.ou;
  if (ous?.length) {
    q = q.where('account_id', 'in', (db) =>
      db
        .selectFrom('accounts')
        .select('id')
        // An OU and the OUs below it, compared exactly (LIKE ignores case on SQLite only).
        .where((eb) => eb.or(ous.flatMap((ou) => [eb('ou_path', '=', ou), eb(eb.fn('substr', ['ou_path', sql.lit(1), sql.lit(ou.length + 1)]), '=', `${ou}/`)]))),
    );
  }
  if (f.q) {
    const pattern = `%${likeLiteral(f.q)}%`;
    q = q.where((eb) => eb.or(SEARCHED_COLUMNS.map((c) => like(c, pattern, true, dialect))));
    // The trigram indexes narrow the rows to those that may hold the text (SQLite: some of its
    // trigrams; PostgreSQL: the columns joined), and the LIKE above keeps its exact meaning.
    if (terms !== undefined) q = q.where(sql<boolean>`${sql.ref('findings.rowid')} in (select rowid from findings_search where findings_search match ${terms})`);
    // pg_trgm has no trigram of a shorter text, and would read its whole index.
    if (dialect === 'postgres' && [...f.q].length >= 3) q = q.where(sql<boolean>`${SEARCH_TEXT} ilike ${pattern} escape '\\'`);
  }
  return q;
}

export interface ExplorerRow {
  id: string;
  source: string;
  checkId: string;
  framework: string;
  requirements: string[];
  accountId: string;
  accountName: string | null;
  region: string;
  resourceId: string;
  resourceType: string;
  type: string | null;
  status: Status;
  severity: Severity;
  title: string;
  reason: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
}

const ROW_COLUMNS = [
  'id', 'source', 'check_id', 'framework', 'requirements', 'account_id', 'account_name', 'region', 'resource_id', 'resource_type',
  'finding_type', 'status', 'severity', 'title', 'reason', 'first_seen', 'last_seen', 'resolved_at',
] as const;

export interface ExplorerPage {
  total: number;
  items: ExplorerRow[];
}

export async function explorerPage(
  db: Kysely<Database>,
  dialect: StoreDialect,
  f: ExplorerFilter,
  page: { sort: ExplorerSort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<ExplorerPage> {
  const terms = await searchTerms(db, dialect, f.q);
  const count = () => applyFilter(dialect, db.selectFrom('findings').select((eb) => eb.fn.countAll<number | string>().as('n')), f, terms).executeTakeFirstOrThrow();
  let query = applyFilter(dialect, db.selectFrom('findings').select(ROW_COLUMNS), f, terms).orderBy(SORT_COLUMN[page.sort], page.order);
  // A total order, so that pages never repeat or skip a finding; every key in one direction, so that
  // an index on (…, severity_rank, id) serves it read forwards or backwards.
  if (page.sort !== 'severity') query = query.orderBy('severity_rank', 'desc').orderBy('id', 'desc');
  else query = query.orderBy('id', page.order);
  query = query.limit(page.limit).offset(page.offset);
  if (f.q) {
    // A search reads every finding it matches for the page anyway (no index holds them in order):
    // counting them in the same pass halves the reads of the trigram index and the table.
    const rows = await query.select(sql<number | string>`count(*) over ()`.as('total')).execute();
    const total = rows[0] ? Number(rows[0].total) : Number((await count()).n);
    return { total, items: rows.map(explorerRow) };
  }
  const counted = await count();
  const rows = await query.execute();
  return { total: Number(counted.n), items: rows.map(explorerRow) };
}

/** Every finding of the view, in pages, for CSV export without holding them all. */
export async function* explorerRows(db: Kysely<Database>, dialect: StoreDialect, f: ExplorerFilter, pageSize = 2_000): AsyncGenerator<ExplorerRow[]> {
  const terms = await searchTerms(db, dialect, f.q);
  let after: { rank: number; id: string } | undefined;
  for (;;) {
    let query = applyFilter(dialect, db.selectFrom('findings').select([...ROW_COLUMNS, 'severity_rank']), f, terms);
    if (after) {
      const { rank, id } = after;
      query = query.where((eb) => eb.or([eb('severity_rank', '<', rank), eb.and([eb('severity_rank', '=', rank), eb('id', '<', id)])]));
    }
    const rows = await query.orderBy('severity_rank', 'desc').orderBy('id', 'desc').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map(explorerRow);
    const last = rows[rows.length - 1]!;
    after = { rank: last.severity_rank, id: last.id };
    if (rows.length < pageSize) return;
  }
}

function explorerRow(r: {
  id: string; source: string; check_id: string; framework: string; requirements: string; account_id: string; account_name: string | null;
  region: string; resource_id: string; resource_type: string; finding_type: string | null; status: string; severity: string; title: string;
  reason: string; first_seen: string; last_seen: string; resolved_at: string | null;
}): ExplorerRow {
  return {
    id: r.id,
    source: r.source,
    checkId: r.check_id,
    framework: r.framework,
    requirements: JSON.parse(r.requirements) as string[],
    accountId: r.account_id,
    accountName: r.account_name,
    region: r.region,
    resourceId: r.resource_id,
    resourceType: r.resource_type,
    type: r.finding_type,
    status: r.status as Status,
    severity: r.severity as Severity,
    title: r.title,
    reason: r.reason,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    resolvedAt: r.resolved_at,
  };
}

export interface ExplorerGroup {
  key: string;
  count: number;
}

/** Counts per group, largest first (like a Security Hub insight). */
export async function explorerGroups(db: Kysely<Database>, dialect: StoreDialect, f: ExplorerFilter, groupBy: ExplorerGroupBy, limit: number): Promise<{ total: number; groups: ExplorerGroup[] }> {
  const column = GROUP_COLUMN[groupBy];
  const terms = await searchTerms(db, dialect, f.q);
  // The number of groups (findings without a value make one) comes from the same pass over the
  // findings as the counts, counted over the groups before the limit.
  const rows = await applyFilter(
    dialect,
    db
      .selectFrom('findings')
      .select([column])
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), sql<number | string>`count(*) over ()`.as('groups')]),
    f,
    terms,
  )
    .groupBy(column)
    .orderBy(sql`count(*)`, 'desc')
    // Nulls last on both dialects (SQLite puts them first by default).
    .orderBy(column, (ob) => ob.asc().nullsLast())
    .limit(limit)
    .execute();
  return {
    total: Number(rows[0]?.groups ?? 0),
    groups: rows.map((r) => ({ key: ((r as Record<string, unknown>)[column] as string | null) ?? '', count: Number(r.n) })),
  };
}

/** Open findings that fail, by severity and by source: what the overview counts. */
export async function openFailingCounts(db: Kysely<Database>, accountScope?: readonly string[]): Promise<{ bySeverity: Record<string, number>; bySource: Record<string, number> }> {
  // By rank, not name: the rank is in the open-findings indexes, so the count never reads the table.
  let query = db
    .selectFrom('findings')
    .select(['severity_rank', 'source'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('resolved_at', 'is', null)
    .where('status', '=', 'FAIL');
  if (accountScope) query = query.where('account_id', 'in', accountScope.length ? [...accountScope] : ['']);
  const rows = await query.groupBy(['severity_rank', 'source']).execute();
  const bySeverity: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  for (const r of rows) {
    const severity = SEVERITIES[r.severity_rank] ?? String(r.severity_rank);
    bySeverity[severity] = (bySeverity[severity] ?? 0) + Number(r.n);
    bySource[r.source] = (bySource[r.source] ?? 0) + Number(r.n);
  }
  return { bySeverity, bySource };
}

/** Open failing findings per account. */
export async function openFailingByAccount(db: Kysely<Database>, accountScope?: readonly string[]): Promise<Map<string, number>> {
  let query = db
    .selectFrom('findings')
    .select('account_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('resolved_at', 'is', null)
    .where('status', '=', 'FAIL');
  if (accountScope) query = query.where('account_id', 'in', accountScope.length ? [...accountScope] : ['']);
  const rows = await query.groupBy('account_id').execute();
  return new Map(rows.map((r) => [r.account_id, Number(r.n)]));
}
