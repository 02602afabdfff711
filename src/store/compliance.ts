import { sql, type Kysely } from 'kysely';
import { compareDaily } from '../compliance/order.ts';
import type { ComplianceStatus, DailyDetail, DailyRow, Streak } from '../compliance/types.ts';
import type { Status } from '../findings/model.ts';
import { bulkInsert } from './bulk.ts';
import type { Guard } from './outbox.ts';
import type { ComplianceDailyTable, ComplianceRollupTable, Database } from './schema.ts';
import type { ArrayReader, StoreDialect } from './types.ts';
import { CHUNK, chunks } from './upsert.ts';

/** What a day's judgement reads of a finding: no text, no evidence. */
export interface JudgeableFinding {
  accountId: string;
  source: string;
  checkId: string;
  framework: string;
  /** Shared between the findings with the same list: read, never change. */
  requirements: readonly string[];
  region: string;
  /** Only failures have one here (empty otherwise): nothing but exceptions and failure reports reads it. */
  resourceId: string;
  status: Status;
  errorCode?: string;
}

/** Statuses that end a run of non-compliant days. */
const BREAKS: ReadonlySet<ComplianceStatus> = new Set(['compliant', 'excepted', 'disabled']);

/** How far back a streak is followed: longer than anyone escalates on. */
export const STREAK_HORIZON_DAYS = 400;

const DAY_MS = 86_400_000;
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Accounts a run covered on `day` (UTC): only they get a row that day, so a day without a scan shows as missing. */
export async function accountsSeenOn(db: Kysely<Database>, day: string): Promise<Set<string>> {
  const runs = await db
    .selectFrom('scans')
    .select('accounts')
    .where('finished_at', '>=', `${day}T00:00:00.000Z`)
    .where('finished_at', '<', `${addDays(day, 1)}T00:00:00.000Z`)
    .execute();
  const seen = new Set<string>();
  for (const r of runs) for (const a of JSON.parse(r.accounts) as string[]) seen.add(a);
  return seen;
}

/** Accounts per query: their findings (7,500 for 10 accounts × 60 controls × 17 regions) are garbage before V8 promotes them (bench/compliance.ts: a third less peak memory than 100 accounts, same time). */
const JUDGE_PAGE = 10;

/**
 * Open findings of the given accounts that can count for a control: Rampart's of the frameworks in
 * force and Security Hub's control findings, without the manual and not-applicable results, which
 * count for nothing. Streamed in pages, each with every finding of its accounts, so a million findings
 * never sit in memory at once; read as arrays (see ArrayReader).
 */
export async function* judgeableFindings(db: Kysely<Database>, reader: ArrayReader, accounts: readonly string[], frameworks: readonly string[]): AsyncGenerator<JudgeableFinding[]> {
  // A store holds few distinct requirement lists, each on many thousands of findings.
  const parsed = new Map<string, string[]>();
  const requirementsOf = (text: string) => {
    let list = parsed.get(text);
    if (!list) parsed.set(text, (list = JSON.parse(text) as string[]));
    return list;
  };
  for (const part of chunks(accounts, JUDGE_PAGE)) {
    const query = db
      .selectFrom('findings')
      .select(['account_id', 'source', 'check_id', 'framework', 'requirements', 'region'])
      // Most results pass, and an ARN is the longest text of the row: left unread, a third fewer bytes.
      .select((eb) => eb.case().when('status', '=', 'FAIL').then(eb.ref('resource_id')).else('').end().as('resource_id'))
      .select(['status', 'error_code'])
      .where('account_id', 'in', part)
      .where('resolved_at', 'is', null)
      .where('status', 'not in', ['MANUAL', 'NOT_APPLICABLE'])
      .where((eb) => eb.or([eb.and([eb('source', '=', 'rampart'), eb('framework', 'in', frameworks.length ? frameworks : [''])]), eb('source', '=', 'securityhub')]))
      .compile();
    const rows = (await reader.readArrays(query)) as [string, string, string, string, string, string, string, Status, string | null][];
    yield rows.map(([accountId, source, checkId, framework, requirements, region, resourceId, status, errorCode]) => {
      const f: JudgeableFinding = { accountId, source, checkId, framework, requirements: requirementsOf(requirements), region, resourceId, status };
      if (errorCode !== null) f.errorCode = errorCode;
      return f;
    });
  }
}

const DAILY_COLUMNS = ['day', 'account_id', 'control', 'framework', 'section', 'status', 'regions', 'failing', 'excepted', 'detail', 'computed_at'] as const;

/**
 * Replaces the rows of `day` for the accounts judged: a second computation the same day (after
 * another scan) is the day's answer, not a second one.
 */
export async function writeDaily(db: Kysely<Database>, dialect: StoreDialect, day: string, accounts: readonly string[], rows: readonly DailyRow[], at: Date): Promise<void> {
  const computedAt = at.toISOString();
  await db.transaction().execute(async (trx) => {
    // Two judgements of one day at once (a scan finishing while serve judges pushed findings) would
    // both delete, then both insert the same keys; PostgreSQL refuses the second. One waits for the
    // other instead (SQLite's write lock already makes them take turns).
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(current_schema()), hashtext(${`compliance ${day}`}))`.execute(trx);
    for (const part of chunks(accounts, CHUNK)) await trx.deleteFrom('compliance_daily').where('day', '=', day).where('account_id', 'in', part).execute();
    const values: ComplianceDailyTable[] = rows.map((r) => ({
      day: r.day,
      account_id: r.accountId,
      control: r.control,
      framework: r.framework,
      section: r.section,
      status: r.status,
      regions: JSON.stringify(r.regions),
      failing: r.failing,
      excepted: r.excepted,
      detail: r.detail ? JSON.stringify(r.detail) : null,
      computed_at: computedAt,
    }));
    for (const part of chunks(values, CHUNK)) await bulkInsert(trx, dialect, 'compliance-daily', 'compliance_daily', DAILY_COLUMNS, part);
    for (const part of chunks(accounts, CHUNK)) await trx.deleteFrom('compliance_rollup').where('day', '=', day).where('account_id', 'in', part).execute();
    for (const part of chunks(rollup(day, rows), CHUNK)) await bulkInsert(trx, dialect, 'compliance-rollup', 'compliance_rollup', ROLLUP_COLUMNS, part);
    await trx.updateTable('compliance_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
  });
}

const ROLLUP_COLUMNS = ['day', 'account_id', 'framework', 'compliant', 'non_compliant'] as const;

function rollup(day: string, rows: readonly DailyRow[]): ComplianceRollupTable[] {
  const sums = new Map<string, ComplianceRollupTable>();
  for (const r of rows) {
    const key = `${r.accountId}|${r.framework}`;
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = { day, account_id: r.accountId, framework: r.framework, compliant: 0, non_compliant: 0 }));
    if (r.status === 'compliant') sum.compliant++;
    else if (r.status === 'non_compliant') sum.non_compliant++;
  }
  return [...sums.values()];
}

export interface DailyQuery {
  day: string;
  accountId?: string[];
}

export async function readDaily(db: Kysely<Database>, q: DailyQuery): Promise<DailyRow[]> {
  let query = db.selectFrom('compliance_daily').selectAll().where('day', '=', q.day);
  if (q.accountId?.length) query = query.where('account_id', 'in', q.accountId);
  const rows = await query.orderBy('account_id').execute();
  const out: DailyRow[] = rows.map((r) => ({
    day: r.day,
    accountId: r.account_id,
    control: r.control,
    framework: r.framework,
    section: r.section,
    status: r.status as ComplianceStatus,
    regions: JSON.parse(r.regions) as string[],
    failing: r.failing,
    excepted: r.excepted,
    ...(r.detail !== null ? { detail: JSON.parse(r.detail) as DailyDetail } : {}),
  }));
  return out.sort(compareDaily);
}

/** Days that have any stored judgement, newest first. */
export async function judgedDays(db: Kysely<Database>, until: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('compliance_daily').select('day').where('day', '<=', until).groupBy('day').orderBy('day', 'desc').limit(limit).execute();
  return rows.map((r) => r.day);
}

/** Probes per query, three parameters each: well under SQLite's and PostgreSQL's limits. */
const PROBES = 1000;

interface Run {
  accountId: string;
  control: string;
  /** Its non-compliant days within the horizon, oldest first. */
  days: string[];
  /** The account's judged days that might end the run, newest first; `next` is the one to look at. */
  candidates: string[];
  next: number;
  /** The latest day that ends it, once found. */
  brk?: string;
}

/**
 * Every account and control non-compliant on `asOf` (or on the last judged day before it), with its
 * run of non-compliant days. A compliant, excepted or disabled day ends a run; a day with no row, or
 * with errors only, neither ends nor extends it and is listed as missing.
 *
 * Read without an index by account, control and day, which a day's judgement would have to update
 * in 60,000 places (bench/compliance.ts: a third of its time on SQLite): the non-compliant days come
 * from their partial index, and a run can only be ended on a day the account was judged (the
 * rollup's days) that is not one of the control's non-compliant days, so those days are looked up
 * by primary key, newest first, until one ends it. Most runs take one look.
 */
export async function readStreaks(db: Kysely<Database>, dialect: StoreDialect, asOf: string, accountIds?: readonly string[]): Promise<Streak[]> {
  const floor = addDays(asOf, -STREAK_HORIZON_DAYS);
  const runs = await nonCompliantRuns(db, floor, asOf, accountIds);
  if (runs.length === 0) return [];
  const judged = await judgedDaysByAccount(db, floor, asOf, [...new Set(runs.map((r) => r.accountId))]);
  for (const run of runs) {
    // Below its first non-compliant day a break changes nothing: the run is all of its days either way.
    const first = run.days[0]!;
    const nonCompliant = new Set(run.days);
    run.candidates = (judged.get(run.accountId) ?? []).filter((d) => d > first && !nonCompliant.has(d));
  }
  let pending = runs.filter((r) => r.candidates.length > 0);
  while (pending.length > 0) {
    const statuses = await statusesOn(db, dialect, pending.map((r) => [r.candidates[r.next]!, r.accountId, r.control]));
    pending = pending.filter((r) => {
      const day = r.candidates[r.next]!;
      if (BREAKS.has(statuses.get(`${day}|${r.accountId}|${r.control}`) as ComplianceStatus)) {
        r.brk = day;
        return false;
      }
      return ++r.next < r.candidates.length;
    });
  }

  const streaks: Streak[] = [];
  for (const run of runs) {
    const days = run.brk ? run.days.filter((d) => d > run.brk!) : run.days;
    if (days.length === 0) continue;
    const start = days[0]!;
    const last = days.at(-1)!;
    const inRun = new Set(days);
    const missing: string[] = [];
    for (let d = start; d <= asOf; d = addDays(d, 1)) if (!inRun.has(d)) missing.push(d);
    streaks.push({ accountId: run.accountId, control: run.control, start, last, days: daysBetween(start, last) + 1, missing });
  }
  return streaks;
}

/** Account-controls with non-compliant days in (floor, asOf], by account and control, from the partial index of those rows. */
async function nonCompliantRuns(db: Kysely<Database>, floor: string, asOf: string, accountIds?: readonly string[]): Promise<Run[]> {
  // The literal lets SQLite match the partial index's WHERE.
  let query = db
    .selectFrom('compliance_daily')
    .select(['account_id', 'control', 'day'])
    .where('status', '=', sql.lit('non_compliant'))
    .where('day', '<=', asOf)
    .where('day', '>', floor);
  if (accountIds?.length) query = query.where('account_id', 'in', [...accountIds]);
  const rows = await query.orderBy('account_id').orderBy('control').orderBy('day').execute();
  const runs: Run[] = [];
  let run: Run | undefined;
  for (const r of rows) {
    if (run?.accountId !== r.account_id || run.control !== r.control) {
      runs.push((run = { accountId: r.account_id, control: r.control, days: [], candidates: [], next: 0 }));
    }
    run.days.push(r.day);
  }
  return runs;
}

/** The days each account has any judgement in (floor, asOf], newest first. */
async function judgedDaysByAccount(db: Kysely<Database>, floor: string, asOf: string, accounts: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks(accounts, CHUNK)) {
    const rows = await db
      .selectFrom('compliance_rollup')
      .select(['account_id', 'day'])
      .distinct()
      .where('account_id', 'in', part)
      .where('day', '<=', asOf)
      .where('day', '>', floor)
      .execute();
    for (const r of rows) {
      let days = out.get(r.account_id);
      if (!days) out.set(r.account_id, (days = []));
      days.push(r.day);
    }
  }
  for (const days of out.values()) days.sort().reverse();
  return out;
}

/**
 * Status of each (day, account, control) that has a row, keyed `day|account|control`. PostgreSQL
 * plans a list of 1,000 row values for over half a second (bench/compliance.ts: streaks 24 s); the
 * same probes as three arrays joined by primary key are planned once, whatever their number.
 */
async function statusesOn(db: Kysely<Database>, dialect: StoreDialect, probes: readonly (readonly [string, string, string])[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(probes, PROBES)) {
    const rows =
      dialect === 'postgres'
        ? (
            await sql<{ day: string; account_id: string; control: string; status: string }>`
              select d.day, d.account_id, d.control, d.status
              from unnest(${part.map((p) => p[0])}::text[], ${part.map((p) => p[1])}::text[], ${part.map((p) => p[2])}::text[]) as p(day, account_id, control)
              join compliance_daily d on d.day = p.day collate "C" and d.account_id = p.account_id collate "C" and d.control = p.control collate "C"`.execute(db)
          ).rows
        : await db
            .selectFrom('compliance_daily')
            .select(['day', 'account_id', 'control', 'status'])
            .where((eb) => eb(eb.refTuple('day', 'account_id', 'control'), 'in', part.map(([d, a, c]) => eb.tuple(d, a, c))))
            .execute();
    for (const r of rows) out.set(`${r.day}|${r.account_id}|${r.control}`, r.status);
  }
  return out;
}

export interface EscalationRecord {
  accountId: string;
  control: string;
  streakStart: string;
  tier: number;
  days: number;
  sentAt: string;
  recipients: string[];
}

/** Tiers already sent for these streaks (account, control, streak start). */
export async function sentEscalations(db: Kysely<Database>, streaks: readonly Pick<Streak, 'accountId' | 'control' | 'start'>[]): Promise<EscalationRecord[]> {
  const out: EscalationRecord[] = [];
  const accounts = [...new Set(streaks.map((s) => s.accountId))];
  const wanted = new Set(streaks.map((s) => `${s.accountId}|${s.control}|${s.start}`));
  for (const part of chunks(accounts, CHUNK)) {
    const rows = await db.selectFrom('escalations').selectAll().where('account_id', 'in', part).execute();
    for (const r of rows) {
      if (!wanted.has(`${r.account_id}|${r.control}|${r.streak_start}`)) continue;
      out.push({ accountId: r.account_id, control: r.control, streakStart: r.streak_start, tier: r.tier, days: r.days, sentAt: r.sent_at, recipients: JSON.parse(r.recipients) as string[] });
    }
  }
  return out;
}

/** Records sent tiers; a tier already recorded for a streak is left as it was (sent once). */
export async function recordEscalations(db: Kysely<Database>, records: readonly EscalationRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(records, CHUNK)) {
      await trx
        .insertInto('escalations')
        .values(part.map((r) => ({ account_id: r.accountId, control: r.control, streak_start: r.streakStart, tier: r.tier, days: r.days, sent_at: r.sentAt, recipients: JSON.stringify(r.recipients) })))
        .onConflict((oc) => oc.columns(['account_id', 'control', 'streak_start', 'tier']).doNothing())
        .execute();
    }
  });
}

export interface ComplianceStore {
  accountsSeenOn(day: string): Promise<Set<string>>;
  judgeableFindings(accounts: readonly string[], frameworks: readonly string[]): AsyncGenerator<JudgeableFinding[]>;
  writeDaily(day: string, accounts: readonly string[], rows: readonly DailyRow[], at: Date): Promise<void>;
  readDaily(q: DailyQuery): Promise<DailyRow[]>;
  judgedDays(until: string, limit: number): Promise<string[]>;
  readStreaks(asOf: string, accountIds?: readonly string[]): Promise<Streak[]>;
  sentEscalations(streaks: readonly Pick<Streak, 'accountId' | 'control' | 'start'>[]): Promise<EscalationRecord[]>;
  recordEscalations(records: readonly EscalationRecord[]): Promise<void>;
}

export function createComplianceStore(db: Kysely<Database>, dialect: StoreDialect, reader: ArrayReader, guard: Guard): ComplianceStore {
  return {
    accountsSeenOn: (day) => guard('cannot read the runs of the day', () => accountsSeenOn(db, day)),
    judgeableFindings: (accounts, frameworks) => judgeableFindings(db, reader, accounts, frameworks),
    writeDaily: (day, accounts, rows, at) => guard(`cannot record compliance of ${day}`, () => writeDaily(db, dialect, day, accounts, rows, at)),
    readDaily: (q) => guard(`cannot read compliance of ${q.day}`, () => readDaily(db, q)),
    judgedDays: (until, limit) => guard('cannot list judged days', () => judgedDays(db, until, limit)),
    readStreaks: (asOf, accountIds) => guard(`cannot read streaks as of ${asOf}`, () => readStreaks(db, dialect, asOf, accountIds)),
    sentEscalations: (streaks) => guard('cannot read sent escalations', () => sentEscalations(db, streaks)),
    recordEscalations: (records) => guard('cannot record escalations', () => recordEscalations(db, records)),
  };
}
