import { computeDay } from '../compliance/compute.ts';
import { rateOf, type Rate } from '../compliance/rates.ts';
import type { Policy } from '../policy/load.ts';
import type { Store } from '../store/index.ts';

/** The UTC calendar day of an instant: compliance is kept per day. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Judges the compliance of the day a run finished, for the accounts runs covered that day, and
 * says so in one line; `rampart compliance` shows the rest.
 */
export async function judgeRunDay(store: Store, policy: Policy, finishedAt: Date): Promise<JudgedDay> {
  const { loadChecks } = await import('../checks/registry.ts');
  const day = dayOf(finishedAt);
  const { accounts, rows } = await computeDay(store, policy.config, await loadChecks(), day, new Date());
  const rate = rateOf(rows);
  const shown = rate.rate === null ? 'no control judged' : `${(rate.rate * 100).toFixed(1)}% compliant (${rate.compliant}/${rate.compliant + rate.nonCompliant} account-controls)`;
  return { day, accounts: accounts.length, rate, line: `compliance ${day}${policy.path ? ` by ${policy.path}` : ''}: ${shown} across ${accounts.length} account(s)` };
}

export interface JudgedDay {
  day: string;
  accounts: number;
  rate: Rate;
  /** One line for the console. */
  line: string;
}
