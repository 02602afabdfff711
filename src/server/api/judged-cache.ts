import type { Store } from '../../store/index.ts';

/** Answers kept per store: a handful of days, frameworks and owners' scopes between two judgements. */
const kept = new WeakMap<Store, Map<string, Promise<unknown>>>();
const KEPT = 64;

/**
 * What `build` answers for `key`, built once per judgement (a day judged, or judged again): what
 * the dashboard derives from the stored judgements changes with them alone. A failed build is not
 * kept, so the next view tries again.
 */
export async function perJudgement<T>(store: Store, key: string, build: () => Promise<T>): Promise<T> {
  const versioned = `${await store.dashboard.judgementVersion()}|${key}`;
  const answers = kept.get(store) ?? new Map<string, Promise<unknown>>();
  kept.set(store, answers);
  let answer = answers.get(versioned) as Promise<T> | undefined;
  if (!answer) {
    const built = build();
    built.catch(() => answers.get(versioned) === built && answers.delete(versioned));
    if (answers.size >= KEPT) answers.delete(answers.keys().next().value!);
    answers.set(versioned, built);
    answer = built;
  }
  return answer;
}
