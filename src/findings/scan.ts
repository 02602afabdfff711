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

/** One recorded run of `scan`, `evaluate` or `demo`. */
export interface ScanRecord {
  id: string;
  source: 'scan' | 'evaluate' | 'demo';
  /** Who ran it: the caller identity ARN for live scans, the inventory file for offline runs. */
  actor: string;
  startedAt: string;
  finishedAt: string;
  framework: string;
  accounts: string[];
  regions: string[];
  counts: Record<Status, number>;
  errors: ScanIssue[];
  skipped: SkippedItem[];
  /** `partial` when any result is ERROR or any account/region could not be scanned. */
  status: 'complete' | 'partial';
}
