import { ListAccounts$ } from '@aws-sdk/client-organizations';
import { AwsError } from '../aws-error.ts';
import type { ServiceSpec } from '../service.ts';

export const organizations: ServiceSpec = {
  id: 'organizations',
  signingName: 'organizations',
  protocol: 'awsJson1_1',
  namespace: 'com.amazonaws.organizations',
  targetPrefix: 'AWSOrganizationsV20161128',
  global: true,
  operations: {
    ListAccounts: {
      schema: ListAccounts$,
      handle(ctx, input) {
        const management = ctx.world.organization.managementAccountId ?? ctx.world.callerAccountId;
        if (ctx.identity.accountId !== management) {
          throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.");
        }
        const accounts = ctx.world.organization.accounts.map((a) => ({
          ...a,
          Arn: a.Arn ?? `arn:${ctx.partition}:organizations::${management}:account/o-emulator01/${a.Id}`,
        }));
        const page = ctx.page(accounts, input.NextToken, input.MaxResults);
        return { Accounts: page.items, NextToken: page.next };
      },
    },
  },
};
