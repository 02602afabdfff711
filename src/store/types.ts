import type { Finding, Severity, Status } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import type { Outbox } from './outbox.ts';

export type StoreDialect = 'sqlite' | 'postgres';

export type StoredFinding = Finding & {
  firstSeen: string;
  lastSeen: string;
  statusChangedAt: string;
  lastScanId: string;
};

/**
 * Filters combine with AND; a list matches any of its values. An empty list does not filter.
 * Results are ordered by severity (highest first), account, check, region, resource.
 */
export interface FindingQuery {
  status?: Status[];
  accountId?: string[];
  region?: string[];
  checkId?: string[];
  framework?: string;
  source?: string;
  /** Only findings at least this severe. */
  minSeverity?: Severity;
  limit?: number;
  offset?: number;
}

/** `changed` counts existing findings whose status changed; `unchanged` those whose status did not. */
export interface RecordSummary {
  inserted: number;
  changed: number;
  unchanged: number;
}

export interface HistoryEntry {
  /** `status`: the status changed; `resolved`: closed upstream or gone; `reopened`: back after that. */
  change: 'status' | 'resolved' | 'reopened';
  findingId: string;
  scanId: string;
  at: string;
  fromStatus: Status | null;
  toStatus: Status;
  reason: string;
}

/** What AWS Organizations says of an account, as far as it is known. */
export interface AccountRef {
  id: string;
  name?: string;
  email?: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, ... */
  state?: string;
  ouId?: string;
  /** OU names from the root, e.g. `Root/Workloads/Prod`. */
  ouPath?: string;
  tags?: Record<string, string>;
}

export interface StoredAccount extends AccountRef {
  lastScanId?: string;
  lastScannedAt?: string;
}

export interface Store {
  dialect: StoreDialect;
  /** Records a scan and its findings in ONE transaction (all or nothing). */
  recordScan(scan: ScanRecord, findings: Finding[], accounts: AccountRef[]): Promise<RecordSummary>;
  findings(q: FindingQuery): Promise<StoredFinding[]>;
  /** Every status change of one finding, oldest first. */
  findingHistory(findingId: string): Promise<HistoryEntry[]>;
  /** Most recent first. */
  scans(limit?: number): Promise<ScanRecord[]>;
  accounts(): Promise<StoredAccount[]>;
  /** The notification outbox: each (route, channel, finding) once, kept until delivered. */
  outbox: Outbox;
  close(): Promise<void>;
}
