import type { AccountInventory } from '../collect/inventory.ts';
import { evaluateAccount } from '../checks/evaluate.ts';
import type { Check, CheckOptions } from '../checks/types.ts';
import { toFindings } from '../findings/from-results.ts';
import type { Finding } from '../findings/model.ts';
import type { Framework } from '../frameworks/types.ts';

export interface JudgeParams {
  framework: Framework;
  checks: readonly Check[];
  checksById: ReadonlyMap<string, Check>;
  partition: string;
  now: Date;
  options: CheckOptions;
}

/** Evaluates one account's inventory under a framework: check results become findings. */
export function judgeAccount(inv: AccountInventory, p: JudgeParams): Finding[] {
  const results = evaluateAccount(p.checks, inv, p.partition, p.now, p.options);
  return toFindings(p.framework, p.checksById, results, { id: inv.accountId, ...(inv.name ? { name: inv.name } : {}) }, p.now.toISOString());
}
