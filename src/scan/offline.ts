import type { Inventory } from '../collect/inventory.ts';
import type { Check, CheckOptions } from '../checks/types.ts';
import type { Finding } from '../findings/model.ts';
import type { ScanIssue, ScanRecord, SkippedItem } from '../findings/scan.ts';
import type { Framework } from '../frameworks/types.ts';
import type { Collector } from '../collect/types.ts';
import { judgeAccount } from './judge.ts';
import { planScan } from './plan.ts';
import { buildScanRecord, issuesOf } from './record.ts';

export interface OfflineOptions {
  framework: Framework;
  checks: ReadonlyMap<string, Check>;
  collectors: readonly Collector[];
  /** Evaluation time; defaults to when the inventory was collected, so results are reproducible. */
  now?: Date;
  checkOptions: CheckOptions;
  source: ScanRecord['source'];
  actor: string;
  /** Organization accounts that were not scanned (e.g. suspended), for the record. */
  skippedAccounts?: SkippedItem[];
  /** When the run is recorded as having happened (a fixed clock: --now, RAMPART_NOW); default the real time. */
  recordAt?: Date;
}

/** Re-evaluates a saved inventory with no AWS calls. */
export function evaluateInventory(inv: Inventory, o: OfflineOptions): { scan: ScanRecord; findings: Finding[]; accounts: { id: string; name?: string }[] } {
  const startedAt = o.recordAt ?? new Date();
  const plan = planScan(o.framework, o.checks, o.collectors);
  const now = o.now ?? new Date(inv.collectedAt);
  const judge = { framework: o.framework, checks: plan.checks, checksById: o.checks, partition: inv.partition, now, options: o.checkOptions };
  const findings: Finding[] = [];
  const issues: ScanIssue[] = [];
  const skipped: SkippedItem[] = [...(o.skippedAccounts ?? [])];
  for (const account of inv.accounts) {
    findings.push(...judgeAccount(account, judge));
    issues.push(...issuesOf(account));
    for (const s of account.skippedRegions) skipped.push({ accountId: account.accountId, region: s.region, reason: s.reason });
  }
  const scan = buildScanRecord({
    source: o.source,
    actor: o.actor,
    startedAt,
    finishedAt: o.recordAt ?? new Date(),
    framework: o.framework.id,
    accounts: inv.accounts.map((a) => a.accountId),
    regions: inv.accounts.flatMap((a) => a.regions),
    findings,
    issues,
    skipped,
  });
  const accounts = inv.accounts.map((a) => ({ id: a.accountId, ...(a.name ? { name: a.name } : {}) }));
  return { scan, findings, accounts };
}
