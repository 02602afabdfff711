import { createHash } from 'node:crypto';
import { AssumeRole$, GetCallerIdentity$ } from '@aws-sdk/client-sts';
import { AwsError } from '../aws-error.ts';
import { num, required, str } from '../input.ts';
import type { Input, OpContext, ServiceSpec } from '../service.ts';

const ROLE_ARN = /^arn:[\w-]+:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/;

function roleId(accountId: string, roleName: string): string {
  return `AROA${createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 17).toUpperCase()}`;
}

function assumeRole(ctx: OpContext, input: Input) {
  const roleArn = required(input, 'RoleArn', 'ValidationError');
  const session = required(input, 'RoleSessionName', 'ValidationError');
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new AwsError('ValidationError', `${roleArn} is invalid`);
  const [, accountId, roleName] = match as unknown as [string, string, string];
  const denied = new AwsError(
    'AccessDenied',
    `User: ${ctx.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
  const accessError = ctx.dataOf(accountId).inventory?.accessError;
  if (accessError) throw AwsError.from(accessError);
  const member = ctx.world.organization.accounts.some((a) => a.Id === accountId);
  if (!member || roleName !== ctx.world.roleName) throw denied;
  if (ctx.world.externalId !== undefined && str(input, 'ExternalId') !== ctx.world.externalId) throw denied;
  const id = roleId(accountId, roleName);
  const identity = {
    accountId,
    arn: `arn:${ctx.partition}:sts::${accountId}:assumed-role/${roleName}/${session}`,
    userId: `${id}:${session}`,
  };
  return {
    Credentials: ctx.issue(identity, num(input, 'DurationSeconds') ?? 3600),
    AssumedRoleUser: { AssumedRoleId: identity.userId, Arn: identity.arn },
  };
}

export const sts: ServiceSpec = {
  id: 'sts',
  signingName: 'sts',
  protocol: 'awsQuery',
  namespace: 'com.amazonaws.sts',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  global: true,
  operations: {
    AssumeRole: {
      schema: AssumeRole$,
      subjectAccount: (input) => ROLE_ARN.exec(str(input, 'RoleArn') ?? '')?.[1],
      handle: assumeRole,
    },
    GetCallerIdentity: {
      schema: GetCallerIdentity$,
      handle: (ctx) => ({ UserId: ctx.identity.userId, Account: ctx.identity.accountId, Arn: ctx.identity.arn }),
    },
  },
};
