import type { Streak } from '../../compliance/types.ts';
import { SEVERITIES } from '../../findings/model.ts';
import { scopeOf } from '../auth.ts';
import type { Principal } from '../users.ts';
import { rateFrom } from '../../compliance/rates.ts';
import { addDays } from '../../store/compliance.ts';
import { byControl, pickFramework, today, type DashboardContext } from './context.ts';
import { exceptionViews, type ExceptionView } from './exceptions.ts';
import { perJudgement } from './judged-cache.ts';
import { currentStreaks } from './streaks.ts';

/** Exceptions this close to expiry are called out, as in the digest. */
export const EXPIRING_WITHIN_DAYS = 14;

export interface RatePoint {
  day: string;
  rate: number | null;
  compliant: number;
  nonCompliant: number;
}

export interface EscalationView {
  accountId: string;
  accountName: string | null;
  control: string;
  title: string;
  days: number;
  /** 1-based escalation tier the streak has reached. */
  tier: number;
}

export interface Overview {
  day: string | null;
  framework: string;
  frameworks: string[];
  rate: number | null;
  compliant: number;
  nonCompliant: number;
  trend: RatePoint[];
  sections: { section: string; rate: number | null; compliant: number; nonCompliant: number }[];
  openFindings: { bySeverity: Record<string, number>; bySource: Record<string, number> };
  escalations: EscalationView[];
  expiringExceptions: ExceptionView[];
}

/** Every day of the window, judged or not: a gap in the chart is a day without data, not a zero. */
export async function rateTrend(ctx: DashboardContext, p: { to: string; days: number; framework?: string; accountId?: readonly string[] }): Promise<RatePoint[]> {
  const from = addDays(p.to, -(p.days - 1));
  const points = new Map(
    (await ctx.store.dashboard.trend({ from, to: p.to, ...(p.framework ? { framework: p.framework } : {}), ...(p.accountId ? { accountId: p.accountId } : {}) })).map((t) => [t.day, t]),
  );
  const out: RatePoint[] = [];
  for (let d = from; d <= p.to; d = addDays(d, 1)) {
    const t = points.get(d);
    out.push({ day: d, ...rateFrom(t?.compliant ?? 0, t?.nonCompliant ?? 0) });
  }
  return out;
}

/** The escalation tier a streak of `days` has reached (0: none yet). */
export function tierOf(ctx: DashboardContext, days: number): number {
  return ctx.policy.config.escalation.tiers.filter((t) => days >= t.days).length;
}

export function escalationViews(ctx: DashboardContext, streaks: readonly Streak[], names: ReadonlyMap<string, string | undefined>): EscalationView[] {
  return streaks
    .map((s) => ({ s, tier: tierOf(ctx, s.days) }))
    .filter((x) => x.tier > 0)
    .map(({ s, tier }) => ({
      accountId: s.accountId,
      accountName: names.get(s.accountId) ?? null,
      control: s.control,
      title: ctx.controls.get(s.control)?.title ?? s.control,
      days: s.days,
      tier,
    }))
    .sort((a, b) => b.days - a.days || a.accountId.localeCompare(b.accountId) || byControl(a.control, b.control));
}

export async function overview(ctx: DashboardContext, p: Principal, q: { framework?: string | undefined; days: number }): Promise<Overview> {
  const scope = scopeOf(p);
  const now = today(ctx.now());
  const day = await ctx.store.dashboard.latestDay(now);
  const frameworks = day ? await ctx.store.dashboard.frameworksJudged(day) : [];
  const framework = pickFramework(ctx, q.framework, frameworks);
  const where = day ? { day, framework, ...(scope ? { accountId: scope } : {}) } : undefined;
  // Independent reads at once: on PostgreSQL each takes its own connection, so the page waits for
  // the slowest (counting the open failures) rather than for all of them in turn.
  // Rates, trend and sections change with a judgement alone; open findings with every run.
  const judged = (...part: (string | number)[]) => ['overview', ...part, day ?? now, framework, scope?.join(',') ?? '*'].join('|');
  const [byAccount, counts, accounts, streaks, trend, sectionRates] = await Promise.all([
    where ? perJudgement(ctx.store, judged('accounts'), () => ctx.store.dashboard.accountRates(where)) : [],
    ctx.store.dashboard.openFailingCounts(scope),
    ctx.store.accounts(),
    day ? currentStreaks(ctx.store, day, scope) : [],
    perJudgement(ctx.store, judged('trend', q.days), () => rateTrend(ctx, { to: day ?? now, days: q.days, framework, ...(scope ? { accountId: scope } : {}) })),
    where ? perJudgement(ctx.store, judged('sections'), () => ctx.store.dashboard.sectionRates(where)) : [],
  ]);
  const rate = rateFrom(byAccount.reduce((a, r) => a + r.compliant, 0), byAccount.reduce((a, r) => a + r.nonCompliant, 0));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, counts.bySeverity[s] ?? 0]).reverse());
  const exceptions = await exceptionViews(ctx, p, { accounts, judged: day });
  return {
    day: day ?? null,
    framework,
    frameworks: [...new Set([...ctx.policy.config.frameworks, ...frameworks])],
    ...rate,
    trend,
    sections: sectionRates.map((r) => ({ ...r, ...rateFrom(r.compliant, r.nonCompliant) })).sort((a, b) => byControl(a.section, b.section)),
    openFindings: { bySeverity, bySource: counts.bySource },
    escalations: escalationViews(ctx, streaks, new Map(accounts.map((a) => [a.id, a.name]))),
    expiringExceptions: exceptions.filter((e) => !e.expired && e.daysLeft <= EXPIRING_WITHIN_DAYS).sort((a, b) => a.daysLeft - b.daysLeft),
  };
}
