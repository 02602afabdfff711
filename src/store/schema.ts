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
  email: string | null;
  /** Organizations account state (ACTIVE, SUSPENDED, ...). */
  state: string | null;
  ou_id: string | null;
  /** Names from the root, e.g. `Root/Workloads/Prod`. */
  ou_path: string | null;
  /** JSON object of the account's Organizations tags. */
  tags: string | null;
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
  /** The last run that saw the finding (a complete pull resolves what its run did not see). */
  last_scan_id: string;
  origin: string;
  record_state: string;
  workflow_status: string;
  finding_type: string | null;
  description: string | null;
  product: string | null;
  /** Producer's creation and last-update times. */
  created_at: string | null;
  updated_at: string | null;
  /** JSON array of the regions that reported the finding; NULL for a single-region finding. */
  regions: string | null;
  /** When the finding was closed (archived, resolved upstream, or gone from a complete pull). */
  resolved_at: string | null;
}

export interface FindingRawTable {
  finding_id: string;
  format: string;
  /** JSON text of the producer's document. */
  document: string;
}

export interface FindingHistoryTable {
  id: Generated<number>;
  finding_id: string;
  scan_id: string;
  at: string;
  from_status: string | null;
  to_status: string;
  reason: string;
  /** `status` (the status changed), `resolved` or `reopened`. */
  change: string;
}

export interface NotificationsTable {
  id: string;
  route: string;
  channel: string;
  finding_id: string;
  /** `pending` until the channel accepted it, then `sent`. */
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** The message it went out in (a summary message carries many findings). */
  message_key: string | null;
}

export interface ComplianceDailyTable {
  /** UTC calendar day, `2026-11-29`. */
  day: string;
  account_id: string;
  /** `cis-aws-3.0.0/1.4` or `securityhub/IAM.6`. */
  control: string;
  /** Framework id, or `securityhub`. */
  framework: string;
  section: string;
  status: string;
  /** JSON array of the regions where it failed (or could not be judged). */
  regions: string;
  failing: number;
  excepted: number;
  /** JSON: exceptions applied or expired, error codes. */
  detail: string | null;
  computed_at: string;
}

/** Compliant and non-compliant controls per day, account and framework (kept with compliance_daily). */
export interface ComplianceRollupTable {
  day: string;
  account_id: string;
  framework: string;
  compliant: number;
  non_compliant: number;
}

/** One row: a counter bumped with every day's judgement written. */
export interface ComplianceVersionTable {
  id: number;
  version: number;
}

export interface EscalationsTable {
  account_id: string;
  control: string;
  streak_start: string;
  tier: number;
  days: number;
  sent_at: string;
  /** JSON array of who was told. */
  recipients: string;
}

export interface DigestsTable {
  id: string;
  period: string;
  recipients: string;
  sent_at: string;
  day: string;
  org_rate: number | null;
  /** JSON of what the digest said. */
  summary: string;
}

export interface JobRunsTable {
  id: string;
  job: string;
  scheduled_for: string | null;
  started_at: string;
  finished_at: string | null;
  state: string;
  message: string | null;
}

export interface Database {
  scans: ScansTable;
  accounts: AccountsTable;
  findings: FindingsTable;
  finding_history: FindingHistoryTable;
  finding_raw: FindingRawTable;
  notifications: NotificationsTable;
  compliance_daily: ComplianceDailyTable;
  compliance_rollup: ComplianceRollupTable;
  compliance_version: ComplianceVersionTable;
  escalations: EscalationsTable;
  digests: DigestsTable;
  job_runs: JobRunsTable;
}
