import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobName } from '../../src/policy/schema.ts';
import { Scheduler } from '../../src/schedule/scheduler.ts';
import { FakeTimers, settle } from './fake-timers.ts';

interface Harness {
  timers: FakeTimers;
  scheduler: Scheduler;
  runs: { job: JobName; slot: string; at: string }[];
  skips: { job: JobName; slot: string; message: string }[];
  logs: string[];
  /** Ends the oldest run still going. */
  finish(): void;
}

function harness(o: { start: string; jobs: { job: JobName; cron: string }[]; timezone?: string; lastStart?: Partial<Record<JobName, string>>; holdRuns?: boolean }): Harness {
  const timers = new FakeTimers(o.start);
  const runs: Harness['runs'] = [];
  const skips: Harness['skips'] = [];
  const logs: string[] = [];
  const going: (() => void)[] = [];
  const scheduler = new Scheduler({
    timezone: o.timezone ?? 'UTC',
    jobs: o.jobs,
    timers,
    log: (line) => logs.push(line),
    run: (job, slot, signal) => {
      runs.push({ job, slot: slot.toISOString(), at: timers.now().toISOString() });
      if (!o.holdRuns) return Promise.resolve();
      return new Promise<void>((resolve) => {
        going.push(resolve);
        signal.addEventListener('abort', () => resolve());
      });
    },
    skip: async (job, slot, message) => {
      skips.push({ job, slot: slot.toISOString(), message });
    },
    lastStart: async (job) => (o.lastStart?.[job] ? new Date(o.lastStart[job]) : undefined),
  });
  return { timers, scheduler, runs, skips, logs, finish: () => going.shift()?.() };
}

describe('scheduler', () => {
  it('runs each job at its slots in the time zone, across the spring DST change', async () => {
    const h = harness({ start: '2026-03-27T12:00:00Z', timezone: 'Europe/Berlin', jobs: [{ job: 'compliance', cron: '30 2 * * *' }, { job: 'escalate', cron: '0 9 * * 1-5' }] });
    await h.scheduler.start();
    assert.deepEqual(h.logs, ['compliance: next run 2026-03-28 02:30 Europe/Berlin', 'escalate: next run 2026-03-30 09:00 Europe/Berlin']);
    await h.timers.advance('2026-03-31T00:00:00Z');
    assert.deepEqual(
      h.runs.map((r) => [r.job, r.slot, r.at]),
      [
        ['compliance', '2026-03-28T01:30:00.000Z', '2026-03-28T01:30:00.000Z'],
        ['compliance', '2026-03-29T01:00:00.000Z', '2026-03-29T01:00:00.000Z'],
        ['compliance', '2026-03-30T00:30:00.000Z', '2026-03-30T00:30:00.000Z'],
        // Monday 09:00 is summer time now: 07:00 UTC.
        ['escalate', '2026-03-30T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
      ],
    );
    await h.scheduler.stop();
  });

  it('skips and records a slot that comes while the previous run of the job is still going, then runs the next one', async () => {
    const h = harness({ start: '2026-11-30T10:00:00Z', jobs: [{ job: 'scan', cron: '*/5 * * * *' }], holdRuns: true });
    await h.scheduler.start();
    await h.timers.advance('2026-11-30T10:12:00Z');
    assert.deepEqual(h.runs.map((r) => r.slot), ['2026-11-30T10:05:00.000Z']);
    assert.deepEqual(h.skips, [{ job: 'scan', slot: '2026-11-30T10:10:00.000Z', message: 'skipped: the run started 2026-11-30T10:05:00.000Z is still running' }]);
    assert.ok(h.logs.includes('scan: skipped: the run started 2026-11-30T10:05:00.000Z is still running (slot 2026-11-30T10:10:00.000Z)'));
    h.finish();
    await settle();
    await h.timers.advance('2026-11-30T10:15:00Z');
    assert.deepEqual(h.runs.map((r) => r.slot), ['2026-11-30T10:05:00.000Z', '2026-11-30T10:15:00.000Z']);
    await h.scheduler.stop();
  });

  it('after downtime runs a missed job once, for its latest slot, then keeps to the schedule', async () => {
    // Down from Wednesday to Sunday noon: three daily slots and Thursday-Friday weekday slots missed.
    const h = harness({
      start: '2026-11-29T12:00:00Z',
      jobs: [{ job: 'compliance', cron: '0 6 * * *' }, { job: 'escalate', cron: '0 9 * * 1-5' }, { job: 'scan', cron: '0 2 * * *' }],
      lastStart: { compliance: '2026-11-25T06:00:03Z', escalate: '2026-11-25T09:00:01Z', scan: '2026-11-29T02:00:00Z' },
    });
    await h.scheduler.start();
    assert.deepEqual(h.runs.map((r) => [r.job, r.slot, r.at]), [
      ['compliance', '2026-11-29T06:00:00.000Z', '2026-11-29T12:00:00.000Z'],
      ['escalate', '2026-11-27T09:00:00.000Z', '2026-11-29T12:00:00.000Z'],
    ]);
    assert.ok(h.logs.includes('compliance: missed the run of 2026-11-29T06:00:00.000Z (last started 2026-11-25T06:00:03.000Z); running it now, once'));
    await h.timers.advance('2026-11-30T06:00:00Z');
    assert.deepEqual(h.runs.slice(2).map((r) => [r.job, r.slot]), [['scan', '2026-11-30T02:00:00.000Z'], ['compliance', '2026-11-30T06:00:00.000Z']]);
    await h.scheduler.stop();
  });

  it('starts the schedules even when the run history cannot be read, logging it', async () => {
    const timers = new FakeTimers('2026-11-30T10:00:00Z');
    const logs: string[] = [];
    const runs: string[] = [];
    const scheduler = new Scheduler({
      timezone: 'UTC',
      jobs: [{ job: 'notify', cron: '*/5 * * * *' }],
      timers,
      log: (line) => logs.push(line),
      run: async (_job, slot) => void runs.push(slot.toISOString()),
      skip: async () => undefined,
      lastStart: () => Promise.reject(new Error('cannot read runs of notify: connection refused')),
    });
    await scheduler.start();
    assert.deepEqual(logs, ['notify: cannot tell whether a run was missed: cannot read runs of notify: connection refused', 'notify: next run 2026-11-30 10:05 UTC']);
    await timers.advance('2026-11-30T10:05:00Z');
    assert.deepEqual(runs, ['2026-11-30T10:05:00.000Z']);
    await scheduler.stop();
  });

  it('does not run a job that never ran on a first start: it waits for its slot', async () => {
    const h = harness({ start: '2026-11-29T12:00:00Z', jobs: [{ job: 'digest', cron: '0 8 * * 1' }] });
    await h.scheduler.start();
    assert.equal(h.runs.length, 0);
    await h.timers.advance('2026-11-30T08:00:00Z');
    assert.deepEqual(h.runs.map((r) => r.slot), ['2026-11-30T08:00:00.000Z']);
    await h.scheduler.stop();
  });

  it('after the machine slept through several slots runs once, not once per slot', async () => {
    const h = harness({ start: '2026-11-30T10:00:00Z', jobs: [{ job: 'notify', cron: '*/5 * * * *' }] });
    await h.scheduler.start();
    await h.timers.sleepUntil('2026-11-30T10:32:00Z');
    assert.deepEqual(h.runs.map((r) => [r.slot, r.at]), [['2026-11-30T10:30:00.000Z', '2026-11-30T10:32:00.000Z']]);
    await h.timers.advance('2026-11-30T10:35:00Z');
    assert.deepEqual(h.runs.map((r) => r.slot), ['2026-11-30T10:30:00.000Z', '2026-11-30T10:35:00.000Z']);
    await h.scheduler.stop();
  });

  it('waits at most an hour at a time, so a yearly job still fires on its day', async () => {
    const h = harness({ start: '2026-11-30T10:00:00Z', jobs: [{ job: 'export-securityhub', cron: '0 0 1 1 *' }] });
    await h.scheduler.start();
    assert.ok(h.timers.delays.every((d) => d <= 3_600_000));
    await h.timers.advance('2027-01-01T00:00:00Z');
    assert.deepEqual(h.runs.map((r) => r.slot), ['2027-01-01T00:00:00.000Z']);
    await h.scheduler.stop();
  });

  it('stop aborts the runs in progress, waits for them and fires nothing more', async () => {
    const h = harness({ start: '2026-11-30T10:00:00Z', jobs: [{ job: 'scan', cron: '*/5 * * * *' }], holdRuns: true });
    await h.scheduler.start();
    await h.timers.advance('2026-11-30T10:05:00Z');
    assert.equal(h.runs.length, 1);
    await h.scheduler.stop();
    assert.equal(h.timers.pending, 0);
    await h.timers.advance('2026-11-30T11:00:00Z');
    assert.equal(h.runs.length, 1);
  });
});
