import type { Selectable } from 'kysely';
import { severityRank, type Finding, type Origin, type RecordState, type Severity, type Status, type WorkflowStatus } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import { StoreError } from './errors.ts';
import type { FindingHistoryTable, FindingsTable, ScansTable } from './schema.ts';
import type { HistoryEntry, StoredFinding } from './types.ts';

/**
 * Canonical ISO-8601 (UTC, milliseconds), so that text order is time order on both dialects.
 */
export function isoTimestamp(value: string, what: string): string {
  const date = new Date(value);
  if (typeof value !== 'string' || Number.isNaN(date.getTime())) {
    throw new StoreError(`${what} \`${String(value)}\` is not an ISO-8601 date-time`);
  }
  return date.toISOString();
}

export function scanRow(scan: ScanRecord): ScansTable {
  return {
    id: scan.id,
    source: scan.source,
    actor: scan.actor,
    started_at: isoTimestamp(scan.startedAt, `scan ${scan.id} startedAt`),
    finished_at: isoTimestamp(scan.finishedAt, `scan ${scan.id} finishedAt`),
    framework: scan.framework,
    accounts: JSON.stringify(scan.accounts),
    regions: JSON.stringify(scan.regions),
    counts: JSON.stringify(scan.counts),
    errors: JSON.stringify(scan.errors),
    skipped: JSON.stringify(scan.skipped),
    status: scan.status,
  };
}

export function scanFromRow(row: Selectable<ScansTable>): ScanRecord {
  return {
    id: row.id,
    source: row.source as ScanRecord['source'],
    actor: row.actor,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    framework: row.framework,
    accounts: JSON.parse(row.accounts) as string[],
    regions: JSON.parse(row.regions) as string[],
    counts: JSON.parse(row.counts) as ScanRecord['counts'],
    errors: JSON.parse(row.errors) as ScanRecord['errors'],
    skipped: JSON.parse(row.skipped) as ScanRecord['skipped'],
    status: row.status as ScanRecord['status'],
  };
}

/** The row for a finding as first seen in `scanId`; an upsert keeps first_seen of an existing row. */
export function findingRow(f: Finding, scanId: string): FindingsTable {
  const observedAt = isoTimestamp(f.observedAt, `finding ${f.id} observedAt`);
  const createdAt = f.createdAt === undefined ? null : isoTimestamp(f.createdAt, `finding ${f.id} createdAt`);
  return {
    id: f.id,
    source: f.source,
    check_id: f.checkId,
    account_id: f.accountId,
    account_name: f.accountName ?? null,
    region: f.region,
    resource_id: f.resourceId,
    resource_type: f.resourceType,
    status: f.status,
    severity: f.severity,
    severity_rank: severityRank(f.severity),
    title: f.title,
    reason: f.reason,
    framework: f.framework,
    requirements: JSON.stringify(f.requirements ?? []),
    remediation: f.remediation ?? null,
    error_code: f.errorCode ?? null,
    evidence: f.evidence === undefined ? null : JSON.stringify(f.evidence),
    observed_at: observedAt,
    // An imported finding was first seen when its producer created it.
    first_seen: createdAt !== null && createdAt < observedAt ? createdAt : observedAt,
    last_seen: observedAt,
    status_changed_at: observedAt,
    last_scan_id: scanId,
    origin: f.origin ?? 'scan',
    record_state: f.recordState ?? 'ACTIVE',
    workflow_status: f.workflowStatus ?? 'NEW',
    finding_type: f.type ?? null,
    description: f.description ?? null,
    product: f.product ?? null,
    created_at: createdAt,
    updated_at: f.updatedAt === undefined ? null : isoTimestamp(f.updatedAt, `finding ${f.id} updatedAt`),
    regions: f.regions?.length ? JSON.stringify(f.regions) : null,
    resolved_at: null,
  };
}

export function findingFromRow(row: Selectable<FindingsTable>): StoredFinding {
  const finding: StoredFinding = {
    id: row.id,
    source: row.source,
    checkId: row.check_id,
    accountId: row.account_id,
    region: row.region,
    resourceId: row.resource_id,
    resourceType: row.resource_type,
    status: row.status as Status,
    severity: row.severity as Severity,
    title: row.title,
    reason: row.reason,
    framework: row.framework,
    requirements: JSON.parse(row.requirements) as string[],
    observedAt: row.observed_at,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    statusChangedAt: row.status_changed_at,
    lastScanId: row.last_scan_id,
    origin: row.origin as Origin,
    recordState: row.record_state as RecordState,
    workflowStatus: row.workflow_status as WorkflowStatus,
  };
  if (row.account_name !== null) finding.accountName = row.account_name;
  if (row.remediation !== null) finding.remediation = row.remediation;
  if (row.error_code !== null) finding.errorCode = row.error_code;
  if (row.evidence !== null) finding.evidence = JSON.parse(row.evidence);
  if (row.finding_type !== null) finding.type = row.finding_type;
  if (row.description !== null) finding.description = row.description;
  if (row.product !== null) finding.product = row.product;
  if (row.created_at !== null) finding.createdAt = row.created_at;
  if (row.updated_at !== null) finding.updatedAt = row.updated_at;
  if (row.regions !== null) finding.regions = JSON.parse(row.regions) as string[];
  if (row.resolved_at !== null) finding.resolvedAt = row.resolved_at;
  return finding;
}

export function historyFromRow(row: Omit<Selectable<FindingHistoryTable>, 'id'>): HistoryEntry {
  return {
    change: row.change as HistoryEntry['change'],
    findingId: row.finding_id,
    scanId: row.scan_id,
    at: row.at,
    fromStatus: row.from_status as Status | null,
    toStatus: row.to_status as Status,
    reason: row.reason,
  };
}
