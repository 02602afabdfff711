import type { Timers } from '../../src/schedule/scheduler.ts';

/** A clock that moves only when told, firing due timers in order; `delays` keeps every wait asked for. */
export class FakeTimers implements Timers {
  private t: number;
  private next = 0;
  private readonly queue = new Map<number, { at: number; fn: () => void }>();
  readonly delays: number[] = [];

  constructor(start: string) {
    this.t = Date.parse(start);
  }

  now(): Date {
    return new Date(this.t);
  }

  setTimeout(fn: () => void, ms: number): unknown {
    this.delays.push(ms);
    const id = ++this.next;
    this.queue.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }

  /** Moves the clock to `to`, firing each timer due on the way at its own time. */
  async advance(to: string): Promise<void> {
    const target = Date.parse(to);
    for (;;) {
      const due = [...this.queue].filter(([, e]) => e.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.queue.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
      await settle();
    }
    this.t = target;
    await settle();
  }

  /** Jumps the clock without firing anything, as a machine that slept; then fires what is due. */
  async sleepUntil(to: string): Promise<void> {
    this.t = Date.parse(to);
    await this.advance(to);
  }

  get pending(): number {
    return this.queue.size;
  }
}

/** Lets promise callbacks (and their follow-ups) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
