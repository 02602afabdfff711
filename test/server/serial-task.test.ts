import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { SerialTask } from '../../src/server/serial-task.ts';

describe('SerialTask', () => {
  it('runs at start, then every interval, and soon after a kick; never two at once', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let inFlight = 0;
      let most = 0;
      let runs = 0;
      let finish: (() => void) | undefined;
      const task = new SerialTask(
        async () => {
          runs++;
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise<void>((resolve) => (finish = resolve));
          inFlight--;
        },
        { intervalMs: 60_000, debounceMs: 1_000, log: () => {} },
      );
      const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
      task.start();
      mock.timers.tick(0);
      await settle();
      assert.equal(runs, 1);
      // Kicks while running ask for exactly one more run after it.
      task.kick();
      task.kick();
      finish!();
      await settle();
      mock.timers.tick(999);
      await settle();
      assert.equal(runs, 1);
      mock.timers.tick(1);
      await settle();
      assert.equal(runs, 2);
      finish!();
      await settle();
      mock.timers.tick(59_999);
      await settle();
      assert.equal(runs, 2);
      mock.timers.tick(1);
      await settle();
      assert.equal(runs, 3);
      assert.equal(most, 1);
      finish!();
      await task.stop();
    } finally {
      mock.timers.reset();
    }
  });

  it('logs a failed run and keeps going', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const lines: string[] = [];
      let runs = 0;
      const task = new SerialTask(
        async () => {
          runs++;
          throw new Error(`run ${runs} failed`);
        },
        { intervalMs: 10, debounceMs: 1, log: (l) => lines.push(l) },
      );
      task.start();
      for (let i = 0; i < 3; i++) {
        mock.timers.tick(10);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await task.stop();
      assert.ok(runs >= 2);
      assert.deepEqual(lines.slice(0, 2), ['run 1 failed', 'run 2 failed']);
    } finally {
      mock.timers.reset();
    }
  });

  it('throttled and without an interval: runs only when kicked, at most once per wait, however steady the kicks', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let runs = 0;
      const task = new SerialTask(
        async () => {
          runs++;
        },
        { debounceMs: 1_000, throttle: true, log: () => {} },
      );
      const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
      mock.timers.tick(10_000);
      await settle();
      assert.equal(runs, 0, 'nothing happens before a kick');
      // A kick every 100 ms for 2.5 s: a run at 1 s and at 2 s, not one after the stream ends.
      for (let t = 0; t < 2_500; t += 100) {
        task.kick();
        mock.timers.tick(100);
        await settle();
      }
      assert.equal(runs, 2);
      mock.timers.tick(1_000);
      await settle();
      assert.equal(runs, 3, 'the kicks after the last run get one');
      mock.timers.tick(60_000);
      await settle();
      assert.equal(runs, 3, 'and nothing more without kicks');
      await task.stop();
    } finally {
      mock.timers.reset();
    }
  });
});
