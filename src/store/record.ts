import type { Kysely, Transaction } from 'kysely';
import type { Finding, Status } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import { StoreError } from './errors.ts';
import { findingRow, scanRow } from './rows.ts';
import type { Database, FindingHistoryTable } from './schema.ts';
import type { AccountRef, RecordSummary, StoreDialect } from './types.ts';

/**
 * Rows per multi-row statement. A findings row has 23 parameters: 500 rows stay well under SQLite's
 * 32,766 and PostgreSQL's 65,535 bound parameters per statement.
 */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

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

/** Accounts named by the caller, plus any the scan covered that the caller did not name. */
function accountRefs(scan: ScanRecord, accounts: readonly AccountRef[]): AccountRef[] {
  const byId = new Map<string, AccountRef>();
  for (const a of accounts) byId.set(a.id, { id: a.id, name: a.name ?? byId.get(a.id)?.name });
  for (const id of scan.accounts) if (!byId.has(id)) byId.set(id, { id });
  return [...byId.values()];
}

async function upsertAccounts(trx: Transaction<Database>, scan: ScanRecord, refs: AccountRef[], at: string) {
  for (const part of chunks(refs, CHUNK)) {
    await trx
      .insertInto('accounts')
      .values(part.map((a) => ({ id: a.id, name: a.name ?? null, last_scan_id: scan.id, last_scanned_at: at })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          // A caller that does not know the name must not erase one learned earlier.
          name: eb.fn.coalesce('excluded.name', 'accounts.name'),
          last_scan_id: eb.ref('excluded.last_scan_id'),
          last_scanned_at: eb.ref('excluded.last_scanned_at'),
        })),
      )
      .execute();
  }
}

async function recordChunk(
  trx: Transaction<Database>,
  dialect: StoreDialect,
  scanId: string,
  part: Finding[],
  summary: RecordSummary,
): Promise<void> {
  const rows = part.map((f) => findingRow(f, scanId));
  let previous = trx
    .selectFrom('findings')
    .select(['id', 'status'])
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    );
  // Locks the rows so a concurrent recorder cannot change a status between this read and the upsert,
  // which would leave the history without that change. SQLite has one writer at a time anyway.
  if (dialect === 'postgres') previous = previous.forUpdate();
  const before = new Map((await previous.execute()).map((r) => [r.id, r.status as Status]));

  await trx
    .insertInto('findings')
    .values(rows)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        source: eb.ref('excluded.source'),
        check_id: eb.ref('excluded.check_id'),
        account_id: eb.ref('excluded.account_id'),
        account_name: eb.fn.coalesce('excluded.account_name', 'findings.account_name'),
        region: eb.ref('excluded.region'),
        resource_id: eb.ref('excluded.resource_id'),
        resource_type: eb.ref('excluded.resource_type'),
        status: eb.ref('excluded.status'),
        severity: eb.ref('excluded.severity'),
        severity_rank: eb.ref('excluded.severity_rank'),
        title: eb.ref('excluded.title'),
        reason: eb.ref('excluded.reason'),
        framework: eb.ref('excluded.framework'),
        requirements: eb.ref('excluded.requirements'),
        remediation: eb.ref('excluded.remediation'),
        error_code: eb.ref('excluded.error_code'),
        evidence: eb.ref('excluded.evidence'),
        observed_at: eb.ref('excluded.observed_at'),
        last_seen: eb.ref('excluded.last_seen'),
        status_changed_at: eb
          .case()
          .when('findings.status', '=', eb.ref('excluded.status'))
          .then(eb.ref('findings.status_changed_at'))
          .else(eb.ref('excluded.status_changed_at'))
          .end(),
        last_scan_id: eb.ref('excluded.last_scan_id'),
      })),
    )
    .execute();

  const history: Omit<FindingHistoryTable, 'id'>[] = [];
  for (const row of rows) {
    const from = before.get(row.id);
    if (from === undefined) summary.inserted++;
    else if (from === row.status) summary.unchanged++;
    else summary.changed++;
    if (from !== row.status) {
      history.push({
        finding_id: row.id,
        scan_id: scanId,
        at: row.observed_at,
        from_status: from ?? null,
        to_status: row.status,
        reason: row.reason,
        change: 'status',
      });
    }
  }
  if (history.length > 0) await trx.insertInto('finding_history').values(history).execute();
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
  return db.transaction().execute(async (trx) => {
    // Writing first makes SQLite take the write lock at once (waiting out the busy timeout) instead
    // of failing to upgrade a read snapshot later.
    await trx.insertInto('scans').values(scanValues).execute();
    await upsertAccounts(trx, scan, accountRefs(scan, accounts), scanValues.finished_at);
    const summary: RecordSummary = { inserted: 0, changed: 0, unchanged: 0 };
    for (const part of chunks(findings, CHUNK)) await recordChunk(trx, dialect, scan.id, part, summary);
    return summary;
  });
}
