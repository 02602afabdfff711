import type { Kysely } from 'kysely';
import type { ComplianceStatus, DailyDetail } from '../compliance/types.ts';
import type { ScanRecord } from '../findings/scan.ts';
import type { EscalationRecord } from './compliance.ts';
import {
  explorerGroups,
  explorerPage,
  explorerRows,
  openFailingByAccount,
  openFailingCounts,
  type ExplorerFilter,
  type ExplorerGroup,
  type ExplorerGroupBy,
  type ExplorerPage,
  type ExplorerRow,
  type ExplorerSort,
} from './explorer.ts';
import type { Guard } from './outbox.ts';
import { scanFromRow } from './rows.ts';
import type { Database } from './schema.ts';
import type { ArrayReader, StoreDialect } from './types.ts';

/** Compliant and non-compliant account-controls of one day: a point of a compliance-rate chart. */
export interface TrendPoint {
  day: string;
  compliant: number;
  nonCompliant: number;
}

export interface TrendQuery {
  from: string;
  to: string;
  framework?: string;
  accountId?: readonly string[];
}

/** The rollup's sums per day or per account, over the days, framework and accounts asked for. */
async function rollupSums(db: Kysely<Database>, by: 'day' | 'account_id', q: { from: string; to: string; framework?: string | undefined; accountId?: readonly string[] | undefined }) {
  let query = db
    .selectFrom('compliance_rollup')
    .select((eb) => [eb.ref(by).as('key'), eb.fn.sum<number | string>('compliant').as('compliant'), eb.fn.sum<number | string>('non_compliant').as('non_compliant')])
    .where('day', '>=', q.from)
    .where('day', '<=', q.to);
  if (q.framework) query = query.where('framework', '=', q.framework);
  if (q.accountId) query = query.where('account_id', 'in', q.accountId.length ? [...q.accountId] : ['']);
  const rows = await query.groupBy(by).orderBy(by).execute();
  return rows.map((r) => ({ key: r.key, compliant: Number(r.compliant), nonCompliant: Number(r.non_compliant) }));
}

async function trend(db: Kysely<Database>, q: TrendQuery): Promise<TrendPoint[]> {
  return (await rollupSums(db, 'day', q)).map(({ key, ...sums }) => ({ day: key, ...sums }));
}

/** Compliant and non-compliant controls of each account on one day (summed over frameworks unless one is named). */
async function accountRates(db: Kysely<Database>, q: { day: string; framework?: string; accountId?: readonly string[] }): Promise<{ accountId: string; compliant: number; nonCompliant: number }[]> {
  return (await rollupSums(db, 'account_id', { ...q, from: q.day, to: q.day })).map(({ key, ...sums }) => ({ accountId: key, ...sums }));
}

/** Compliant and non-compliant controls per framework section on one day. */
async function sectionRates(db: Kysely<Database>, q: { day: string; framework: string; accountId?: readonly string[] }): Promise<{ section: string; compliant: number; nonCompliant: number }[]> {
  let query = db
    .selectFrom('compliance_daily')
    .select(['section', 'status'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('day', '=', q.day)
    .where('framework', '=', q.framework)
    .where('status', 'in', ['compliant', 'non_compliant']);
  if (q.accountId) query = query.where('account_id', 'in', q.accountId.length ? [...q.accountId] : ['']);
  const sections = new Map<string, { section: string; compliant: number; nonCompliant: number }>();
  for (const r of await query.groupBy(['section', 'status']).execute()) {
    const s = sections.get(r.section) ?? { section: r.section, compliant: 0, nonCompliant: 0 };
    if (r.status === 'compliant') s.compliant = Number(r.n);
    else s.nonCompliant = Number(r.n);
    sections.set(r.section, s);
  }
  return [...sections.values()];
}

/** One day's judgements of a framework without their detail: what the heat map shows. */
export interface Cell {
  accountId: string;
  control: string;
  status: ComplianceStatus;
  failing: number;
}

/** A day's cells of every account: 60,000 rows for 1,000 accounts, read as arrays (see ArrayReader). */
async function cells(db: Kysely<Database>, reader: ArrayReader, q: { day: string; framework: string; accountId?: readonly string[] }): Promise<Cell[]> {
  let query = db.selectFrom('compliance_daily').select(['account_id', 'control', 'status', 'failing']).where('day', '=', q.day).where('framework', '=', q.framework);
  if (q.accountId) query = query.where('account_id', 'in', q.accountId.length ? [...q.accountId] : ['']);
  const rows = (await reader.readArrays(query.compile())) as [string, string, ComplianceStatus, number][];
  return rows.map(([accountId, control, status, failing]) => ({ accountId, control, status, failing }));
}

async function latestDay(db: Kysely<Database>, asOf: string): Promise<string | undefined> {
  const row = await db.selectFrom('compliance_daily').select((eb) => eb.fn.max('day').as('day')).where('day', '<=', asOf).executeTakeFirst();
  return row?.day ?? undefined;
}

async function frameworksJudged(db: Kysely<Database>, day: string): Promise<string[]> {
  const rows = await db.selectFrom('compliance_daily').select('framework').where('day', '=', day).groupBy('framework').orderBy('framework').execute();
  return rows.map((r) => r.framework);
}

/** Changes whenever any day's judgement is written: what the dashboard derives from history is kept until then. */
async function judgementVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('compliance_version').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}

async function escalationsOf(db: Kysely<Database>, accountId: string): Promise<EscalationRecord[]> {
  const rows = await db.selectFrom('escalations').selectAll().where('account_id', '=', accountId).orderBy('sent_at', 'desc').orderBy('control').execute();
  return rows.map((r) => ({ accountId: r.account_id, control: r.control, streakStart: r.streak_start, tier: r.tier, days: r.days, sentAt: r.sent_at, recipients: JSON.parse(r.recipients) as string[] }));
}

async function scanById(db: Kysely<Database>, id: string): Promise<ScanRecord | undefined> {
  const row = await db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? scanFromRow(row) : undefined;
}

/** Findings each policy exception covered on a day (by the exception's position in the policy). */
async function exceptedByException(db: Kysely<Database>, day: string, accountScope?: readonly string[]): Promise<Map<number, number>> {
  let query = db.selectFrom('compliance_daily').select(['excepted', 'detail']).where('day', '=', day).where('excepted', '>', 0);
  if (accountScope) query = query.where('account_id', 'in', accountScope.length ? [...accountScope] : ['']);
  const covered = new Map<number, number>();
  for (const r of await query.execute()) {
    const detail = r.detail ? (JSON.parse(r.detail) as DailyDetail) : {};
    // Rows judged before counts were kept per exception credit each of its exceptions with the row's.
    (detail.exceptions ?? []).forEach((index, i) => covered.set(index, (covered.get(index) ?? 0) + (detail.covered?.[i] ?? r.excepted)));
  }
  return covered;
}

/** The read side of the dashboard: server-side paging, grouping and trends, never whole tables. */
export interface DashboardStore {
  findingsPage(f: ExplorerFilter, page: { sort: ExplorerSort; order: 'asc' | 'desc'; limit: number; offset: number }): Promise<ExplorerPage>;
  findingsRows(f: ExplorerFilter): AsyncGenerator<ExplorerRow[]>;
  findingGroups(f: ExplorerFilter, groupBy: ExplorerGroupBy, limit: number): Promise<{ total: number; groups: ExplorerGroup[] }>;
  openFailingCounts(accountScope?: readonly string[]): Promise<{ bySeverity: Record<string, number>; bySource: Record<string, number> }>;
  openFailingByAccount(accountScope?: readonly string[]): Promise<Map<string, number>>;
  trend(q: TrendQuery): Promise<TrendPoint[]>;
  cells(q: { day: string; framework: string; accountId?: readonly string[] }): Promise<Cell[]>;
  accountRates(q: { day: string; framework?: string; accountId?: readonly string[] }): Promise<{ accountId: string; compliant: number; nonCompliant: number }[]>;
  sectionRates(q: { day: string; framework: string; accountId?: readonly string[] }): Promise<{ section: string; compliant: number; nonCompliant: number }[]>;
  /** The last day with any judgement on or before `asOf`. */
  latestDay(asOf: string): Promise<string | undefined>;
  frameworksJudged(day: string): Promise<string[]>;
  judgementVersion(): Promise<number>;
  escalationsOf(accountId: string): Promise<EscalationRecord[]>;
  scan(id: string): Promise<ScanRecord | undefined>;
  exceptedByException(day: string, accountScope?: readonly string[]): Promise<Map<number, number>>;
}

export function createDashboardStore(db: Kysely<Database>, dialect: StoreDialect, reader: ArrayReader, guard: Guard): DashboardStore {
  return {
    findingsPage: (f, page) => guard('cannot query findings', () => explorerPage(db, dialect, f, page)),
    findingsRows: (f) => explorerRows(db, dialect, f),
    findingGroups: (f, groupBy, limit) => guard(`cannot group findings by ${groupBy}`, () => explorerGroups(db, dialect, f, groupBy, limit)),
    openFailingCounts: (scope) => guard('cannot count open findings', () => openFailingCounts(db, scope)),
    openFailingByAccount: (scope) => guard('cannot count open findings', () => openFailingByAccount(db, scope)),
    trend: (q) => guard('cannot read the compliance trend', () => trend(db, q)),
    cells: (q) => guard(`cannot read compliance of ${q.day}`, () => cells(db, reader, q)),
    accountRates: (q) => guard(`cannot read compliance of ${q.day}`, () => accountRates(db, q)),
    sectionRates: (q) => guard(`cannot read compliance of ${q.day}`, () => sectionRates(db, q)),
    latestDay: (asOf) => guard('cannot read judged days', () => latestDay(db, asOf)),
    frameworksJudged: (day) => guard('cannot read judged frameworks', () => frameworksJudged(db, day)),
    judgementVersion: () => guard('cannot read the judgement version', () => judgementVersion(db)),
    escalationsOf: (id) => guard(`cannot read escalations of ${id}`, () => escalationsOf(db, id)),
    scan: (id) => guard(`cannot read scan ${id}`, () => scanById(db, id)),
    exceptedByException: (day, scope) => guard(`cannot read exceptions applied on ${day}`, () => exceptedByException(db, day, scope)),
  };
}
