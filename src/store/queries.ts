import type { Kysely } from 'kysely';
import { SEVERITIES, severityRank, type RawDocument } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import { StoreError } from './errors.ts';
import { findingFromRow, historyFromRow, scanFromRow } from './rows.ts';
import type { Database } from './schema.ts';
import type { FindingQuery, HistoryEntry, StoredAccount, StoredFinding } from './types.ts';

/** Both dialects accept this as "no limit" where OFFSET needs a LIMIT (SQLite). */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

function count(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StoreError(`${what} must be a whole number ≥ 0, got ${String(value)}`);
  }
  return value;
}

export async function queryFindings(db: Kysely<Database>, q: FindingQuery): Promise<StoredFinding[]> {
  const limit = count(q.limit, 'limit');
  const offset = count(q.offset, 'offset');
  let query = db.selectFrom('findings').selectAll();
  if (q.status?.length) query = query.where('status', 'in', q.status);
  if (q.accountId?.length) query = query.where('account_id', 'in', q.accountId);
  if (q.region?.length) query = query.where('region', 'in', q.region);
  if (q.checkId?.length) query = query.where('check_id', 'in', q.checkId);
  if (q.framework !== undefined) query = query.where('framework', '=', q.framework);
  if (q.source !== undefined) query = query.where('source', '=', q.source);
  if (q.origin !== undefined) query = query.where('origin', '=', q.origin);
  if (q.open !== undefined) query = query.where('resolved_at', q.open ? 'is' : 'is not', null);
  if (q.minSeverity !== undefined) {
    if (!SEVERITIES.includes(q.minSeverity)) {
      throw new StoreError(`minSeverity \`${String(q.minSeverity)}\` is not one of ${SEVERITIES.join(', ')}`);
    }
    query = query.where('severity_rank', '>=', severityRank(q.minSeverity));
  }
  // Same column order as findings_order_idx; source completes the key the finding id is a hash of.
  query = query
    .orderBy('severity_rank', 'desc')
    .orderBy('account_id')
    .orderBy('check_id')
    .orderBy('region')
    .orderBy('resource_id')
    .orderBy('source');
  if (limit !== undefined || offset !== undefined) query = query.limit(limit ?? NO_LIMIT);
  if (offset !== undefined) query = query.offset(offset);
  return (await query.execute()).map(findingFromRow);
}

export async function queryHistory(db: Kysely<Database>, findingId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('finding_history')
    .select(['finding_id', 'scan_id', 'at', 'from_status', 'to_status', 'reason', 'change'])
    .where('finding_id', '=', findingId)
    .orderBy('id')
    .execute();
  return rows.map(historyFromRow);
}

export async function queryScans(db: Kysely<Database>, limit?: number): Promise<ScanRecord[]> {
  const n = count(limit, 'limit');
  let query = db.selectFrom('scans').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc');
  if (n !== undefined) query = query.limit(n);
  return (await query.execute()).map(scanFromRow);
}

export async function queryAccounts(db: Kysely<Database>): Promise<StoredAccount[]> {
  const rows = await db.selectFrom('accounts').selectAll().orderBy('id').execute();
  return rows.map((r) => {
    const account: StoredAccount = { id: r.id };
    if (r.name !== null) account.name = r.name;
    if (r.email !== null) account.email = r.email;
    if (r.state !== null) account.state = r.state;
    if (r.ou_id !== null) account.ouId = r.ou_id;
    if (r.ou_path !== null) account.ouPath = r.ou_path;
    if (r.tags !== null) account.tags = JSON.parse(r.tags) as Record<string, string>;
    if (r.last_scan_id !== null) account.lastScanId = r.last_scan_id;
    if (r.last_scanned_at !== null) account.lastScannedAt = r.last_scanned_at;
    return account;
  });
}

export async function queryRawDocument(db: Kysely<Database>, findingId: string): Promise<{ format: RawDocument['format']; document: unknown } | undefined> {
  const row = await db.selectFrom('finding_raw').select(['format', 'document']).where('finding_id', '=', findingId).executeTakeFirst();
  return row ? { format: row.format as RawDocument['format'], document: JSON.parse(row.document) as unknown } : undefined;
}
