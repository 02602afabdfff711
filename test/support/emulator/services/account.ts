import { GetAlternateContact$ } from '@aws-sdk/client-account';
import { AwsError } from '../aws-error.ts';
import type { AccountData } from '../data.ts';
import { required, str } from '../input.ts';
import type { Input, OpContext, ServiceSpec } from '../service.ts';

/** The account asked about: the caller's, or (for the management account) the one in `AccountId`. */
function target(ctx: OpContext, input: Input): AccountData {
  const accountId = str(input, 'AccountId');
  if (!accountId || accountId === ctx.identity.accountId) return ctx.data;
  const management = ctx.world.organization.managementAccountId ?? ctx.world.callerAccountId;
  if (ctx.identity.accountId !== management) {
    throw new AwsError('AccessDeniedException', `User: ${ctx.identity.arn} is not authorized to perform this action on account ${accountId}`);
  }
  return ctx.dataOf(accountId);
}

export const account: ServiceSpec = {
  id: 'account',
  signingName: 'account',
  protocol: 'restJson1',
  namespace: 'com.amazonaws.account',
  global: true,
  operations: {
    GetAlternateContact: {
      schema: GetAlternateContact$,
      handle(ctx, input) {
        const type = required(input, 'AlternateContactType');
        const contact = type === 'SECURITY' ? target(ctx, input).global('account.securityContact') : undefined;
        if (!contact) throw new AwsError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.');
        return { AlternateContact: contact };
      },
    },
  },
};
