import { createHash } from 'node:crypto';
import { AwsError } from './aws-error.ts';
import type { Page } from './paginate.ts';
import { regionsOf } from './regions.ts';
import type { OpContext } from './service.ts';
import type { EmulatorWorld, FindingAggregatorConfig } from './world.ts';

export function managementAccountOf(world: EmulatorWorld): string {
  return world.organization.managementAccountId ?? world.callerAccountId;
}

/**
 * The accounts whose findings a caller sees: its own, and every organization account when it is
 * the service's delegated administrator.
 */
export function visibleAccounts(world: EmulatorWorld, caller: string, adminAccountId: string | undefined): Set<string> {
  const accounts = new Set([caller]);
  if (adminAccountId === caller) for (const a of world.organization.accounts) accounts.add(a.Id);
  return accounts;
}

/** The regions an aggregator in `config.region` links, among the account's enabled regions. */
export function linkedRegions(world: EmulatorWorld, accountId: string, config: FindingAggregatorConfig): string[] {
  const enabled = regionsOf(world, accountId)
    .filter((r) => r.OptInStatus !== 'not-opted-in')
    .map((r) => r.RegionName)
    .filter((r) => r !== config.region);
  const named = new Set(config.regions ?? []);
  switch (config.mode) {
    case 'ALL_REGIONS':
      return enabled;
    case 'ALL_REGIONS_EXCEPT_SPECIFIED':
      return enabled.filter((r) => !named.has(r));
    case 'SPECIFIED_REGIONS':
      return enabled.filter((r) => named.has(r));
    case 'NO_REGIONS':
      return [];
  }
}

/** Security Hub answers InvalidAccessException in a region where the account has not enabled it. */
export function requireSecurityHub(ctx: OpContext): void {
  if (!ctx.data.regional(ctx.region, 'securityhub.hub')) {
    throw new AwsError('InvalidAccessException', `Account ${ctx.identity.accountId} is not subscribed to AWS Security Hub`);
  }
}

/**
 * A page whose token only continues the same query: AWS rejects a NextToken sent with different
 * filters, so a caller that rebuilds its filters per page (a moving `End` date) is caught.
 */
export function pageOfQuery<T>(
  ctx: OpContext,
  query: unknown,
  items: readonly T[],
  token: unknown,
  max: unknown,
  invalid: () => AwsError,
): Page<T> {
  const key = createHash('sha256').update(JSON.stringify(query ?? null)).digest('hex').slice(0, 16);
  let inner: string | undefined;
  if (typeof token === 'string' && token !== '') {
    const [prefix, rest] = token.split('.', 2);
    if (prefix !== key || rest === undefined) throw invalid();
    inner = rest;
  }
  const page = ctx.page(items, inner, max);
  return { items: page.items, next: page.next === undefined ? undefined : `${key}.${page.next}` };
}
