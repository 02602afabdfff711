import { Cron } from 'croner';

/**
 * The slots of a cron expression in a time zone. Only croner's calendar arithmetic is used, never
 * its timers, so that the scheduler's clock can be a test's. Across DST croner runs a fixed-time job
 * whose time falls in the spring gap at the first time after the gap, and once (at the first
 * occurrence) when autumn repeats its time; an hourly job skips the gap and runs in both repeats.
 */
export class Slots {
  private readonly cron: Cron;

  constructor(expression: string, timezone: string) {
    this.cron = new Cron(expression, { timezone, paused: true });
  }

  /** The first slot strictly after `after`; undefined when the expression has no more. */
  next(after: Date): Date | undefined {
    return this.cron.nextRun(after) ?? undefined;
  }

  /** The latest slot at or before `at`. */
  last(at: Date): Date | undefined {
    // previousRuns looks strictly before its reference.
    return this.cron.previousRuns(1, new Date(at.getTime() + 1))[0];
  }
}

/** `2026-12-01 02:00` as a wall clock in the time zone reads it. */
export function wallClock(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
