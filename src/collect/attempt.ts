import { errorCode, toCollectError } from '../aws/errors.ts';
import type { Collected, Plain } from './inventory.ts';

/**
 * Runs one collection step and keeps its outcome as data. Error codes listed in `absentOn` mean
 * "not configured" (e.g. `NoSuchEntity` for a missing password policy) and yield `absent` instead.
 */
export async function attempt<T>(
  fn: () => Promise<T>,
  opts: { absentOn?: readonly string[]; absent?: T } = {},
): Promise<Collected<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (opts.absentOn?.includes(errorCode(err)) && 'absent' in opts) return { ok: true, data: opts.absent as T };
    return { ok: false, error: toCollectError(err) };
  }
}

/** Deep copy of an SDK response as plain JSON: Dates to ISO strings, `$metadata` dropped. */
export function plain<T>(value: T): Plain<T> {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === '$metadata' ? undefined : v)),
  ) as Plain<T>;
}
