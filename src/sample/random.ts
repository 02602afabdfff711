/**
 * A small seeded PRNG (mulberry32). Child generators are derived from the seed and a label, not from
 * the parent's state, so adding a dataset or an account never shifts what the others look like.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Integer in the range [min, max] given as a pair. */
  count(range: readonly [number, number]): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Up to `n` distinct items, in their original order. */
  sample<T>(items: readonly T[], n: number): T[];
  hex(length: number): string;
  /** Upper-case letters and digits, as in IAM unique ids. */
  upperAlnum(length: number): string;
  uuid(): string;
  /** An independent generator for a named part (`fork('us-east-1')`). */
  fork(label: string): Rng;
}

/** 32-bit FNV-1a hash of a string, used to derive seeds from labels. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const chars = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    count: ([min, max]) => int(min, max),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    sample<T>(items: readonly T[], n: number): T[] {
      const keyed = items.map((item, i) => ({ item, i, k: next() }));
      const chosen = keyed.sort((a, b) => a.k - b.k).slice(0, Math.max(0, n));
      return chosen.sort((a, b) => a.i - b.i).map((c) => c.item);
    },
    hex: (length) => chars('0123456789abcdef', length),
    upperAlnum: (length) => chars(UPPER_ALNUM, length),
    uuid() {
      const h = chars('0123456789abcdef', 32);
      const variant = '89ab'[Math.floor(next() * 4)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    fork: (label) => createRng(hash32(`${seed}/${label}`)),
  };
}
