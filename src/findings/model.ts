import { createHash } from 'node:crypto';

export const STATUSES = ['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE', 'ERROR'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Region value for results about account-wide (global) settings. */
export const GLOBAL_REGION = 'global';

/**
 * One row per (source, check or control id, account, region, resource) — and, for Rampart's own
 * checks, per framework, since one check can be automated in one framework and manual in another
 * (as Security Hub keeps a control finding per standard). The id is a stable hash of those, so a
 * re-scan updates the finding instead of duplicating it.
 */
export interface Finding {
  id: string;
  source: string;
  checkId: string;
  accountId: string;
  accountName?: string;
  region: string;
  resourceId: string;
  resourceType: string;
  status: Status;
  severity: Severity;
  title: string;
  reason: string;
  /** Framework the status was judged under, e.g. `cis-aws-3.0.0`. */
  framework: string;
  /** Requirement ids of that framework this finding counts for, e.g. `['1.4']`. */
  requirements: string[];
  remediation?: string;
  /** AWS error code when status is ERROR (e.g. `AccessDenied`). */
  errorCode?: string;
  evidence?: unknown;
  /** When this result was observed (scan time, or the inventory's collection time). */
  observedAt: string;
}

export function findingId(
  source: string,
  checkId: string,
  accountId: string,
  region: string,
  resourceId: string,
  framework?: string,
): string {
  return createHash('sha256')
    .update([source, checkId, accountId, region, resourceId, ...(framework ? [framework] : [])].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
