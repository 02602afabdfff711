import type { Check } from '../checks/types.ts';
import type { Framework } from '../frameworks/types.ts';
import { SECURITY_HUB } from '../policy/schema.ts';

/** What the compliance report needs to know of a control. */
export interface ControlInfo {
  ref: string;
  /** Framework id, or `securityhub`. */
  framework: string;
  section: string;
  title: string;
  /** How to fix it (the check's remediation); shown in escalations. */
  remediation?: string;
  /** `any` when one region suffices by the check's own scope (a multi-region trail), else `all`. */
  defaultScope: 'all' | 'any';
}

/**
 * The automated requirements of the frameworks in force. Manual requirements need a person's
 * judgement, so they have no daily compliance of their own.
 */
export function frameworkControls(frameworks: readonly Framework[], checks: ReadonlyMap<string, Check>): Map<string, ControlInfo> {
  const out = new Map<string, ControlInfo>();
  for (const f of frameworks) {
    for (const r of f.requirements) {
      if (r.manual || r.checks.length === 0) continue;
      const own = r.checks.map((id) => checks.get(id)).filter((c): c is Check => c !== undefined);
      const remediation = own.find((c) => c.remediation)?.remediation;
      out.set(`${f.id}/${r.id}`, {
        ref: `${f.id}/${r.id}`,
        framework: f.id,
        section: r.section,
        title: r.title,
        ...(remediation ? { remediation } : {}),
        defaultScope: own.some((c) => c.scope === 'any-region') ? 'any' : 'all',
      });
    }
  }
  return out;
}

/** A Security Hub control, known from its findings: `IAM.6` is in section `IAM`. */
export function securityHubControl(controlId: string): ControlInfo {
  return { ref: `${SECURITY_HUB}/${controlId}`, framework: SECURITY_HUB, section: controlId.split('.')[0] ?? controlId, title: controlId, defaultScope: 'all' };
}
