import type { Store } from '../../store/index.ts';

/** Per store, the answers built for the current judgement version; a new version starts afresh. */
const kept = new WeakMap<Store, { version: number; answers: Map<string, Promise<unknown>> }>();
/** Days, frameworks and owners' scopes asked about within one version, at most. */
const KEPT = 64;

/**
 * What `build` answers for `key`, built once per judgement (a day judged, or judged again): what
 * the dashboard derives from the stored judgements changes with them alone. Answers of an earlier
 * version are let go (a heat map of 1,000 accounts is 2 MB of JSON); a failed build is not kept,
 * so the next view tries again.
 */
export async function perJudgement<T>(store: Store, key: string, build: () => Promise<T>): Promise<T> {
  const version = await store.dashboard.judgementVersion();
  let current = kept.get(store);
  if (current?.version !== version) kept.set(store, (current = { version, answers: new Map() }));
  const { answers } = current;
  const found = answers.get(key) as Promise<T> | undefined;
  if (found) return found;
  const built = build();
  built.catch(() => answers.get(key) === built && answers.delete(key));
  if (answers.size >= KEPT) answers.delete(answers.keys().next().value!);
  answers.set(key, built);
  return built;
}
