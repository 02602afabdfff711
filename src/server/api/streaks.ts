import type { Streak } from '../../compliance/types.ts';
import type { Store } from '../../store/index.ts';

const cache = new WeakMap<Store, { key: string; streaks: Promise<Streak[]> }>();

/**
 * Every current streak as of `day`, read from the whole history once per change of the stored
 * judgements (any day judged, or judged again) rather than on every page view, then narrowed to
 * the accounts the caller may see.
 */
export async function currentStreaks(store: Store, day: string, scope: readonly string[] | undefined): Promise<Streak[]> {
  const key = `${day}|${await store.dashboard.judgementVersion()}`;
  let entry = cache.get(store);
  if (!entry || entry.key !== key) {
    entry = { key, streaks: store.compliance.readStreaks(day) };
    cache.set(store, entry);
    const mine = entry;
    // A failed read is not kept (the next view tries again), unless a newer one replaced it already.
    mine.streaks.catch(() => {
      if (cache.get(store) === mine) cache.delete(store);
    });
  }
  const streaks = await entry.streaks;
  if (!scope) return streaks;
  const visible = new Set(scope);
  return streaks.filter((s) => visible.has(s.accountId));
}
