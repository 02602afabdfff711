import type { Severity } from '../findings/model.ts';

export const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type SeverityLabel = (typeof SEVERITY_LABELS)[number];

export function fromLabel(label: SeverityLabel): Severity {
  return label.toLowerCase() as Severity;
}

/** Security Hub's bands for the 0–100 `Normalized` score: 0 / 1–39 / 40–69 / 70–89 / 90–100. */
export function fromNormalized(score: number): Severity {
  if (score >= 90) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 40) return 'medium';
  if (score >= 1) return 'low';
  return 'informational';
}

/** GuardDuty's bands (current guide): Low 1.0–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0. */
export function fromGuardDuty(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score >= 1) return 'low';
  return 'informational';
}

const OCSF_SEVERITY: Record<number, Severity> = {
  1: 'informational',
  2: 'low',
  3: 'medium',
  4: 'high',
  5: 'critical',
  // Fatal is above Critical; Rampart's scale stops at critical.
  6: 'critical',
};

/** OCSF `severity_id`; Unknown (0) and Other (99) fall back to the producer's caption when it names a level. */
export function fromOcsf(id: number, caption?: string): Severity {
  const known = OCSF_SEVERITY[id];
  if (known) return known;
  const label = caption?.toUpperCase();
  return label && (SEVERITY_LABELS as readonly string[]).includes(label) ? fromLabel(label as SeverityLabel) : 'informational';
}
