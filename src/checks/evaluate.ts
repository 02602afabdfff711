import type { AccountInventory } from '../collect/inventory.ts';
import { GLOBAL_REGION } from '../findings/model.ts';
import { contextFor } from './context.ts';
import {
  DataUnavailable,
  isRegionCheck,
  type Check,
  type CheckOptions,
  type CheckResult,
} from './types.ts';

const NO_REGION = { code: 'NoRegionScanned', message: 'no region of this account was scanned' };

export interface EvaluatedResult extends CheckResult {
  checkId: string;
}

function errorResult(accountId: string, region: string, err: unknown): CheckResult {
  if (err instanceof DataUnavailable) {
    return {
      status: 'ERROR',
      region,
      resourceId: accountId,
      resourceType: 'AwsAccount',
      reason: err.message,
      errorCode: err.error.code,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 'ERROR',
    region,
    resourceId: accountId,
    resourceType: 'AwsAccount',
    reason: `check failed: ${message}`,
    errorCode: 'CheckFailed',
  };
}

function nothingToEvaluate(accountId: string, region: string): CheckResult {
  return {
    status: 'NOT_APPLICABLE',
    region,
    resourceId: accountId,
    resourceType: 'AwsAccount',
    reason: 'nothing to evaluate',
  };
}

/**
 * Runs checks against one account's inventory. Missing data never turns into PASS or FAIL: a check
 * whose data could not be collected yields ERROR with the AWS error code, per region where it applies.
 */
export function evaluateAccount(
  checks: readonly Check[],
  account: AccountInventory,
  partition: string,
  now: Date,
  options: CheckOptions,
): EvaluatedResult[] {
  const out: EvaluatedResult[] = [];
  if (account.accessError) {
    const e = account.accessError;
    for (const check of checks) {
      out.push({
        checkId: check.id,
        status: 'ERROR',
        region: GLOBAL_REGION,
        resourceId: account.accountId,
        resourceType: 'AwsAccount',
        reason: `account could not be accessed: ${e.code}: ${e.message}`,
        errorCode: e.code,
      });
    }
    return out;
  }
  const ctx = contextFor(account, partition, now, options);
  for (const check of checks) {
    const push = (rs: CheckResult[], region: string) => {
      const list = rs.length > 0 ? rs : [nothingToEvaluate(account.accountId, region)];
      for (const r of list) out.push({ ...r, checkId: check.id });
    };
    if (isRegionCheck(check)) {
      if (account.regions.length === 0) {
        // Judged in every enabled region, and none was scanned: that is missing data, not "nothing to judge".
        push([errorResult(account.accountId, GLOBAL_REGION, new DataUnavailable(check.reads[0]!, NO_REGION))], GLOBAL_REGION);
        continue;
      }
      for (const region of account.regions) {
        try {
          push(check.evaluateRegion(ctx, region), region);
        } catch (err) {
          push([errorResult(account.accountId, region, err)], region);
        }
      }
    } else {
      try {
        push(check.evaluate(ctx), GLOBAL_REGION);
      } catch (err) {
        push([errorResult(account.accountId, GLOBAL_REGION, err)], GLOBAL_REGION);
      }
    }
  }
  return out;
}
