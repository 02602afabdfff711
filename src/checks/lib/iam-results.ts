import type { CredentialReportRow } from '../../collect/inventory.ts';
import { GLOBAL_REGION } from '../../findings/model.ts';
import type { CheckContext, CheckResult } from '../types.ts';
import { ROOT_USER } from './credential-report.ts';

export interface Resource {
  resourceId: string;
  resourceType: string;
}

export function accountResource(ctx: CheckContext): Resource {
  return { resourceId: ctx.accountId, resourceType: 'AwsAccount' };
}

/** A credential-report row as a resource; the root user stands for the account itself. */
export function userResource(ctx: CheckContext, row: CredentialReportRow): Resource {
  if (row.user === ROOT_USER) return accountResource(ctx);
  return { resourceId: row.arn || row.user || 'unknown', resourceType: 'AwsIamUser' };
}

/** How a user is named in reasons. */
export function userLabel(row: CredentialReportRow): string {
  return row.user === ROOT_USER ? 'root user' : `user \`${row.user}\``;
}

/** Data is present but lacks a field needed to judge: never guess PASS or FAIL. */
export const INCOMPLETE = 'IncompleteData';

export function globalResult(
  resource: Resource,
  status: CheckResult['status'],
  reason: string,
  extra: { evidence?: unknown; errorCode?: string } = {},
): CheckResult {
  return { status, region: GLOBAL_REGION, ...resource, reason, ...extra };
}
