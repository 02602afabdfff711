import type { DailyRow } from './types.ts';

/**
 * Compliant ÷ (compliant + non-compliant). Excepted and disabled controls are the organization's
 * decision and unknown ones could not be judged: none of them counts either way. `null` when
 * nothing counts.
 */
export interface Rate {
  compliant: number;
  nonCompliant: number;
  rate: number | null;
}

export function rateOf(rows: Iterable<Pick<DailyRow, 'status'>>): Rate {
  let compliant = 0;
  let nonCompliant = 0;
  for (const r of rows) {
    if (r.status === 'compliant') compliant++;
    else if (r.status === 'non_compliant') nonCompliant++;
  }
  return rateFrom(compliant, nonCompliant);
}

/** The rate of counts already made (by the database, or a rollup). */
export function rateFrom(compliant: number, nonCompliant: number): Rate {
  const judged = compliant + nonCompliant;
  return { compliant, nonCompliant, rate: judged === 0 ? null : compliant / judged };
}

/** Rates grouped by a key (account, OU, control, framework section, ...), sorted by key. */
export function ratesBy<R extends Pick<DailyRow, 'status'>>(rows: Iterable<R>, key: (r: R) => string | undefined): Map<string, Rate> {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) continue;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  return new Map([...groups.keys()].sort().map((k) => [k, rateOf(groups.get(k)!)]));
}
