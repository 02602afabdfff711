import { awsManagedPolicyArn } from '../../collect/arn.ts';
import type { PolicyEntities } from '../../collect/inventory.ts';
import { DataUnavailable, type CheckContext } from '../types.ts';

const DATASET = 'iam.policyEntities';

/**
 * Users, groups and roles an AWS-managed policy is attached to. Throws DataUnavailable (so the
 * engine reports ERROR with the AWS code) when ListEntitiesForPolicy failed or was not run.
 */
export function entitiesForAwsPolicy(ctx: CheckContext, name: string): PolicyEntities {
  const arn = awsManagedPolicyArn(ctx.partition, name);
  const entry = ctx.global(DATASET)[arn];
  if (!entry) {
    throw new DataUnavailable(DATASET, { code: 'NotCollected', message: `no entities were collected for ${arn}` });
  }
  if (!entry.ok) {
    throw new DataUnavailable(DATASET, { code: entry.error.code, message: `${arn}: ${entry.error.message}` });
  }
  return entry.data;
}

/** "users `a`, `b`; roles `c`" — the entities that hold the policy, by kind. */
export function describeEntities(e: PolicyEntities): string {
  const names = (label: string, list: (string | undefined)[]) =>
    list.length ? `${label} ${list.map((n) => `\`${n ?? '?'}\``).join(', ')}` : undefined;
  return [
    names('users', e.users.map((u) => u.UserName)),
    names('groups', e.groups.map((g) => g.GroupName)),
    names('roles', e.roles.map((r) => r.RoleName)),
  ]
    .filter((s) => s !== undefined)
    .join('; ');
}
