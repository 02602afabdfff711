import { STATUSES, type Finding, type Status } from '../findings/model.ts';
import type { Requirement } from '../frameworks/types.ts';
import type { ReportAccount, ReportInput } from './types.ts';

export type StatusCounts = Record<Status, number>;

export interface AccountSummary {
  id: string;
  name?: string;
  counts: StatusCounts;
  /** PASS ÷ (PASS + FAIL) × 100, or null when nothing was judged. */
  compliance: number | null;
}

export interface RequirementSummary {
  requirement: Requirement;
  /** Status of the requirement per account id. */
  byAccount: Map<string, Status>;
  /** For manual requirements: what the automated evidence says per account (FAIL if any evidence failed). */
  evidence: Map<string, 'PASS' | 'FAIL'>;
}

export interface ReportSummary {
  accounts: AccountSummary[];
  totals: { counts: StatusCounts; compliance: number | null };
  requirements: RequirementSummary[];
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function compliancePercent(counts: StatusCounts): number | null {
  const judged = counts.PASS + counts.FAIL;
  return judged === 0 ? null : (counts.PASS / judged) * 100;
}

/** The input's accounts in their order, then any account that only appears in findings. */
export function reportAccounts(input: ReportInput): ReportAccount[] {
  const known = new Map(input.accounts.map((a) => [a.id, a]));
  const extra = new Map<string, ReportAccount>();
  for (const f of input.findings) {
    if (known.has(f.accountId) || extra.has(f.accountId)) continue;
    extra.set(f.accountId, { id: f.accountId, ...(f.accountName ? { name: f.accountName } : {}) });
  }
  const extras = [...extra.values()].sort((a, b) => a.id.localeCompare(b.id));
  return [...input.accounts, ...extras];
}

/**
 * FAIL beats ERROR beats MANUAL beats PASS: one failing resource fails the requirement, and a
 * requirement whose data is missing cannot be called compliant.
 */
export function requirementStatus(requirement: Requirement, statuses: readonly Status[]): Status {
  if (statuses.includes('FAIL')) return 'FAIL';
  if (statuses.includes('ERROR')) return 'ERROR';
  if (requirement.manual || statuses.includes('MANUAL')) return 'MANUAL';
  if (statuses.includes('PASS')) return 'PASS';
  return 'NOT_APPLICABLE';
}

export function summarize(input: ReportInput): ReportSummary {
  const accounts = reportAccounts(input);
  const countsByAccount = new Map(accounts.map((a) => [a.id, emptyCounts()]));
  const totals = emptyCounts();
  // requirement id → account id → statuses of the findings counted for it
  const statuses = new Map<string, Map<string, Status[]>>();
  // requirement id → account id → automated verdicts behind MANUAL findings
  const evidence = new Map<string, Map<string, 'PASS' | 'FAIL'>>();

  for (const f of input.findings) {
    const counts = countsByAccount.get(f.accountId);
    if (counts) counts[f.status] += 1;
    totals[f.status] += 1;
    if (f.framework !== input.framework.id) continue;
    for (const reqId of f.requirements) {
      pushStatus(statuses, reqId, f);
      const verdict = automatedVerdict(f);
      if (verdict) {
        let perAccount = evidence.get(reqId);
        if (!perAccount) evidence.set(reqId, (perAccount = new Map()));
        if (perAccount.get(f.accountId) !== 'FAIL') perAccount.set(f.accountId, verdict);
      }
    }
  }

  return {
    accounts: accounts.map((a) => {
      const counts = countsByAccount.get(a.id) ?? emptyCounts();
      return { ...a, counts, compliance: compliancePercent(counts) };
    }),
    totals: { counts: totals, compliance: compliancePercent(totals) },
    requirements: input.framework.requirements.map((requirement) => {
      const perAccount = statuses.get(requirement.id);
      const byAccount = new Map<string, Status>();
      for (const a of accounts) {
        byAccount.set(a.id, requirementStatus(requirement, perAccount?.get(a.id) ?? []));
      }
      return { requirement, byAccount, evidence: evidence.get(requirement.id) ?? new Map() };
    }),
  };
}

function automatedVerdict(f: Finding): 'PASS' | 'FAIL' | undefined {
  if (f.status !== 'MANUAL' || !f.evidence || typeof f.evidence !== 'object') return undefined;
  const v = (f.evidence as { automatedStatus?: unknown }).automatedStatus;
  return v === 'PASS' || v === 'FAIL' ? v : undefined;
}

function pushStatus(into: Map<string, Map<string, Status[]>>, reqId: string, f: Finding): void {
  let perAccount = into.get(reqId);
  if (!perAccount) into.set(reqId, (perAccount = new Map()));
  const list = perAccount.get(f.accountId);
  if (list) list.push(f.status);
  else perAccount.set(f.accountId, [f.status]);
}

/** Rounds down so that a single failure never shows as 100%. */
export function formatPercent(value: number | null): string {
  return value === null ? 'n/a' : `${(Math.floor(value * 10) / 10).toFixed(1)}%`;
}
