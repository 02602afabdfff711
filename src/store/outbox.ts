import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SEVERITIES, severityRank, type Finding, type RecordState, type Severity, type Status, type WorkflowStatus } from '../findings/model.ts';
import { StoreError } from './errors.ts';
import { isoTimestamp } from './rows.ts';
import type { Database } from './schema.ts';

/** One finding to go out once on one channel of one route. */
export interface OutboxKey {
  route: string;
  channel: string;
  findingId: string;
}

/** What routing needs of a finding and what a notification shows of it. */
export type AlertFinding = Pick<
  Finding,
  | 'id'
  | 'source'
  | 'checkId'
  | 'accountId'
  | 'accountName'
  | 'region'
  | 'regions'
  | 'resourceId'
  | 'resourceType'
  | 'status'
  | 'severity'
  | 'title'
  | 'reason'
  | 'description'
  | 'type'
  | 'product'
  | 'recordState'
  | 'workflowStatus'
  | 'updatedAt'
> & {
  firstSeen: string;
  statusChangedAt: string;
  resolvedAt?: string;
  /** The producer's own id of the finding (ASFF `Id`, GuardDuty finding id), for console links. */
  upstreamId?: string;
};

export interface DueNotification extends OutboxKey {
  id: string;
  /** Failed deliveries so far. */
  attempts: number;
  createdAt: string;
  lastError?: string;
  finding: AlertFinding;
}

/** Findings that went out in one message (a summary carries many). */
export interface SentMessage {
  messageKey: string;
  findings: number;
  sentAt: string;
}

/**
 * The notification outbox. A (route, channel, finding) is enqueued at most once, ever; a row stays
 * pending until its channel accepted it, however long that takes, so nothing is dropped.
 */
export interface Outbox {
  /**
   * Open FAIL findings at least `minSeverity` that turned failing or were updated upstream at or
   * after `since` — what routing looks at.
   */
  candidates(q: { since: string; minSeverity: Severity }): Promise<AlertFinding[]>;
  /** The findings with these ids, with their upstream ids, as a message shows them. */
  findings(ids: readonly string[]): Promise<AlertFinding[]>;
  /** Outbox entries, in any state, of these findings. */
  existing(findingIds: readonly string[]): Promise<OutboxKey[]>;
  /** Adds the entries not already there, due at once; returns how many were new. */
  enqueue(items: readonly OutboxKey[], at: string): Promise<number>;
  /** Pending entries with next attempt at or before `now`, by route, channel, severity (highest first), age. */
  due(now: string): Promise<DueNotification[]>;
  /**
   * Takes the entries that are still due for this process until `until`, so that two runs at once
   * do not both send them; returns the ids it took.
   */
  claim(ids: readonly string[], now: string, until: string): Promise<string[]>;
  markSent(ids: readonly string[], messageKey: string, at: string): Promise<void>;
  /** Counts a failed attempt and schedules the next one. */
  markFailed(ids: readonly string[], error: string, nextAttemptAt: string): Promise<void>;
  /** Postpones without counting an attempt (a held burst). */
  defer(ids: readonly string[], until: string): Promise<void>;
  /** Messages sent on this route and channel after `since`. */
  sentSince(route: string, channel: string, since: string): Promise<SentMessage[]>;
}

/** Wraps driver errors into one-line StoreErrors (the store's own error handling). */
export type Guard = <T>(what: string, run: () => Promise<T>) => Promise<T>;

/** Ids per IN list: far below either dialect's bound-parameter limit. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Deterministic, so the same entry has the same id in every process and on both dialects. */
export function outboxId(key: OutboxKey): string {
  return createHash('sha256').update([key.route, key.channel, key.findingId].join('\u0000')).digest('hex').slice(0, 32);
}

/** ASFF and the GuardDuty API say `Id`, EventBridge's GuardDuty detail says `id`. */
function upstreamIdOf(document: string | null): string | undefined {
  if (document === null) return undefined;
  try {
    const doc = JSON.parse(document) as { Id?: unknown; id?: unknown };
    const id = doc.Id ?? doc.id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    // A damaged document costs the console link, not the alert.
    return undefined;
  }
}

function findingQuery(db: Kysely<Database>) {
  return db
    .selectFrom('findings as f')
    .leftJoin('accounts as a', 'a.id', 'f.account_id')
    .select([
      'f.id',
      'f.source',
      'f.check_id',
      'f.account_id',
      'f.account_name',
      'a.name as current_account_name',
      'f.region',
      'f.regions',
      'f.resource_id',
      'f.resource_type',
      'f.status',
      'f.severity',
      'f.title',
      'f.reason',
      'f.description',
      'f.finding_type',
      'f.product',
      'f.record_state',
      'f.workflow_status',
      'f.updated_at',
      'f.first_seen',
      'f.status_changed_at',
      'f.resolved_at',
    ]);
}

type FindingRow = Awaited<ReturnType<ReturnType<typeof findingQuery>['execute']>>[number];

function alertFinding(r: FindingRow, document: string | null): AlertFinding {
  const f: AlertFinding = {
    id: r.id,
    source: r.source,
    checkId: r.check_id,
    accountId: r.account_id,
    region: r.region,
    resourceId: r.resource_id,
    resourceType: r.resource_type,
    status: r.status as Status,
    severity: r.severity as Severity,
    title: r.title,
    reason: r.reason,
    recordState: r.record_state as RecordState,
    workflowStatus: r.workflow_status as WorkflowStatus,
    firstSeen: r.first_seen,
    statusChangedAt: r.status_changed_at,
  };
  // The name Organizations gives now, else the one the finding was recorded with.
  const name = r.current_account_name ?? r.account_name;
  if (name !== null) f.accountName = name;
  if (r.regions !== null) f.regions = JSON.parse(r.regions) as string[];
  if (r.description !== null) f.description = r.description;
  if (r.finding_type !== null) f.type = r.finding_type;
  if (r.product !== null) f.product = r.product;
  if (r.updated_at !== null) f.updatedAt = r.updated_at;
  if (r.resolved_at !== null) f.resolvedAt = r.resolved_at;
  const upstreamId = upstreamIdOf(document);
  if (upstreamId !== undefined) f.upstreamId = upstreamId;
  return f;
}

async function findingsById(db: Kysely<Database>, ids: readonly string[]): Promise<AlertFinding[]> {
  const out: AlertFinding[] = [];
  for (const part of chunks(ids)) {
    const rows = await findingQuery(db)
      .leftJoin('finding_raw as raw', 'raw.finding_id', 'f.id')
      .select('raw.document')
      .where('f.id', 'in', part)
      .execute();
    for (const r of rows) out.push(alertFinding(r, r.document));
  }
  return out;
}

export function createOutbox(db: Kysely<Database>, guard: Guard): Outbox {
  return {
    candidates: ({ since, minSeverity }) =>
      guard('cannot list findings to notify', async () => {
        if (!SEVERITIES.includes(minSeverity)) throw new StoreError(`minSeverity \`${String(minSeverity)}\` is not one of ${SEVERITIES.join(', ')}`);
        const from = isoTimestamp(since, 'since');
        const rows = await findingQuery(db)
          .where('f.status', '=', 'FAIL')
          .where('f.resolved_at', 'is', null)
          .where('f.record_state', '=', 'ACTIVE')
          .where('f.workflow_status', 'not in', ['RESOLVED', 'SUPPRESSED'])
          .where('f.severity_rank', '>=', severityRank(minSeverity))
          .where((eb) => eb.or([eb('f.status_changed_at', '>=', from), eb('f.updated_at', '>=', from)]))
          .orderBy('f.id')
          .execute();
        return rows.map((r) => alertFinding(r, null));
      }),

    findings: (ids) => guard('cannot read findings to notify', () => findingsById(db, ids)),

    existing: (findingIds) =>
      guard('cannot read the notification outbox', async () => {
        const out: OutboxKey[] = [];
        for (const part of chunks(findingIds)) {
          const rows = await db.selectFrom('notifications').select(['route', 'channel', 'finding_id']).where('finding_id', 'in', part).execute();
          for (const r of rows) out.push({ route: r.route, channel: r.channel, findingId: r.finding_id });
        }
        return out;
      }),

    enqueue: (items, at) =>
      guard('cannot enqueue notifications', async () => {
        const when = isoTimestamp(at, 'enqueue time');
        let added = 0;
        for (const part of chunks(items)) {
          const rows = part.map((k) => ({
            id: outboxId(k),
            route: k.route,
            channel: k.channel,
            finding_id: k.findingId,
            state: 'pending',
            attempts: 0,
            next_attempt_at: when,
            last_error: null,
            created_at: when,
            sent_at: null,
            message_key: null,
          }));
          // DO NOTHING without a target covers both the id and the (route, channel, finding) key.
          const inserted = await db.insertInto('notifications').values(rows).onConflict((oc) => oc.doNothing()).returning('id').execute();
          added += inserted.length;
        }
        return added;
      }),

    due: (now) =>
      guard('cannot list due notifications', async () => {
        const at = isoTimestamp(now, 'now');
        const rows = await findingQuery(db)
          .innerJoin('notifications as n', 'n.finding_id', 'f.id')
          .leftJoin('finding_raw as raw', 'raw.finding_id', 'f.id')
          .select(['n.id as outbox_id', 'n.route', 'n.channel', 'n.attempts', 'n.created_at', 'n.last_error', 'raw.document'])
          .where('n.state', '=', 'pending')
          .where('n.next_attempt_at', '<=', at)
          .orderBy('n.route')
          .orderBy('n.channel')
          .orderBy('f.severity_rank', 'desc')
          .orderBy('n.created_at')
          .orderBy('n.id')
          .execute();
        return rows.map((r) => {
          const item: DueNotification = {
            id: r.outbox_id,
            route: r.route,
            channel: r.channel,
            findingId: r.id,
            attempts: Number(r.attempts),
            createdAt: r.created_at,
            finding: alertFinding(r, r.document),
          };
          if (r.last_error !== null) item.lastError = r.last_error;
          return item;
        });
      }),

    claim: (ids, now, until) =>
      guard('cannot claim notifications', async () => {
        const at = isoTimestamp(now, 'now');
        const lease = isoTimestamp(until, 'claim until');
        const taken: string[] = [];
        for (const part of chunks(ids)) {
          // The WHERE is evaluated again on each row under its lock (PostgreSQL) or the single writer
          // (SQLite): a row another run already took no longer qualifies.
          const rows = await db
            .updateTable('notifications')
            .set({ next_attempt_at: lease })
            .where('id', 'in', part)
            .where('state', '=', 'pending')
            .where('next_attempt_at', '<=', at)
            .returning('id')
            .execute();
          for (const r of rows) taken.push(r.id);
        }
        return taken;
      }),

    markSent: (ids, messageKey, at) =>
      guard('cannot mark notifications sent', async () => {
        const when = isoTimestamp(at, 'sent time');
        for (const part of chunks(ids)) {
          await db
            .updateTable('notifications')
            .set({ state: 'sent', sent_at: when, message_key: messageKey })
            .where('id', 'in', part)
            .where('state', '=', 'pending')
            .execute();
        }
      }),

    markFailed: (ids, error, nextAttemptAt) =>
      guard('cannot record a failed notification', async () => {
        const next = isoTimestamp(nextAttemptAt, 'next attempt');
        for (const part of chunks(ids)) {
          await db
            .updateTable('notifications')
            .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, next_attempt_at: next }))
            .where('id', 'in', part)
            .where('state', '=', 'pending')
            .execute();
        }
      }),

    defer: (ids, until) =>
      guard('cannot postpone notifications', async () => {
        const next = isoTimestamp(until, 'deferred until');
        for (const part of chunks(ids)) {
          await db.updateTable('notifications').set({ next_attempt_at: next }).where('id', 'in', part).where('state', '=', 'pending').execute();
        }
      }),

    sentSince: (route, channel, since) =>
      guard('cannot read sent notifications', async () => {
        const from = isoTimestamp(since, 'since');
        const rows = await db
          .selectFrom('notifications')
          .select((eb) => ['message_key', eb.fn.countAll<number | string>().as('findings'), eb.fn.max('sent_at').as('sent_at')])
          .where('route', '=', route)
          .where('channel', '=', channel)
          .where('state', '=', 'sent')
          .where('sent_at', '>', from)
          .groupBy('message_key')
          .execute();
        return rows
          .map((r) => ({ messageKey: r.message_key ?? '', findings: Number(r.findings), sentAt: r.sent_at ?? from }))
          .sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.messageKey.localeCompare(b.messageKey));
      }),
  };
}
