import type { EvaluatedResult } from '../checks/evaluate.ts';
import type { Check } from '../checks/types.ts';
import type { Framework, Requirement } from '../frameworks/types.ts';
import { GLOBAL_REGION, findingId, type Finding } from './model.ts';

export const SOURCE = 'rampart';

const byCheckCache = new WeakMap<Framework, Map<string, Requirement[]>>();

/** Check id → the framework requirements it counts for; built once per framework, not per account. */
function requirementsByCheck(framework: Framework): Map<string, Requirement[]> {
  let map = byCheckCache.get(framework);
  if (!map) {
    map = new Map();
    for (const r of framework.requirements) {
      for (const c of r.checks) {
        const list = map.get(c);
        if (list) list.push(r);
        else map.set(c, [r]);
      }
    }
    byCheckCache.set(framework, map);
  }
  return map;
}

/** The id a requirement with no automated check reports under. */
export function manualCheckId(framework: Framework, requirement: Requirement): string {
  return `${framework.id}:${requirement.id}`;
}

/**
 * Turns one account's check results into findings judged under `framework`. A result that only
 * counts for manual requirements is reported as MANUAL, its automated verdict kept as evidence;
 * requirements without any check yield one MANUAL finding per account.
 */
export function toFindings(
  framework: Framework,
  checks: ReadonlyMap<string, Check>,
  results: readonly EvaluatedResult[],
  account: { id: string; name?: string },
  observedAt: string,
): Finding[] {
  const byCheck = requirementsByCheck(framework);
  const out: Finding[] = [];
  for (const r of results) {
    const check = checks.get(r.checkId);
    const reqs = byCheck.get(r.checkId) ?? [];
    if (!check || reqs.length === 0) continue;
    const manual = reqs.every((q) => q.manual);
    const judged = manual && (r.status === 'PASS' || r.status === 'FAIL');
    out.push({
      id: findingId(SOURCE, r.checkId, account.id, r.region, r.resourceId, framework.id),
      source: SOURCE,
      checkId: r.checkId,
      accountId: account.id,
      ...(account.name ? { accountName: account.name } : {}),
      region: r.region,
      resourceId: r.resourceId,
      resourceType: r.resourceType,
      status: judged ? 'MANUAL' : r.status,
      severity: check.severity,
      title: check.title,
      reason: judged ? `manual review; automated evidence ${r.status}: ${r.reason}` : r.reason,
      framework: framework.id,
      requirements: reqs.map((q) => q.id),
      remediation: check.remediation,
      ...(r.errorCode ? { errorCode: r.errorCode } : {}),
      ...(judged || r.evidence !== undefined
        ? { evidence: { ...(judged ? { automatedStatus: r.status } : {}), ...(r.evidence !== undefined ? { detail: r.evidence } : {}) } }
        : {}),
      observedAt,
    });
  }
  for (const q of framework.requirements) {
    if (q.checks.length > 0) continue;
    const checkId = manualCheckId(framework, q);
    out.push({
      id: findingId(SOURCE, checkId, account.id, GLOBAL_REGION, account.id, framework.id),
      source: SOURCE,
      checkId,
      accountId: account.id,
      ...(account.name ? { accountName: account.name } : {}),
      region: GLOBAL_REGION,
      resourceId: account.id,
      resourceType: 'AwsAccount',
      status: 'MANUAL',
      severity: 'informational',
      title: q.title,
      reason: 'no automated check exists for this requirement; assess it by hand',
      framework: framework.id,
      requirements: [q.id],
      observedAt,
    });
  }
  return out;
}
