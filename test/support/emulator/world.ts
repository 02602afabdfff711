import type { Finding as GuardDutyFinding } from '@aws-sdk/client-guardduty';
import type { Account } from '@aws-sdk/client-organizations';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { Inventory, Plain } from '../../../src/collect/inventory.ts';

export type OptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in';

export interface WorldRegion {
  RegionName: string;
  OptInStatus: OptInStatus;
}

/** An account as Organizations ListAccounts returns it (dates as ISO strings). */
export type OrgAccount = Plain<Account> & {
  Id: string;
  Name: string;
  Email: string;
  Status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
};

/**
 * An injected error. Unset selectors match everything; `times` limits how often it fires
 * (unset: every matching call). For AssumeRole, `accountId` is the account whose role is assumed.
 */
export interface Fault {
  accountId?: string;
  region?: string;
  /** Signing name (`iam`, `ec2`, `monitoring`, `logs`, ...) or `s3control`. */
  service?: string;
  operation?: string;
  code: string;
  message?: string;
  httpStatus?: number;
  times?: number;
}

/** A Security Hub finding as stored: it lives in the account and region its AwsAccountId and Region name. */
export type AsffDocument = Plain<AwsSecurityFinding> & { Id: string; ProductArn: string; AwsAccountId: string; Region: string; UpdatedAt: string };

/** A GuardDuty finding (SDK member names); it lives in the account and region it names. */
export type GuardDutyDocument = Plain<GuardDutyFinding> & { Id: string; AccountId: string; Region: string; UpdatedAt: string };

/** Cross-region aggregation of one account: GetFindings in `region` also returns the linked regions' findings. */
export interface FindingAggregatorConfig {
  region: string;
  mode: 'ALL_REGIONS' | 'ALL_REGIONS_EXCEPT_SPECIFIED' | 'SPECIFIED_REGIONS' | 'NO_REGIONS';
  /** The regions the mode names (excepted or specified). */
  regions?: string[];
}

/**
 * Security Hub and GuardDuty findings. Whether Security Hub is enabled in an account's region, and
 * its GuardDuty detectors, come from the inventory (`securityhub.hub`, `guardduty.detectors`), as
 * DescribeHub and ListDetectors answer them.
 */
export interface HubWorld {
  securityhub?: {
    /** BatchImportFindings adds to and replaces in this list, keyed by (ProductArn, Id). */
    findings: AsffDocument[];
    /** Delegated administrator: its GetFindings also returns every organization account's findings. */
    adminAccountId?: string;
    /** Per account. */
    aggregators?: Record<string, FindingAggregatorConfig>;
    /** Findings BatchImportFindings rejects, by finding Id, with the FailedFindings error it reports. */
    importFailures?: { id: string; code: string; message: string }[];
  };
  guardduty?: {
    findings: GuardDutyDocument[];
    /** Delegated administrator: its detectors also list every organization account's findings. */
    adminAccountId?: string;
  };
}

export interface EmulatorWorld {
  /** Account of the base credentials: every access key not issued by AssumeRole belongs to it. */
  callerAccountId: string;
  /** The role AssumeRole may target in every organization account. */
  roleName: string;
  /** When set, AssumeRole must pass exactly this ExternalId. */
  externalId?: string;
  organization: {
    /** Only this account may list the organization (default: `callerAccountId`). */
    managementAccountId?: string;
    accounts: OrgAccount[];
    /** Organizational units below the root (`r-root`); accounts not placed in one sit in the root. */
    ous?: { id: string; name: string; parentId: string }[];
    /** Account id → the OU it sits in. */
    placement?: Record<string, string>;
    /** Account id → its tags. */
    tags?: Record<string, Record<string, string>>;
  };
  regions: WorldRegion[];
  /** Per account, the regions whose opt-in status differs from `regions`. */
  accountRegions?: Record<string, Record<string, OptInStatus>>;
  /** What every account holds; a failed dataset is answered with its AWS error. */
  inventory: Inventory;
  faults?: Fault[];
  hub?: HubWorld;
}

export interface EmulatorOptions {
  /** Items per page of every paginated API (MaxResults/MaxItems/Limit win when smaller). Default 2. */
  pageSize?: number;
  /** Fixed delay before answering each call. */
  latencyMs?: number;
}

/** One request as the emulator saw it. */
export interface CallRecord {
  accountId: string;
  region: string;
  service: string;
  operation: string;
  /** The decoded request parameters as canonical JSON, so repeated identical calls can be spotted. */
  input: string;
  status: number;
  errorCode?: string;
}
