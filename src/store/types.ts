import type { CompiledQuery } from 'kysely';
import type { Finding, Origin, RawDocument, RecordState, Severity, Status, WorkflowStatus } from '../findings/model.ts';
import type { RunSource, ScanIssue, ScanRecord, SkippedItem } from '../findings/scan.ts';
import type { ComplianceStore } from './compliance.ts';
import type { DashboardStore } from './dashboard.ts';
import type { DigestStore } from './digests.ts';
import type { JobRunsStore } from './job-runs.ts';
import type { Outbox } from './outbox.ts';

export type StoreDialect = 'sqlite' | 'postgres';

/** Runs a compiled query and returns its rows as arrays, in the order of its columns. */
export interface ArrayReader {
  readArrays(query: CompiledQuery): Promise<unknown[][]>;
}

export type StoredFinding = Finding & {
  firstSeen: string;
  lastSeen: string;
  statusChangedAt: string;
  /** The last run that saw it. */
  lastScanId: string;
  origin: Origin;
  recordState: RecordState;
  workflowStatus: WorkflowStatus;
  /** Set while the finding is closed: archived or resolved upstream, or gone from a complete pull or scan. */
  resolvedAt?: string;
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
  origin?: Origin;
  /** true: only findings not resolved; false: only resolved ones. */
  open?: boolean;
  /** Only findings at least this severe. */
  minSeverity?: Severity;
  limit?: number;
  offset?: number;
}

/**
 * `changed` counts existing findings whose status changed; `unchanged` those whose status did not;
 * `resolved` findings closed by this run (upstream, or gone from a complete pull or scan);
 * `reopened` resolved findings reported again.
 */
export interface RecordSummary {
  inserted: number;
  changed: number;
  unchanged: number;
  resolved: number;
  reopened: number;
}

/**
 * A part of the world a run saw completely: every open finding delivered by `origin` in these
 * account regions (and, with `global`, the account's global findings) that the run did not see
 * is gone upstream and is resolved.
 */
export interface CompleteScope {
  origin: Origin;
  accountId: string;
  regions: string[];
  global: boolean;
}

export interface ImportStart {
  source: Exclude<RunSource, 'scan' | 'evaluate' | 'demo'>;
  actor: string;
  startedAt: Date;
  /**
   * Findings written per transaction across calls to `add`, for a caller that uses the store for
   * nothing else until `finish`: meanwhile the open transaction holds SQLite's connection (other
   * calls wait for it) and PostgreSQL's row locks. Without it each `add` commits on its own.
   */
  commitEvery?: number;
}

/** A streaming import: the run is recorded first, batches commit as they arrive, resolution last. */
export interface ImportSession {
  readonly runId: string;
  add(findings: readonly Finding[]): Promise<void>;
  finish(p: {
    finishedAt: Date;
    /** Who ran it, when that is only known at the end (the caller of a pull). */
    actor?: string;
    complete: readonly CompleteScope[];
    accounts: readonly AccountRef[];
    issues: readonly ScanIssue[];
    skipped?: readonly SkippedItem[];
  }): Promise<{ run: ScanRecord; summary: RecordSummary }>;
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
  /** Starts an import run (Security Hub, GuardDuty, ASFF file, EventBridge delivery). */
  beginImport(run: ImportStart): Promise<ImportSession>;
  /** Findings pushed by EventBridge, counted in one run per UTC day; one transaction per call. */
  recordDelivery(delivery: { source: 'eventbridge'; actor: string; at: Date; findings: readonly Finding[] }): Promise<{ runId: string; summary: RecordSummary }>;
  findings(q: FindingQuery): Promise<StoredFinding[]>;
  /** The producer's document of an imported finding, as received. */
  rawDocument(findingId: string): Promise<{ format: RawDocument['format']; document: unknown } | undefined>;
  /** Every status change of one finding, oldest first. */
  findingHistory(findingId: string): Promise<HistoryEntry[]>;
  /** Most recent first. */
  scans(limit?: number): Promise<ScanRecord[]>;
  accounts(): Promise<StoredAccount[]>;
  /** The notification outbox: each (route, channel, finding) once, kept until delivered. */
  outbox: Outbox;
  /** Daily compliance by the policy, streaks and escalations sent. */
  compliance: ComplianceStore;
  /** What the dashboard reads: paged and grouped findings, trends, escalation history. */
  dashboard: DashboardStore;
  /** Digests sent, so the next one compares with the last and none goes out twice. */
  digests: DigestStore;
  /** Runs of scheduled jobs: who holds a job now, what each run came to. */
  jobRuns: JobRunsStore;
  close(): Promise<void>;
}
