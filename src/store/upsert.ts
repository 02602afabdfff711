import { sql, type Transaction } from 'kysely';
import { isClosed, rawJson, type Finding, type Status } from '../findings/model.ts';
import { bulkInsert } from './bulk.ts';
import { findingRow } from './rows.ts';
import type { Database, FindingHistoryTable, FindingsTable } from './schema.ts';
import type { RecordSummary, StoreDialect } from './types.ts';

/**
 * Rows per multi-row statement. A findings row has 33 parameters: 500 rows stay well under SQLite's
 * 32,766 and PostgreSQL's 65,535 bound parameters per statement.
 */
export const CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function emptySummary(): RecordSummary {
  return { inserted: 0, changed: 0, unchanged: 0, resolved: 0, reopened: 0 };
}

/** What a write needs to know of the row already stored. */
const PREVIOUS = [
  'id',
  'status',
  'first_seen',
  'last_seen',
  'status_changed_at',
  'observed_at',
  'regions',
  'resolved_at',
] as const;
type Previous = Pick<FindingsTable, (typeof PREVIOUS)[number]>;

function unionRegions(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const merged = [...new Set([...(JSON.parse(a) as string[]), ...(JSON.parse(b) as string[])])].sort();
  return JSON.stringify(merged);
}

const minIso = (a: string, b: string) => (a < b ? a : b);
const maxIso = (a: string, b: string) => (a > b ? a : b);

interface Incoming {
  finding: Finding;
  row: FindingsTable;
}

/**
 * Copies of one finding in the same batch — a global finding reported by several regions — become
 * one: the most recently observed copy's content, every copy's regions.
 */
export function mergeDuplicates(findings: readonly Finding[], runId: string): Incoming[] {
  const byId = new Map<string, Incoming>();
  for (const finding of findings) {
    const row = findingRow(finding, runId);
    const seen = byId.get(row.id);
    if (!seen) {
      byId.set(row.id, { finding, row });
      continue;
    }
    const newer = row.observed_at >= seen.row.observed_at ? { finding, row } : seen;
    newer.row.regions = unionRegions(seen.row.regions, row.regions);
    newer.row.first_seen = minIso(seen.row.first_seen, row.first_seen);
    byId.set(row.id, newer);
  }
  return [...byId.values()];
}

function closedReason(f: Finding): string {
  if (f.recordState === 'ARCHIVED') return `archived by ${f.product ?? f.source}`;
  return `workflow status ${f.workflowStatus ?? 'RESOLVED'} in ${f.product ?? f.source}`;
}

type HistoryRow = Omit<FindingHistoryTable, 'id'>;

/**
 * The row to store given what is stored: an older document (an out-of-order event, a stale region)
 * never overwrites a newer one but still counts as seen; first_seen only moves back, last_seen only
 * forward; a finding closed upstream is resolved, one that comes back is reopened.
 */
function reconcile(incoming: Incoming, prev: Previous | undefined, runId: string, summary: RecordSummary, history: HistoryRow[]): FindingsTable | undefined {
  const { finding, row } = incoming;
  const closed = isClosed(finding);
  if (!prev) {
    summary.inserted++;
    history.push({ finding_id: row.id, scan_id: runId, at: row.observed_at, from_status: null, to_status: row.status, reason: row.reason, change: 'status' });
    if (closed) row.resolved_at = row.updated_at ?? row.observed_at;
    return row;
  }
  if (row.observed_at < prev.observed_at) {
    summary.unchanged++;
    return undefined;
  }
  row.first_seen = minIso(prev.first_seen, row.first_seen);
  row.last_seen = maxIso(prev.last_seen, row.last_seen);
  row.regions = unionRegions(prev.regions, row.regions);
  const from = prev.status as Status;
  if (from === row.status) {
    row.status_changed_at = prev.status_changed_at;
    summary.unchanged++;
  } else {
    summary.changed++;
    history.push({ finding_id: row.id, scan_id: runId, at: row.observed_at, from_status: from, to_status: row.status, reason: row.reason, change: 'status' });
  }
  if (closed && prev.resolved_at === null) {
    row.resolved_at = row.updated_at ?? row.observed_at;
    summary.resolved++;
    history.push({ finding_id: row.id, scan_id: runId, at: row.resolved_at, from_status: row.status, to_status: row.status, reason: closedReason(finding), change: 'resolved' });
  } else if (closed) {
    row.resolved_at = prev.resolved_at;
  } else if (prev.resolved_at !== null) {
    summary.reopened++;
    history.push({ finding_id: row.id, scan_id: runId, at: row.observed_at, from_status: row.status, to_status: row.status, reason: `reported again: ${row.reason}`, change: 'reopened' });
  }
  return row;
}

const HISTORY_COLUMNS = ['finding_id', 'scan_id', 'at', 'from_status', 'to_status', 'reason', 'change'] as const;

const UPDATED_COLUMNS = [
  'source', 'check_id', 'account_id', 'region', 'resource_id', 'resource_type', 'status', 'severity',
  'severity_rank', 'title', 'reason', 'framework', 'requirements', 'remediation', 'error_code', 'evidence', 'observed_at',
  'first_seen', 'last_seen', 'status_changed_at', 'last_scan_id', 'origin', 'record_state', 'workflow_status',
  'finding_type', 'description', 'product', 'created_at', 'updated_at', 'regions', 'resolved_at',
] as const satisfies readonly (keyof FindingsTable)[];
const FINDING_COLUMNS = ['id', 'account_name', ...UPDATED_COLUMNS] as const satisfies readonly (keyof FindingsTable)[];

type RawRow = Database['finding_raw'];

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes findings inside the caller's transaction: reads what is stored, reconciles, upserts the
 * findings, then their producer documents, then history. SQLite's page cache holds a small part of
 * a large store's indexes, and most of them are keyed by account or by finding id: rows written in
 * that key order land on neighbouring index pages instead of a page apiece (bench/ingest.ts: a
 * third fewer page reads and writes), so there `incoming` is sorted by account, and documents and
 * history by finding id. PostgreSQL showed no gain from the order for the importer's time it costs.
 */
export async function writeFindings(
  trx: Transaction<Database>,
  dialect: StoreDialect,
  runId: string,
  incoming: Incoming[],
  summary: RecordSummary,
): Promise<void> {
  const sorted = dialect === 'sqlite';
  if (sorted) incoming.sort((a, b) => byKey(a.row.account_id, b.row.account_id) || byKey(a.row.id, b.row.id));
  const raws: RawRow[] = [];
  const history: HistoryRow[] = [];
  for (const part of chunks(incoming, CHUNK)) await writeChunk(trx, dialect, runId, part, summary, raws, history);
  if (sorted) {
    raws.sort((a, b) => byKey(a.finding_id, b.finding_id));
    // Stable: one finding's changes keep their order.
    history.sort((a, b) => byKey(a.finding_id, b.finding_id));
  }
  for (const part of chunks(raws, CHUNK)) await writeRaws(trx, dialect, part);
  for (const part of chunks(history, CHUNK)) await bulkInsert(trx, dialect, 'history', 'finding_history', HISTORY_COLUMNS, part as FindingHistoryTable[]);
}

/**
 * A control character other than whitespace appears in JSON text only escaped, so documents joined
 * by one are split apart again by the server. PostgreSQL otherwise receives them as an array
 * literal, escaped quote by quote by the driver and unescaped by the server: 17 µs per 1 KB document
 * against 12 µs (bench/ingest.ts). A document that is not JSON text could hold the byte; then the
 * array is sent.
 */
const DOCUMENT_SEPARATOR = '\x01';

async function writeRaws(trx: Transaction<Database>, dialect: StoreDialect, part: RawRow[]): Promise<void> {
  if (dialect === 'postgres' && !part.some((r) => r.document.includes(DOCUMENT_SEPARATOR))) {
    const ids = part.map((r) => r.finding_id);
    const formats = part.map((r) => r.format);
    const documents = part.map((r) => r.document).join(DOCUMENT_SEPARATOR);
    await sql`insert into finding_raw (finding_id, format, document)
      select * from unnest(${ids}::text[], ${formats}::text[], string_to_array(${documents}::text, ${DOCUMENT_SEPARATOR}))
      on conflict (finding_id) do update set format = excluded.format, document = excluded.document`.execute(trx);
    return;
  }
  await bulkInsert(trx, dialect, 'raw-upsert', 'finding_raw', ['finding_id', 'format', 'document'], part, (q) =>
    q.onConflict((oc) => oc.column('finding_id').doUpdateSet((eb) => ({ format: eb.ref('excluded.format'), document: eb.ref('excluded.document') }))),
  );
}

/** One chunk (≤ CHUNK distinct ids): the findings are written, their documents and history collected. */
async function writeChunk(
  trx: Transaction<Database>,
  dialect: StoreDialect,
  runId: string,
  part: readonly Incoming[],
  summary: RecordSummary,
  raws: RawRow[],
  history: HistoryRow[],
): Promise<void> {
  let previous = trx
    .selectFrom('findings')
    .select(PREVIOUS)
    .where(
      'id',
      'in',
      part.map((p) => p.row.id),
    );
  // Locks the rows so a concurrent writer cannot change a status between this read and the upsert,
  // which would leave the history without that change. SQLite has one writer at a time anyway.
  if (dialect === 'postgres') previous = previous.forUpdate();
  const before = new Map((await previous.execute()).map((r) => [r.id, r]));

  const rows: FindingsTable[] = [];
  const seenOnly: string[] = [];
  const widened: { id: string; regions: string | null }[] = [];
  for (const incoming of part) {
    const prev = before.get(incoming.row.id);
    const row = reconcile(incoming, prev, runId, summary, history);
    if (!row) {
      // A stale copy still tells which regions report the finding.
      const regions = unionRegions(prev!.regions, incoming.row.regions);
      if (regions !== prev!.regions) widened.push({ id: incoming.row.id, regions });
      else seenOnly.push(incoming.row.id);
      continue;
    }
    rows.push(row);
    const raw = incoming.finding.raw;
    if (raw) raws.push({ finding_id: row.id, format: raw.format, document: rawJson(raw) });
  }

  await bulkInsert(trx, dialect, 'findings-upsert', 'findings', FINDING_COLUMNS, rows, (q) =>
    q.onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        ...Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
        // A writer that does not know the account's name must not erase one learned earlier.
        account_name: eb.fn.coalesce('excluded.account_name', 'findings.account_name'),
      })),
    ),
  );
  if (seenOnly.length > 0) {
    await trx.updateTable('findings').set({ last_scan_id: runId }).where('id', 'in', seenOnly).execute();
  }
  for (const w of widened) {
    await trx.updateTable('findings').set({ last_scan_id: runId, regions: w.regions }).where('id', '=', w.id).execute();
  }
}
