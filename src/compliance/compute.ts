import type { Check } from '../checks/types.ts';
import { frameworkById } from '../frameworks/index.ts';
import type { Framework } from '../frameworks/types.ts';
import type { PolicyConfig } from '../policy/schema.ts';
import type { Store } from '../store/index.ts';
import { frameworkControls, type ControlInfo } from './controls.ts';
import { DayJudge } from './daily.ts';
import { compareDaily } from './order.ts';
import type { DailyRow } from './types.ts';

export function controlsInForce(policy: PolicyConfig, checks: ReadonlyMap<string, Check>): Map<string, ControlInfo> {
  const frameworks = policy.frameworks.map((id) => frameworkById(id)).filter((f): f is Framework => f !== undefined);
  return frameworkControls(frameworks, checks);
}

/**
 * Judges `day` for every account a run covered that day and stores the rows (replacing that day's
 * earlier answer for those accounts). Accounts no run covered get no row: the day is missing for
 * them, which streaks and reports show.
 */
export async function computeDay(store: Store, policy: PolicyConfig, checks: ReadonlyMap<string, Check>, day: string, at: Date): Promise<{ accounts: string[]; rows: DailyRow[] }> {
  const accounts = [...(await store.compliance.accountsSeenOn(day))].sort();
  const meta = new Map((await store.accounts()).map((a) => [a.id, a]));
  const judge = new DayJudge({ day, policy, controls: controlsInForce(policy, checks), accounts: meta });
  const rows: DailyRow[] = [];
  for await (const batch of store.compliance.judgeableFindings(accounts, policy.frameworks)) {
    judge.add(batch);
    // A batch holds every finding of its accounts, so their rows are final.
    for (const row of judge.takeRows()) rows.push(row);
  }
  rows.sort(compareDaily);
  await store.compliance.writeDaily(day, accounts, rows, at);
  return { accounts, rows };
}
