/** How an account stands on one control on one day, by the organization's policy. */
export const COMPLIANCE_STATUSES = ['compliant', 'non_compliant', 'excepted', 'disabled', 'unknown'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface DailyDetail {
  /** Policy exceptions (by their position in the file) that covered failures. */
  exceptions?: number[];
  /** Failing results each of those exceptions covered, in the same order. */
  covered?: number[];
  /** Exceptions that would have covered a failure but expired on or before this day. */
  expired?: { index: number; expires: string }[];
  /** AWS error codes of results that could not be judged. */
  errors?: string[];
  /** Resources that fail (at most a few, for reports and escalations). */
  resources?: string[];
}

export interface DailyRow {
  /** UTC calendar day, `2026-11-29`. */
  day: string;
  accountId: string;
  /** `cis-aws-3.0.0/1.4` or `securityhub/IAM.6`. */
  control: string;
  /** Framework id, or `securityhub`. */
  framework: string;
  section: string;
  status: ComplianceStatus;
  /** Regions where it fails (non-compliant) or could not be judged (unknown). */
  regions: string[];
  /** Failing results not covered by an exception. */
  failing: number;
  /** Failing results an exception covers. */
  excepted: number;
  detail?: DailyDetail;
}

/** Consecutive non-compliant days of one account and control, as far as stored days show. */
export interface Streak {
  accountId: string;
  control: string;
  /** First day of the run of non-compliant days. */
  start: string;
  /** Last day a stored row says non-compliant (on or before the day asked about). */
  last: string;
  /** Calendar days from start to last. */
  days: number;
  /** Days between start and the day asked about without a judgement (no scan, or errors only). */
  missing: string[];
}
