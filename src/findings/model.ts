import { hash } from 'node:crypto';

export const STATUSES = ['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE', 'ERROR'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Region value for results about account-wide (global) settings. */
export const GLOBAL_REGION = 'global';

/** Upstream record state (ASFF `RecordState`): an ARCHIVED finding is no longer current. */
export const RECORD_STATES = ['ACTIVE', 'ARCHIVED'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/** ASFF `Workflow.Status`: RESOLVED and SUPPRESSED findings are closed. */
export const WORKFLOW_STATUSES = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/**
 * How a finding reached Rampart. A complete pull through one origin resolves the findings that
 * origin delivered last and no longer returns; findings delivered by another origin are left alone.
 */
export const ORIGINS = ['scan', 'securityhub', 'guardduty', 'asff-file', 'eventbridge'] as const;
export type Origin = (typeof ORIGINS)[number];

/**
 * The producer's own document, kept as received: parsed, or (from a file) its exact JSON text, which
 * an import of millions of findings stores without holding a parsed copy of each.
 */
export type RawDocument = { format: 'asff' | 'guardduty' | 'ocsf' } & ({ document: unknown } | { text: string });

export function rawJson(raw: RawDocument): string {
  return 'text' in raw ? raw.text : JSON.stringify(raw.document);
}

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
  /**
   * When this result was observed: scan time, the inventory's collection time, or for imported
   * findings the producer's last observation (ASFF LastObservedAt, else UpdatedAt), so that
   * re-importing the same document changes nothing.
   */
  observedAt: string;
  /** Default `scan`. */
  origin?: Origin;
  /** Default ACTIVE. */
  recordState?: RecordState;
  /** Default NEW. */
  workflowStatus?: WorkflowStatus;
  /** Finding type: ASFF `Types[0]`, GuardDuty `type` (e.g. `Recon:EC2/PortProbeUnprotectedPort`). */
  type?: string;
  description?: string;
  /** Producing product, e.g. `GuardDuty`, `Inspector`, `Security Hub`, `Prowler`. */
  product?: string;
  /** When the producer created it (ASFF FirstObservedAt/CreatedAt). */
  createdAt?: string;
  /** When the producer last changed it (ASFF UpdatedAt, GuardDuty updatedAt). */
  updatedAt?: string;
  /**
   * Regions the finding was reported in. A finding about a global resource that a producer raises
   * in every region is one finding with region `global` and every reporting region listed here.
   */
  regions?: string[];
  raw?: RawDocument;
}

/** Closed findings: archived upstream, or resolved/suppressed in the workflow. */
export function isClosed(f: Pick<Finding, 'recordState' | 'workflowStatus'>): boolean {
  return f.recordState === 'ARCHIVED' || f.workflowStatus === 'RESOLVED' || f.workflowStatus === 'SUPPRESSED';
}

export function findingId(
  source: string,
  checkId: string,
  accountId: string,
  region: string,
  resourceId: string,
  framework?: string,
): string {
  // One-shot hash: an import computes millions of ids, and it is several times cheaper than a Hash object.
  return hash('sha256', [source, checkId, accountId, region, resourceId, ...(framework ? [framework] : [])].join('\u0000'), 'hex').slice(0, 32);
}
