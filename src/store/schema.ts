import type { Generated } from 'kysely';

/** Row shapes of the tables as Kysely sees them. Timestamps are ISO-8601 text on both dialects. */
export interface ScansTable {
  id: string;
  source: string;
  actor: string;
  started_at: string;
  finished_at: string;
  framework: string;
  /** JSON text. */
  accounts: string;
  regions: string;
  counts: string;
  errors: string;
  skipped: string;
  status: string;
}

export interface AccountsTable {
  id: string;
  name: string | null;
  last_scan_id: string | null;
  last_scanned_at: string | null;
}

export interface FindingsTable {
  id: string;
  source: string;
  check_id: string;
  account_id: string;
  account_name: string | null;
  region: string;
  resource_id: string;
  resource_type: string;
  status: string;
  severity: string;
  /** Position of `severity` in SEVERITIES, so that ordering and `minSeverity` can use an index. */
  severity_rank: number;
  title: string;
  reason: string;
  framework: string;
  /** JSON text. */
  requirements: string;
  remediation: string | null;
  error_code: string | null;
  /** JSON text; NULL when the finding has no evidence. */
  evidence: string | null;
  observed_at: string;
  first_seen: string;
  last_seen: string;
  status_changed_at: string;
  last_scan_id: string;
}

export interface FindingHistoryTable {
  id: Generated<number>;
  finding_id: string;
  scan_id: string;
  at: string;
  from_status: string | null;
  to_status: string;
  reason: string;
}

export interface Database {
  scans: ScansTable;
  accounts: AccountsTable;
  findings: FindingsTable;
  finding_history: FindingHistoryTable;
}
