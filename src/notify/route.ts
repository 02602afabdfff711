import { globPattern, inOu } from '../policy/match.ts';
import { isClosed, SEVERITIES, severityRank, type Severity } from '../findings/model.ts';
import type { Route } from '../policy/notifications.ts';
import type { AlertFinding, OutboxKey, StoredAccount } from '../store/index.ts';

export type RoutedFinding = Pick<
  AlertFinding,
  'id' | 'source' | 'product' | 'checkId' | 'type' | 'accountId' | 'region' | 'regions' | 'severity' | 'status' | 'recordState' | 'workflowStatus' | 'resolvedAt'
>;
export type RouteAccount = Pick<StoredAccount, 'id' | 'ouId' | 'ouPath'>;

/** Only a failing finding that is still open alerts: not archived, resolved, suppressed or gone. */
export function isAlertable(f: Pick<RoutedFinding, 'status' | 'recordState' | 'workflowStatus' | 'resolvedAt'>): boolean {
  return f.status === 'FAIL' && !isClosed(f) && f.resolvedAt === undefined;
}


/** `Security Hub` → `securityhub`, so `sources: [inspector]` also finds Inspector findings imported via Security Hub. */
function productKey(product: string | undefined): string | undefined {
  return product?.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A finding about a global resource counts as in every region that reported it. */
function regionsOf(f: Pick<RoutedFinding, 'region' | 'regions'>): string[] {
  return [...new Set([f.region, ...(f.regions ?? [])])];
}


export type RouteMatcher = (f: RoutedFinding, account: RouteAccount | undefined) => boolean;

/**
 * Whether a finding goes to a route. Keys combine with AND, a list matches any of its values;
 * `accounts` and `ous` together select the union of those accounts. The severity bar is the
 * lowest among the finding's regions that the route covers (`region_min_severity`, else
 * `min_severity`).
 */
export function routeMatcher(route: Route): RouteMatcher {
  const types = route.types?.map(globPattern);
  const sources = route.sources;
  const accounts = route.accounts;
  const ous = route.ous;
  return (f, account) => {
    if (!isAlertable(f)) return false;
    if (sources && !sources.some((s) => s === f.source || s === productKey(f.product))) return false;
    if (types && !types.some((t) => t.test(f.checkId) || (f.type !== undefined && t.test(f.type)))) return false;
    if ((accounts || ous) && !(accounts?.includes(f.accountId) || (ous && inOu(ous, account)))) return false;
    const covered = regionsOf(f).filter((r) => !route.regions || route.regions.includes(r));
    if (covered.length === 0) return false;
    const bar = Math.min(...covered.map((r) => severityRank(route.region_min_severity?.[r] ?? route.min_severity)));
    return severityRank(f.severity) >= bar;
  };
}

/** Every (route, channel, finding) the findings go to. */
export function matchRoutes(
  findings: readonly RoutedFinding[],
  routes: readonly Route[],
  accounts: ReadonlyMap<string, RouteAccount>,
): OutboxKey[] {
  const matchers = routes.map((r) => [r, routeMatcher(r)] as const);
  const out: OutboxKey[] = [];
  for (const f of findings) {
    const account = accounts.get(f.accountId);
    for (const [route, matches] of matchers) {
      if (!matches(f, account)) continue;
      for (const channel of route.channels) out.push({ route: route.name, channel, findingId: f.id });
    }
  }
  return out;
}

/** The least severity any route can alert on: findings below it need not be read at all. */
export function lowestBar(routes: readonly Route[]): Severity {
  let rank = SEVERITIES.length - 1;
  for (const r of routes) {
    for (const s of [r.min_severity, ...Object.values(r.region_min_severity ?? {})]) rank = Math.min(rank, severityRank(s));
  }
  return SEVERITIES[rank] ?? 'informational';
}
