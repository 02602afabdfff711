import { owners } from '../../policy/load.ts';
import type { Contact } from '../../policy/owners.ts';
import { canSee, scopeOf } from '../auth.ts';
import type { Principal } from '../users.ts';
import { rateFrom } from '../../compliance/rates.ts';
import { ApiError, today, type DashboardContext } from './context.ts';
import { exceptionViews, type ExceptionView } from './exceptions.ts';
import { rateTrend, type RatePoint } from './overview.ts';

/** The account page's trend window. */
const ACCOUNT_TREND_DAYS = 90;

export interface AccountSummary {
  id: string;
  name: string | null;
  ouPath: string | null;
  rate: number | null;
  openFindings: number;
  lastScannedAt: string | null;
}

export async function accountList(ctx: DashboardContext, p: Principal): Promise<{ day: string | null; accounts: AccountSummary[] }> {
  const scope = scopeOf(p);
  const day = await ctx.store.dashboard.latestDay(today(ctx.now()));
  const rates = new Map((day ? await ctx.store.dashboard.accountRates({ day, ...(scope ? { accountId: scope } : {}) }) : []).map((r) => [r.accountId, r]));
  const open = await ctx.store.dashboard.openFailingByAccount(scope);
  const accounts = (await ctx.store.accounts())
    .filter((a) => canSee(p, a.id))
    .map((a) => ({
      id: a.id,
      name: a.name ?? null,
      ouPath: a.ouPath ?? null,
      rate: rateFrom(rates.get(a.id)?.compliant ?? 0, rates.get(a.id)?.nonCompliant ?? 0).rate,
      openFindings: open.get(a.id) ?? 0,
      lastScannedAt: a.lastScannedAt ?? null,
    }));
  return { day: day ?? null, accounts };
}

export interface AccountDetail {
  id: string;
  name: string | null;
  email: string | null;
  ouPath: string | null;
  owners: { owners: Contact[]; manager: Contact | null } | null;
  trend: RatePoint[];
  openFindings: { total: number; bySeverity: Record<string, number> };
  exceptions: ExceptionView[];
  escalations: { control: string; tier: number; days: number; sentAt: string; streakStart: string; recipients: string[] }[];
  lastScan: { id: string; source: string; startedAt: string; finishedAt: string; status: string; errors: { accountId?: string; region?: string; code: string; message: string }[] } | null;
}

export async function accountDetail(ctx: DashboardContext, p: Principal, id: string): Promise<AccountDetail> {
  if (!canSee(p, id)) throw new ApiError(403, `account ${id} is not one of yours`);
  const all = await ctx.store.accounts();
  const account = all.find((a) => a.id === id);
  if (!account) throw new ApiError(404, `no account ${id}`);
  const found = owners(ctx.policy, all).forAccount(id);
  const counts = await ctx.store.dashboard.openFailingCounts([id]);
  const scan = account.lastScanId ? await ctx.store.dashboard.scan(account.lastScanId) : undefined;
  const judged = await ctx.store.dashboard.latestDay(today(ctx.now()));
  const day = judged ?? today(ctx.now());
  return {
    id,
    name: account.name ?? null,
    email: account.email ?? null,
    ouPath: account.ouPath ?? null,
    owners: found ? { owners: found.owners, manager: found.manager ?? null } : null,
    trend: await rateTrend(ctx, { to: day, days: ACCOUNT_TREND_DAYS, accountId: [id] }),
    openFindings: { total: Object.values(counts.bySeverity).reduce((a, b) => a + b, 0), bySeverity: counts.bySeverity },
    exceptions: await exceptionViews(ctx, p, { accounts: all, judged }, id),
    escalations: (await ctx.store.dashboard.escalationsOf(id)).map((e) => ({ control: e.control, tier: e.tier, days: e.days, sentAt: e.sentAt, streakStart: e.streakStart, recipients: e.recipients })),
    lastScan: scan
      ? {
          id: scan.id,
          source: scan.source,
          startedAt: scan.startedAt,
          finishedAt: scan.finishedAt,
          status: scan.status,
          // A scan of many accounts keeps errors of all of them; the page shows this account's.
          errors: scan.errors.filter((e) => e.accountId === undefined || e.accountId === id).map((e) => ({ ...e })),
        }
      : null,
  };
}
