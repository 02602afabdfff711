import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { mergeGenerators } from '../../src/hub/merge.ts';

function tracker() {
  let active = 0;
  let peak = 0;
  const closed: string[] = [];
  const source = (name: string, count: number, failAt?: number) =>
    async function* (): AsyncGenerator<string, void> {
      active++;
      peak = Math.max(peak, active);
      try {
        for (let i = 0; i < count; i++) {
          await tick();
          if (i === failAt) throw new Error(`${name} failed`);
          yield `${name}${i}`;
        }
      } finally {
        active--;
        closed.push(name);
      }
    };
  return { source, closed, peak: () => peak };
}

test('yields every value of every generator, running at most `concurrency` at once', async () => {
  const t = tracker();
  const got: string[] = [];
  for await (const v of mergeGenerators([t.source('a', 3), t.source('b', 2), t.source('c', 4), t.source('d', 1)], 2)) got.push(v);
  assert.deepEqual(got.sort(), ['a0', 'a1', 'a2', 'b0', 'b1', 'c0', 'c1', 'c2', 'c3', 'd0']);
  assert.equal(t.peak(), 2);
  assert.deepEqual(t.closed.sort(), ['a', 'b', 'c', 'd']);
});

test('a consumer that stops early closes the running generators and starts no more', async () => {
  const t = tracker();
  for await (const v of mergeGenerators([t.source('a', 5), t.source('b', 5), t.source('c', 5)], 2)) {
    assert.ok(v);
    break;
  }
  assert.deepEqual(t.closed.sort(), ['a', 'b']);
});

test('an error in one generator reaches the consumer after the others are closed', async () => {
  const t = tracker();
  const got: string[] = [];
  await assert.rejects(async () => {
    for await (const v of mergeGenerators([t.source('a', 5, 1), t.source('b', 50)], 2)) got.push(v);
  }, /a failed/);
  assert.deepEqual(t.closed.sort(), ['a', 'b']);
  assert.ok(got.includes('a0'));
});
