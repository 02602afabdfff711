import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Limiter } from '../../src/aws/limiter.ts';

test('never more than maxConcurrent holders, served in arrival order', async () => {
  const limiter = new Limiter(2);
  let active = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const release = await limiter.acquire();
      order.push(i);
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      active--;
      release();
    }),
  );
  assert.equal(peak, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('a rate limit holds requests beyond the burst until tokens refill', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const limiter = new Limiter(10, 2, 2);
  let granted = 0;
  for (let i = 0; i < 4; i++) void limiter.acquire().then((release) => { granted++; release(); });
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(granted, 2, 'burst of 2 goes at once');
  t.mock.timers.tick(500);
  await new Promise((r) => setImmediate(r));
  assert.equal(granted, 3, 'one more token after half a second at 2/s');
  t.mock.timers.tick(500);
  await new Promise((r) => setImmediate(r));
  assert.equal(granted, 4);
});

test('releasing twice frees only one slot', async () => {
  const limiter = new Limiter(1);
  const r1 = await limiter.acquire();
  r1();
  r1();
  const r2 = await limiter.acquire();
  let third = false;
  void limiter.acquire().then(() => (third = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(third, false);
  r2();
  await new Promise((r) => setImmediate(r));
  assert.equal(third, true);
});
