import { createHash, timingSafeEqual } from 'node:crypto';

/** Shortest key accepted: anything shorter can be guessed over the network. */
export const MIN_API_KEY_LENGTH = 16;

/** Compares in constant time (hashing first makes the lengths equal), so a key cannot be probed byte by byte. */
export function sameKey(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
