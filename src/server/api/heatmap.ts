import { securityHubControl } from '../../compliance/controls.ts';
import type { ComplianceStatus } from '../../compliance/types.ts';
import { frameworkById } from '../../frameworks/index.ts';
import { canSee, scopeOf } from '../auth.ts';
import type { Principal } from '../users.ts';
import { ApiError, byControl, pickFramework, today, type DashboardContext } from './context.ts';
import { perJudgement } from './judged-cache.ts';
import { currentStreaks } from './streaks.ts';

/** Accounts whose OU is not known are grouped under this name. */
export const NO_OU = '(no OU)';

export interface HeatCell {
  status: ComplianceStatus;
  /** Consecutive non-compliant days up to the day shown (0 when not non-compliant). */
  streak: number;
  failing: number;
}

export interface Heatmap {
  day: string | null;
  framework: string;
  /** Frameworks in force or judged that day, for choosing another. */
  frameworks: string[];
  controls: { id: string; title: string; section: string }[];
  groups: { ou: string; accounts: { id: string; name: string | null; cells: Record<string, HeatCell> }[] }[];
}

/**
 * The heat map as JSON, built once per judgement, day, framework and scope: 60,000 cells of 1,000
 * accounts took 60–140 ms to read and write out on every view, and change only with a judgement
 * (accounts too: a scan or import that adds one is judged).
 */
export function heatmapJson(ctx: DashboardContext, p: Principal, q: { framework?: string | undefined }): Promise<string> {
  const key = ['heatmap', today(ctx.now()), q.framework ?? '', scopeOf(p)?.join(',') ?? '*'].join('|');
  return perJudgement(ctx.store, key, async () => JSON.stringify(await heatmap(ctx, p, q)));
}

export async function heatmap(ctx: DashboardContext, p: Principal, q: { framework?: string | undefined }): Promise<Heatmap> {
  const scope = scopeOf(p);
  const day = await ctx.store.dashboard.latestDay(today(ctx.now()));
  const judged = day ? await ctx.store.dashboard.frameworksJudged(day) : [];
  const framework = pickFramework(ctx, q.framework, judged);
  // At once: on PostgreSQL each read takes its own connection.
  const [rows, streaks, accounts] = await Promise.all([
    day ? ctx.store.dashboard.cells({ day, framework, ...(scope ? { accountId: scope } : {}) }) : [],
    day ? currentStreaks(ctx.store, day, scope) : [],
    ctx.store.accounts(),
  ]);
  const streakOf = new Map(streaks.map((s) => [`${s.accountId}|${s.control}`, s.days]));

  const controls = new Map<string, { id: string; title: string; section: string }>();
  for (const c of ctx.controls.values()) if (c.framework === framework) controls.set(c.ref, { id: c.ref, title: c.title, section: c.section });
  // Security Hub controls are known from their findings only (`securityhub/IAM.6` is in section IAM);
  // a framework judged before but no longer in force has its requirements looked up in it.
  for (const r of rows) {
    if (controls.has(r.control)) continue;
    const id = r.control.slice(r.control.indexOf('/') + 1);
    const requirement = frameworkById(framework)?.requirements.find((q) => q.id === id);
    const c = requirement ? { title: requirement.title, section: requirement.section } : securityHubControl(id);
    controls.set(r.control, { id: r.control, title: c.title, section: c.section });
  }

  const cells = new Map<string, Record<string, HeatCell>>();
  for (const r of rows) {
    const row = cells.get(r.accountId) ?? {};
    row[r.control] = { status: r.status, streak: r.status === 'non_compliant' ? (streakOf.get(`${r.accountId}|${r.control}`) ?? 1) : 0, failing: r.failing };
    cells.set(r.accountId, row);
  }
  const groups = new Map<string, Heatmap['groups'][number]['accounts']>();
  for (const a of accounts) {
    if (!canSee(p, a.id)) continue;
    const ou = a.ouPath ?? NO_OU;
    const list = groups.get(ou) ?? [];
    list.push({ id: a.id, name: a.name ?? null, cells: cells.get(a.id) ?? {} });
    groups.set(ou, list);
  }
  return {
    day: day ?? null,
    framework,
    frameworks: [...new Set([...ctx.policy.config.frameworks, ...judged])],
    controls: [...controls.values()].sort((a, b) => byControl(a.id, b.id)),
    groups: [...groups].sort(([a], [b]) => (a === NO_OU ? 1 : b === NO_OU ? -1 : a.localeCompare(b))).map(([ou, accounts]) => ({ ou, accounts })),
  };
}

export interface HeatCellDetail {
  accountId: string;
  accountName: string | null;
  control: string;
  title: string;
  day: string | null;
  status: ComplianceStatus | null;
  streak: number;
  remediation: string | null;
  regions: { region: string; findings: { id: string; resourceId: string; resourceType: string; status: string; reason: string }[] }[];
}

/** The failing (and unjudgeable) results behind one cell, per region, with their reasons. */
export async function heatCell(ctx: DashboardContext, p: Principal, q: { account: string; control: string }): Promise<HeatCellDetail> {
  if (!canSee(p, q.account)) throw new ApiError(403, `account ${q.account} is not one of yours`);
  const account = (await ctx.store.accounts()).find((a) => a.id === q.account);
  if (!account) throw new ApiError(404, `no account ${q.account}`);
  const day = await ctx.store.dashboard.latestDay(today(ctx.now()));
  const row = day ? (await ctx.store.compliance.readDaily({ day, accountId: [q.account] })).find((r) => r.control === q.control) : undefined;
  const info = ctx.controls.get(q.control);
  if (!row && !info) throw new ApiError(404, `no control ${q.control} in force or judged`);
  const streak = day && row?.status === 'non_compliant' ? ((await currentStreaks(ctx.store, day, [q.account])).find((s) => s.control === q.control)?.days ?? 1) : 0;
  const regions = new Map<string, HeatCellDetail['regions'][number]['findings']>();
  for await (const batch of ctx.store.dashboard.findingsRows({ account: [q.account], control: [q.control], status: ['FAIL', 'ERROR'], state: 'open' })) {
    for (const f of batch) {
      const list = regions.get(f.region) ?? [];
      list.push({ id: f.id, resourceId: f.resourceId, resourceType: f.resourceType, status: f.status, reason: f.reason });
      regions.set(f.region, list);
    }
  }
  return {
    accountId: account.id,
    accountName: account.name ?? null,
    control: q.control,
    title: info?.title ?? q.control,
    day: day ?? null,
    status: row?.status ?? null,
    streak,
    remediation: info?.remediation ?? null,
    regions: [...regions].sort(([a], [b]) => a.localeCompare(b)).map(([region, findings]) => ({ region, findings: findings.sort((x, y) => x.resourceId.localeCompare(y.resourceId)) })),
  };
}
