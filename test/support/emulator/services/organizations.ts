import {
  ListAccounts$,
  ListAccountsForParent$,
  ListOrganizationalUnitsForParent$,
  ListRoots$,
  ListTagsForResource$,
} from '@aws-sdk/client-organizations';
import { AwsError } from '../aws-error.ts';
import { required } from '../input.ts';
import type { OpContext, ServiceSpec } from '../service.ts';

export const ROOT_ID = 'r-root';

function management(ctx: OpContext): string {
  const id = ctx.world.organization.managementAccountId ?? ctx.world.callerAccountId;
  if (ctx.identity.accountId !== id) throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.");
  return id;
}

function accounts(ctx: OpContext, managementId: string) {
  return ctx.world.organization.accounts.map((a) => ({
    ...a,
    Arn: a.Arn ?? `arn:${ctx.partition}:organizations::${managementId}:account/o-emulator01/${a.Id}`,
  }));
}

function knownParent(ctx: OpContext, parentId: string): void {
  if (parentId !== ROOT_ID && !(ctx.world.organization.ous ?? []).some((o) => o.id === parentId)) {
    throw new AwsError('ParentNotFoundException', 'We could not find a root or organizational unit (OU) with the ParentId that you specified.');
  }
}

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
        const page = ctx.page(accounts(ctx, management(ctx)), input.NextToken, input.MaxResults);
        return { Accounts: page.items, NextToken: page.next };
      },
    },
    ListRoots: {
      schema: ListRoots$,
      handle(ctx, input) {
        const id = management(ctx);
        const roots = [{ Id: ROOT_ID, Arn: `arn:${ctx.partition}:organizations::${id}:root/o-emulator01/${ROOT_ID}`, Name: 'Root', PolicyTypes: [] }];
        const page = ctx.page(roots, input.NextToken, input.MaxResults);
        return { Roots: page.items, NextToken: page.next };
      },
    },
    ListOrganizationalUnitsForParent: {
      schema: ListOrganizationalUnitsForParent$,
      handle(ctx, input) {
        const id = management(ctx);
        const parent = required(input, 'ParentId', 'InvalidInputException');
        knownParent(ctx, parent);
        const ous = (ctx.world.organization.ous ?? [])
          .filter((o) => o.parentId === parent)
          .map((o) => ({ Id: o.id, Name: o.name, Arn: `arn:${ctx.partition}:organizations::${id}:ou/o-emulator01/${o.id}` }));
        const page = ctx.page(ous, input.NextToken, input.MaxResults);
        return { OrganizationalUnits: page.items, NextToken: page.next };
      },
    },
    ListAccountsForParent: {
      schema: ListAccountsForParent$,
      handle(ctx, input) {
        const id = management(ctx);
        const parent = required(input, 'ParentId', 'InvalidInputException');
        knownParent(ctx, parent);
        const placement = ctx.world.organization.placement ?? {};
        const page = ctx.page(
          accounts(ctx, id).filter((a) => (placement[a.Id] ?? ROOT_ID) === parent),
          input.NextToken,
          input.MaxResults,
        );
        return { Accounts: page.items, NextToken: page.next };
      },
    },
    ListTagsForResource: {
      schema: ListTagsForResource$,
      handle(ctx, input) {
        management(ctx);
        const resource = required(input, 'ResourceId', 'InvalidInputException');
        if (!ctx.world.organization.accounts.some((a) => a.Id === resource)) {
          throw new AwsError('TargetNotFoundException', 'We could not find a target with the TargetId that you specified.');
        }
        const tags = Object.entries(ctx.world.organization.tags?.[resource] ?? {}).map(([Key, Value]) => ({ Key, Value }));
        const page = ctx.page(tags, input.NextToken, undefined);
        return { Tags: page.items, NextToken: page.next };
      },
    },
  },
};
