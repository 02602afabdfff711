import type { Status } from './model.ts';

/** A problem that kept part of the scan from running (account not accessible, region unusable, ...). */
export interface ScanIssue {
  accountId?: string;
  region?: string;
  /** AWS error code, e.g. `AccessDenied`. */
  code: string;
  message: string;
}

export interface SkippedItem {
  accountId?: string;
  region?: string;
  reason: string;
}

/** What a recorded run was: a scan (live, offline or the demo) or an import through one origin. */
export const RUN_SOURCES = ['scan', 'evaluate', 'demo', 'securityhub', 'guardduty', 'asff-file', 'eventbridge'] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

/** One recorded run of `scan`, `evaluate`, `demo` or an import. */
export interface ScanRecord {
  id: string;
  source: RunSource;
  /** Who ran it: the caller identity ARN for live scans, the inventory file for offline runs. */
  actor: string;
  startedAt: string;
  finishedAt: string;
  /** Framework judged under; empty for imports. */
  framework: string;
  accounts: string[];
  regions: string[];
  counts: Record<Status, number>;
  errors: ScanIssue[];
  skipped: SkippedItem[];
  /** `partial` when any result is ERROR or any account/region could not be scanned. */
  status: 'complete' | 'partial';
}
