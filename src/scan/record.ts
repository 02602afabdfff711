import { randomUUID } from 'node:crypto';
import { STATUSES, type Finding, type Status } from '../findings/model.ts';
import type { ScanIssue, ScanRecord, SkippedItem } from '../findings/scan.ts';
import type { AccountInventory } from '../collect/inventory.ts';

export function countStatuses(findings: readonly Finding[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const f of findings) counts[f.status]++;
  return counts;
}

/** One issue per (account, region, error code) among ERROR findings, so the record stays short. */
export function errorIssues(findings: readonly Finding[]): ScanIssue[] {
  const seen = new Map<string, ScanIssue>();
  for (const f of findings) {
    if (f.status !== 'ERROR') continue;
    const code = f.errorCode ?? 'Error';
    const key = `${f.accountId}|${f.region}|${code}`;
    if (!seen.has(key)) seen.set(key, { accountId: f.accountId, region: f.region, code, message: f.reason });
  }
  return [...seen.values()];
}

/** What kept an account from being scanned fully, as recorded in its inventory. */
export function issuesOf(inv: AccountInventory): ScanIssue[] {
  return [
    ...(inv.accessError ? [{ accountId: inv.accountId, ...inv.accessError }] : []),
    ...(inv.issues ?? []).map((i) => ({ accountId: inv.accountId, ...i })),
  ];
}

export function buildScanRecord(p: {
  source: ScanRecord['source'];
  actor: string;
  startedAt: Date;
  finishedAt: Date;
  framework: string;
  accounts: string[];
  regions: string[];
  findings: readonly Finding[];
  issues: readonly ScanIssue[];
  skipped: readonly SkippedItem[];
}): ScanRecord {
  const counts = countStatuses(p.findings);
  // An account-wide issue (e.g. AssumeRole denied) already explains that account's ERROR results.
  const accountWide = new Set(p.issues.filter((i) => !i.region).map((i) => `${i.accountId}|${i.code}`));
  const errors = [...p.issues, ...errorIssues(p.findings).filter((e) => !accountWide.has(`${e.accountId}|${e.code}`))];
  return {
    id: randomUUID(),
    source: p.source,
    actor: p.actor,
    startedAt: p.startedAt.toISOString(),
    finishedAt: p.finishedAt.toISOString(),
    framework: p.framework,
    accounts: p.accounts,
    regions: [...new Set(p.regions)].sort(),
    counts,
    errors,
    skipped: [...p.skipped],
    status: errors.length > 0 || counts.ERROR > 0 ? 'partial' : 'complete',
  };
}
