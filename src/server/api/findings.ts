import { stringify } from 'csv-stringify/sync';
import { GLOBAL_REGION } from '../../findings/model.ts';
import type { ExplorerFilter, ExplorerGroupBy, ExplorerRow, ExplorerSort } from '../../store/index.ts';
import type { DashboardContext } from './context.ts';

/** Groups returned at most: an insight lists the top ones, as Security Hub's do. */
export const GROUP_LIMIT = 500;

export interface FindingItem {
  id: string;
  source: string;
  /** The control it counts for (`cis-aws-3.0.0/1.4`, `securityhub/IAM.6`), else the producer's check or type id. */
  control: string;
  accountId: string;
  accountName: string | null;
  region: string;
  resourceId: string;
  resourceType: string;
  type: string | null;
  status: string;
  severity: string;
  title: string;
  reason: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
}

export function controlOf(r: Pick<ExplorerRow, 'source' | 'framework' | 'requirements' | 'checkId'>): string {
  if (r.source === 'rampart' && r.requirements.length > 0) return `${r.framework}/${r.requirements[0]}`;
  if (r.source === 'securityhub') return `securityhub/${r.checkId}`;
  return r.checkId;
}

export function findingItem(r: ExplorerRow): FindingItem {
  return {
    id: r.id,
    source: r.source,
    control: controlOf(r),
    accountId: r.accountId,
    accountName: r.accountName,
    region: r.region,
    resourceId: r.resourceId,
    resourceType: r.resourceType,
    type: r.type,
    status: r.status,
    severity: r.severity,
    title: r.title,
    reason: r.reason,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    resolvedAt: r.resolvedAt,
  };
}

export async function findingsPage(ctx: DashboardContext, f: ExplorerFilter, page: { sort: ExplorerSort; order: 'asc' | 'desc'; limit: number; offset: number }) {
  const result = await ctx.store.dashboard.findingsPage(f, page);
  return { total: result.total, offset: page.offset, limit: page.limit, items: result.items.map(findingItem) };
}

export async function findingGroups(ctx: DashboardContext, f: ExplorerFilter, groupBy: ExplorerGroupBy) {
  const { total, groups } = await ctx.store.dashboard.findingGroups(f, groupBy, GROUP_LIMIT);
  const names = groupBy === 'account' ? new Map((await ctx.store.accounts()).map((a) => [a.id, a.name])) : undefined;
  return {
    groupBy,
    total,
    groups: groups.map((g) => ({
      key: g.key,
      label: names ? `${names.get(g.key) ?? g.key} (${g.key})` : groupBy === 'region' && g.key === GLOBAL_REGION ? 'global (account-wide)' : g.key || '(none)',
      count: g.count,
    })),
  };
}

const CSV_COLUMNS = ['id', 'source', 'control', 'accountId', 'accountName', 'region', 'resourceType', 'resourceId', 'type', 'status', 'severity', 'title', 'reason', 'firstSeen', 'lastSeen', 'resolvedAt'] as const;

/**
 * A spreadsheet opens a cell starting with = + - @ (or a tab/CR) as a formula: untrusted text from
 * findings is prefixed with a quote so it stays text.
 */
function cell(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The view as CSV, page by page, so an export of a million findings never sits in memory. */
export async function* findingsCsv(ctx: DashboardContext, f: ExplorerFilter): AsyncGenerator<string> {
  yield stringify([CSV_COLUMNS as unknown as string[]]);
  for await (const batch of ctx.store.dashboard.findingsRows(f)) {
    yield stringify(batch.map((r) => {
      const item = findingItem(r);
      return CSV_COLUMNS.map((c) => cell(item[c]));
    }));
  }
}
