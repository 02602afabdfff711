import { randomUUID } from 'node:crypto';
import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import { GLOBAL_REGION, STATUSES, type Finding, type Status } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import { StoreError } from './errors.ts';
import { isoTimestamp, scanRow } from './rows.ts';
import type { Database, FindingHistoryTable } from './schema.ts';
import type { AccountRef, CompleteScope, ImportSession, ImportStart, RecordSummary, StoreDialect } from './types.ts';
import { CHUNK, chunks, emptySummary, mergeDuplicates, writeFindings } from './upsert.ts';

function assertUniqueIds(scanId: string, findings: readonly Finding[]): void {
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.id)) {
      throw new StoreError(
        `finding ${f.id} (${f.checkId}, account ${f.accountId}, ${f.region}, ${f.resourceId}) appears twice in scan ${scanId}`,
      );
    }
    seen.add(f.id);
  }
}

/** Accounts named by the caller, plus any the run covered that the caller did not name. */
function accountRefs(runAccounts: readonly string[], accounts: readonly AccountRef[]): AccountRef[] {
  const byId = new Map<string, AccountRef>();
  for (const a of accounts) byId.set(a.id, { ...byId.get(a.id), ...a });
  for (const id of runAccounts) if (!byId.has(id)) byId.set(id, { id });
  return [...byId.values()];
}

async function upsertAccounts(trx: Transaction<Database>, runId: string, refs: readonly AccountRef[], at: string) {
  for (const part of chunks(refs, CHUNK)) {
    await trx
      .insertInto('accounts')
      .values(
        part.map((a) => ({
          id: a.id,
          name: a.name ?? null,
          last_scan_id: runId,
          last_scanned_at: at,
          email: a.email ?? null,
          state: a.state ?? null,
          ou_id: a.ouId ?? null,
          ou_path: a.ouPath ?? null,
          tags: a.tags ? JSON.stringify(a.tags) : null,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          // A caller that does not know a detail must not erase one learned earlier.
          name: eb.fn.coalesce('excluded.name', 'accounts.name'),
          email: eb.fn.coalesce('excluded.email', 'accounts.email'),
          state: eb.fn.coalesce('excluded.state', 'accounts.state'),
          ou_id: eb.fn.coalesce('excluded.ou_id', 'accounts.ou_id'),
          ou_path: eb.fn.coalesce('excluded.ou_path', 'accounts.ou_path'),
          tags: eb.fn.coalesce('excluded.tags', 'accounts.tags'),
          last_scan_id: eb.ref('excluded.last_scan_id'),
          last_scanned_at: eb.ref('excluded.last_scanned_at'),
        })),
      )
      .execute();
  }
}

/** Marks findings resolved and records why, in the caller's transaction. */
async function resolve(trx: Transaction<Database>, runId: string, at: string, found: readonly { id: string; status: string }[], reason: string) {
  for (const part of chunks(found, CHUNK)) {
    await trx
      .updateTable('findings')
      .set({ resolved_at: at, last_scan_id: runId })
      .where(
        'id',
        'in',
        part.map((f) => f.id),
      )
      .execute();
    const history: Omit<FindingHistoryTable, 'id'>[] = part.map((f) => ({
      finding_id: f.id,
      scan_id: runId,
      at,
      from_status: f.status,
      to_status: f.status,
      reason,
      change: 'resolved',
    }));
    await trx.insertInto('finding_history').values(history).execute();
  }
}

/**
 * A scan resolves the findings it no longer reports, but only where it looked cleanly: for an
 * (account, check, region) whose results this scan holds and none of which is ERROR. Where data was
 * missing (access denied, throttled, region not scanned) nothing is resolved on absence.
 */
async function resolveGoneFromScan(trx: Transaction<Database>, scan: ScanRecord, findings: readonly Finding[]): Promise<number> {
  const clean = new Map<string, boolean>();
  for (const f of findings) {
    const unit = `${f.accountId}|${f.checkId}|${f.region}`;
    clean.set(unit, (clean.get(unit) ?? true) && f.status !== 'ERROR');
  }
  const accounts = [...new Set(findings.map((f) => f.accountId))];
  const gone: { id: string; status: string }[] = [];
  for (const part of chunks(accounts, CHUNK)) {
    const open = await trx
      .selectFrom('findings')
      .select(['id', 'status', 'account_id', 'check_id', 'region'])
      .where('origin', '=', 'scan')
      .where('framework', '=', scan.framework)
      .where('account_id', 'in', part)
      .where('resolved_at', 'is', null)
      .where('last_scan_id', '<>', scan.id)
      .execute();
    for (const f of open) if (clean.get(`${f.account_id}|${f.check_id}|${f.region}`)) gone.push(f);
  }
  await resolve(trx, scan.id, isoTimestamp(scan.finishedAt, `scan ${scan.id} finishedAt`), gone, 'no longer reported by the check (the resource is gone)');
  return gone.length;
}

export async function recordScan(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scan: ScanRecord,
  findings: readonly Finding[],
  accounts: readonly AccountRef[],
): Promise<RecordSummary> {
  assertUniqueIds(scan.id, findings);
  const scanValues = scanRow(scan);
  const incoming = mergeDuplicates(findings, scan.id);
  return db.transaction().execute(async (trx) => {
    // Writing first makes SQLite take the write lock at once (waiting out the busy timeout) instead
    // of failing to upgrade a read snapshot later.
    await trx.insertInto('scans').values(scanValues).execute();
    await upsertAccounts(trx, scan.id, accountRefs(scan.accounts, accounts), scanValues.finished_at);
    const summary = emptySummary();
    await writeFindings(trx, dialect, scan.id, incoming, summary);
    summary.resolved += await resolveGoneFromScan(trx, scan, findings);
    return summary;
  });
}

async function resolveScope(trx: Transaction<Database>, runId: string, at: string, scope: CompleteScope): Promise<number> {
  const regions = scope.global ? [...scope.regions, GLOBAL_REGION] : scope.regions;
  if (regions.length === 0) return 0;
  const gone = await trx
    .selectFrom('findings')
    .select(['id', 'status'])
    .where('origin', '=', scope.origin)
    .where('account_id', '=', scope.accountId)
    .where('region', 'in', regions)
    .where('resolved_at', 'is', null)
    .where('last_scan_id', '<>', runId)
    .execute();
  await resolve(trx, runId, at, gone, `no longer reported by ${scope.origin}`);
  return gone.length;
}

/**
 * An import with `commitEvery` commits after this long whatever it has written, so that another
 * process's writer waits well under SQLite's busy timeout.
 */
const IMPORT_COMMIT_MS = 5_000;

/**
 * Starts an import: the run row is written first (as unfinished) so that the findings can commit as
 * they arrive — a million-finding import neither holds one transaction open for its whole length
 * nor keeps findings in memory. A crash loses at most the findings of the open transaction.
 */
export async function beginImport(
  db: Kysely<Database>,
  dialect: StoreDialect,
  start: ImportStart,
): Promise<ImportSession & { abandon(): Promise<void> }> {
  const id = randomUUID();
  const startedAt = start.startedAt.toISOString();
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const unfinished: ScanRecord = {
    id,
    source: start.source,
    actor: start.actor,
    startedAt,
    finishedAt: startedAt,
    framework: '',
    accounts: [],
    regions: [],
    counts,
    errors: [{ code: 'Unfinished', message: 'the import did not finish; findings it stored so far are kept' }],
    skipped: [],
    status: 'partial',
  };
  await db.insertInto('scans').values(scanRow(unfinished)).execute();
  const summary = emptySummary();
  const accounts = new Set<string>();
  const regions = new Set<string>();
  let open: { trx: ControlledTransaction<Database>; since: number; written: number } | undefined;
  // Releases the transaction's connection too: a pool cannot close while one is checked out.
  const abandon = async () => {
    const left = open;
    open = undefined;
    if (left) await left.trx.rollback().execute().catch(() => undefined);
  };
  const commit = async () => {
    const done = open;
    if (!done) return;
    try {
      await done.trx.commit().execute();
    } catch (err) {
      // A commit that failed keeps its connection until it is rolled back.
      await abandon();
      throw err;
    }
    open = undefined;
  };
  return {
    runId: id,
    abandon,
    async add(findings) {
      const incoming = mergeDuplicates(findings, id);
      if (incoming.length === 0) return;
      open ??= { trx: await db.startTransaction().execute(), since: performance.now(), written: 0 };
      const current = open;
      try {
        await writeFindings(current.trx, dialect, id, incoming, summary);
      } catch (err) {
        await abandon();
        throw err;
      }
      current.written += incoming.length;
      if (current.written >= (start.commitEvery ?? 0) || performance.now() - current.since >= IMPORT_COMMIT_MS) await commit();
      for (const { finding } of incoming) counts[finding.status]++;
      for (const f of findings) {
        accounts.add(f.accountId);
        for (const r of f.regions ?? [f.region]) regions.add(r);
      }
    },
    async finish(p) {
      await commit();
      const finishedAt = p.finishedAt.toISOString();
      for (const scope of p.complete) accounts.add(scope.accountId);
      const run: ScanRecord = {
        ...unfinished,
        ...(p.actor ? { actor: p.actor } : {}),
        finishedAt,
        accounts: [...new Set([...accounts, ...p.accounts.map((a) => a.id)])].sort(),
        regions: [...regions].sort(),
        counts,
        errors: [...p.issues],
        skipped: [...(p.skipped ?? [])],
        status: p.issues.length > 0 ? 'partial' : 'complete',
      };
      await db.transaction().execute(async (trx) => {
        for (const scope of p.complete) summary.resolved += await resolveScope(trx, id, finishedAt, scope);
        if (p.accounts.length > 0) await upsertAccounts(trx, id, accountRefs([], p.accounts), finishedAt);
        const row = scanRow(run);
        await trx.updateTable('scans').set(row).where('id', '=', id).execute();
      });
      return { run, summary };
    },
  };
}

/**
 * Findings pushed one event at a time (EventBridge) belong to one run per source and UTC day, so
 * that a busy organization's event stream does not add a run row per event. The day's run keeps
 * counting what arrived; each delivery is its own transaction.
 */
export async function recordDelivery(
  db: Kysely<Database>,
  dialect: StoreDialect,
  delivery: { source: 'eventbridge'; actor: string; at: Date; findings: readonly Finding[] },
): Promise<{ runId: string; summary: RecordSummary }> {
  const at = delivery.at.toISOString();
  const runId = `${delivery.source}:${at.slice(0, 10)}`;
  const incoming = mergeDuplicates(delivery.findings, runId);
  const summary = emptySummary();
  await db.transaction().execute(async (trx) => {
    const counts = Object.fromEntries(STATUSES.map((st) => [st, 0])) as Record<Status, number>;
    const fresh: ScanRecord = {
      id: runId,
      source: delivery.source,
      actor: delivery.actor,
      startedAt: at,
      finishedAt: at,
      framework: '',
      accounts: [],
      regions: [],
      counts,
      errors: [],
      skipped: [],
      status: 'complete',
    };
    await trx.insertInto('scans').values(scanRow(fresh)).onConflict((oc) => oc.column('id').doNothing()).execute();
    let current = trx.selectFrom('scans').select(['counts', 'accounts', 'regions']).where('id', '=', runId);
    // Two deliveries at once must not lose each other's counts.
    if (dialect === 'postgres') current = current.forUpdate();
    const row = await current.executeTakeFirstOrThrow();
    await writeFindings(trx, dialect, runId, incoming, summary);
    const total = JSON.parse(row.counts) as Record<Status, number>;
    const accounts = new Set(JSON.parse(row.accounts) as string[]);
    const regions = new Set(JSON.parse(row.regions) as string[]);
    for (const { finding } of incoming) total[finding.status] = (total[finding.status] ?? 0) + 1;
    for (const f of delivery.findings) {
      accounts.add(f.accountId);
      for (const r of f.regions ?? [f.region]) regions.add(r);
    }
    await trx
      .updateTable('scans')
      .set({
        finished_at: at,
        counts: JSON.stringify(total),
        accounts: JSON.stringify([...accounts].sort()),
        regions: JSON.stringify([...regions].sort()),
      })
      .where('id', '=', runId)
      .execute();
  });
  return { runId, summary };
}
