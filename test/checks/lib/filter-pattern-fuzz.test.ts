// Filter patterns come from customers' accounts: whatever the text, the parser must answer with a
// result or a parse error, never throw, and a pattern always equals itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covers, equivalent, parseFilterPattern } from '../../../src/checks/lib/filter-pattern.ts';
import { CIS_PATTERNS } from '../../../src/checks/lib/cis-patterns.ts';

/** Small deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const published = Object.values(CIS_PATTERNS).flatMap((topic) => topic.variants.map((v) => v.pattern));
const ALPHABET = ['{', '}', '(', ')', '$', '.', '=', '!', '<', '>', '&&', '||', '"', ' ', '*', 'a', 'Z', '0', 'NOT EXISTS', 'IS NULL', '%', '[', ']', '\\', '\n'];

function mutate(text: string, random: () => number): string {
  const chars = [...text];
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (chars.length + 1));
    const op = random();
    if (op < 0.4 && chars.length) chars.splice(at, 1);
    else if (op < 0.8) chars.splice(at, 0, ALPHABET[Math.floor(random() * ALPHABET.length)]!);
    else chars.splice(at, Math.floor(random() * 8));
  }
  return chars.join('');
}

test('mutated CIS patterns and random text never make the parser throw', () => {
  const random = rng(20261123);
  let parsed = 0;
  for (let i = 0; i < 4000; i++) {
    const base = published[i % published.length]!;
    const text = i % 5 === 0 ? Array.from({ length: Math.floor(random() * 40) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('') : mutate(base, random);
    const r = parseFilterPattern(text);
    if (r.ok) {
      parsed++;
      assert.ok(equivalent(r, r), `not equivalent to itself: ${JSON.stringify(text)}`);
      assert.ok(covers(r, r), `does not cover itself: ${JSON.stringify(text)}`);
    } else {
      assert.equal(typeof r.error, 'string');
      assert.ok(r.error.length > 0);
    }
  }
  assert.ok(parsed > 100, `only ${parsed} mutants parsed: the mutation is too destructive to test much`);
});

test('pathologically nested or huge patterns are refused, not a stack overflow', () => {
  const deep = `{ ${'('.repeat(5000)}$.a = 1${')'.repeat(5000)} }`;
  assert.equal(parseFilterPattern(deep).ok, false);
  const wide = `{ ${Array.from({ length: 40 }, (_, i) => `(($.a${i} = 1) || ($.b${i} = 2))`).join(' && ')} }`;
  const r = parseFilterPattern(wide);
  assert.equal(r.ok, false, 'a DNF of 2^40 terms must be refused');
});
