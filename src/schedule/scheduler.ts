import type { JobName } from '../policy/schema.ts';
import { Slots, wallClock } from './slots.ts';

/** The clock and timers the scheduler runs on; tests pass their own. */
export interface Timers {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * The longest single wait: setTimeout cannot wait beyond 24.8 days, and waking hourly to look at
 * the clock again also notices a clock that jumped or a machine that slept.
 */
const MAX_WAIT_MS = 3_600_000;

export interface SchedulerOptions {
  timezone: string;
  jobs: readonly { job: JobName; cron: string }[];
  /** Runs the job for a slot; resolves when it is over. Aborted when the scheduler stops. */
  run(job: JobName, slot: Date, signal: AbortSignal): Promise<void>;
  /** Records a slot skipped because the job's previous run is still going. */
  skip(job: JobName, slot: Date, message: string): Promise<void>;
  /** When the job last started, by anyone; undefined when it never ran. */
  lastStart(job: JobName): Promise<Date | undefined>;
  log(line: string): void;
  timers?: Timers;
}

interface Entry {
  job: JobName;
  slots: Slots;
  timer?: unknown;
  /** The slot the job last fired for, so a timer firing early or twice never runs a slot again. */
  fired?: Date;
  running?: { since: Date; done: Promise<void> };
}

/**
 * Runs each job at the slots of its cron expression. A job never overlaps itself: a slot that comes
 * while its previous run is going is recorded as skipped. Slots missed while nothing ran (downtime,
 * sleep) are made up once, not once each.
 */
export class Scheduler {
  private readonly o: SchedulerOptions;
  private readonly timers: Timers;
  private readonly entries: Entry[];
  private readonly abort = new AbortController();
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;

  constructor(o: SchedulerOptions) {
    this.o = o;
    this.timers = o.timers ?? realTimers;
    this.entries = o.jobs.map(({ job, cron }) => ({ job, slots: new Slots(cron, o.timezone) }));
  }

  /**
   * Makes up missed slots, then waits for the next ones. A job that never ran has missed nothing:
   * its first slot is the next one, so a first start does not set off every job at once.
   */
  async start(): Promise<void> {
    const now = this.timers.now();
    for (const e of this.entries) {
      const slot = e.slots.last(now);
      // Without its history a job only loses the make-up run; it must not keep the others from starting.
      const last = await this.o.lastStart(e.job).catch((err: unknown) => {
        this.o.log(`${e.job}: cannot tell whether a run was missed: ${(err as Error)?.message ?? String(err)}`);
        return undefined;
      });
      if (slot && last && last < slot) {
        this.o.log(`${e.job}: missed the run of ${slot.toISOString()} (last started ${last.toISOString()}); running it now, once`);
        this.fire(e, slot);
      }
      const next = this.arm(e);
      this.o.log(`${e.job}: ${next ? `next run ${wallClock(next, this.o.timezone)} ${this.o.timezone}` : 'its cron expression has no more runs'}`);
    }
  }

  /** Stops the timers, aborts the runs in progress and waits for them to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const e of this.entries) this.timers.clearTimeout(e.timer);
    this.abort.abort();
    await Promise.all([...this.entries.map((e) => e.running?.done), ...this.pending]);
  }

  /** Waits for the job's next slot, which it returns. */
  private arm(e: Entry): Date | undefined {
    if (this.stopped) return undefined;
    const now = this.timers.now();
    // A clock set back must not bring a slot already run round again.
    const next = e.slots.next(e.fired && e.fired > now ? e.fired : now);
    if (next) e.timer = this.timers.setTimeout(() => this.wake(e, next), Math.min(next.getTime() - now.getTime(), MAX_WAIT_MS));
    return next;
  }

  private wake(e: Entry, slot: Date): void {
    if (this.stopped) return;
    const now = this.timers.now();
    // Woken late (the machine slept through slots): one run, for the latest slot passed.
    if (now >= slot) this.fire(e, e.slots.last(now) ?? slot);
    this.arm(e);
  }

  private fire(e: Entry, slot: Date): void {
    e.fired = slot;
    const track = (p: Promise<void>) => {
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    };
    if (e.running) {
      const message = `skipped: the run started ${e.running.since.toISOString()} is still running`;
      this.o.log(`${e.job}: ${message} (slot ${slot.toISOString()})`);
      track(this.o.skip(e.job, slot, message).catch((err: unknown) => this.o.log(`${e.job}: ${(err as Error)?.message ?? String(err)}`)));
      return;
    }
    const done = this.o
      .run(e.job, slot, this.abort.signal)
      .catch((err: unknown) => this.o.log(`${e.job}: ${(err as Error)?.message ?? String(err)}`))
      .finally(() => {
        e.running = undefined;
      });
    e.running = { since: this.timers.now(), done };
  }
}
