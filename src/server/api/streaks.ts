import type { Streak } from '../../compliance/types.ts';
import type { Store } from '../../store/index.ts';
import { perJudgement } from './judged-cache.ts';

/**
 * Every current streak as of `day`, read from the whole history once per change of the stored
 * judgements rather than on every page view, then narrowed to the accounts the caller may see.
 */
export async function currentStreaks(store: Store, day: string, scope: readonly string[] | undefined): Promise<Streak[]> {
  const streaks = await perJudgement(store, `streaks|${day}`, () => store.compliance.readStreaks(day));
  if (!scope) return streaks;
  const visible = new Set(scope);
  return streaks.filter((s) => visible.has(s.accountId));
}
