import type { Account } from '@aws-sdk/client-organizations';
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
  };
  regions: WorldRegion[];
  /** Per account, the regions whose opt-in status differs from `regions`. */
  accountRegions?: Record<string, Record<string, OptInStatus>>;
  /** What every account holds; a failed dataset is answered with its AWS error. */
  inventory: Inventory;
  faults?: Fault[];
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
