import type { Severity, Status } from '../findings/model.ts';
import type {
  CollectError,
  DatasetKey,
  GlobalDatasets,
  GlobalKey,
  RegionalDatasets,
  RegionalKey,
} from '../collect/inventory.ts';

export interface CheckOptions {
  /** CIS 1.7: flag root activity more recent than this many days. */
  rootUsageWindowDays: number;
  /** CIS 1.16: also judge AWS-managed policies such as AdministratorAccess (the CIS audit does). */
  includeAwsManagedAdminPolicies: boolean;
  /**
   * Metric-filter matching: `strict` (default, as the CIS audit and Security Hub judge it) needs a
   * pattern equivalent to a published CIS pattern, whatever its quoting, spacing or term order;
   * `lenient` accepts any pattern that fires on at least every event the CIS pattern fires on.
   */
  metricFilterMode: 'strict' | 'lenient';
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  rootUsageWindowDays: 90,
  includeAwsManagedAdminPolicies: true,
  metricFilterMode: 'strict',
};

/** Thrown by the context when a dataset a check needs could not be collected. */
export class DataUnavailable extends Error {
  readonly error: CollectError;
  readonly dataset: DatasetKey;
  readonly region: string | undefined;
  constructor(dataset: DatasetKey, error: CollectError, region?: string) {
    super(`${dataset}${region ? ` in ${region}` : ''} could not be collected: ${error.code}: ${error.message}`);
    this.error = error;
    this.dataset = dataset;
    this.region = region;
  }
}

export interface RegionalData<T> {
  region: string;
  data?: T;
  error?: CollectError;
}

/** What a check sees of one account. Reading a dataset that failed throws DataUnavailable. */
export interface CheckContext {
  accountId: string;
  partition: string;
  /** Scanned regions of this account. */
  regions: string[];
  now: Date;
  options: CheckOptions;
  global<K extends GlobalKey>(key: K): GlobalDatasets[K];
  regional<K extends RegionalKey>(key: K, region: string): RegionalDatasets[K];
  /** Every scanned region's dataset or its error, for checks that look across regions. */
  regionalAll<K extends RegionalKey>(key: K): RegionalData<RegionalDatasets[K]>[];
}

/** One result of a check. `region` is `global` for account-wide settings. */
export interface CheckResult {
  status: Exclude<Status, 'MANUAL'>;
  region: string;
  resourceId: string;
  resourceType: string;
  /** Says what exactly holds or is wrong: "trail `main` is not multi-region", not "failed". */
  reason: string;
  errorCode?: string;
  evidence?: unknown;
}

export type CheckScope = 'account' | 'region' | 'any-region' | 'resource';

interface CheckBase {
  /** snake_case, stable forever. */
  id: string;
  title: string;
  severity: Severity;
  scope: CheckScope;
  /** Datasets the check reads; the scan collects only what the selected checks read. */
  reads: readonly DatasetKey[];
  /** How to fix a failure, shown in reports and escalations. */
  remediation: string;
}

/** Evaluated once per account (account-wide settings, any-region conditions, global resources). */
export interface AccountCheck extends CheckBase {
  evaluate(ctx: CheckContext): CheckResult[];
}

/** Evaluated in every scanned region; results carry that region. */
export interface RegionCheck extends CheckBase {
  evaluateRegion(ctx: CheckContext, region: string): CheckResult[];
}

export type Check = AccountCheck | RegionCheck;

export function isRegionCheck(c: Check): c is RegionCheck {
  return 'evaluateRegion' in c;
}
