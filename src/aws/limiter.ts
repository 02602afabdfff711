/**
 * A concurrency cap with an optional steady request rate (token bucket). Waiters are served in
 * arrival order so one busy caller cannot starve another.
 */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private tokens: number;
  private lastRefill = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private readonly maxConcurrent: number;
  private readonly ratePerSecond: number | undefined;
  private readonly burst: number;

  constructor(maxConcurrent: number, ratePerSecond?: number, burst?: number) {
    this.maxConcurrent = maxConcurrent;
    this.ratePerSecond = ratePerSecond;
    this.burst = burst ?? Math.max(1, Math.ceil(ratePerSecond ?? 1));
    this.tokens = this.burst;
  }

  /** Resolves when a slot is free; call the returned function to give it back. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.queue.push(() => resolve(this.releaser()));
      this.drain();
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      this.drain();
    };
  }

  private refill(): void {
    if (this.ratePerSecond === undefined) return;
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) / 1000) * this.ratePerSecond);
    this.lastRefill = now;
  }

  private drain(): void {
    this.refill();
    while (this.queue.length > 0 && this.active < this.maxConcurrent) {
      if (this.ratePerSecond !== undefined) {
        if (this.tokens < 1) {
          this.schedule();
          return;
        }
        this.tokens -= 1;
      }
      this.active++;
      this.queue.shift()!();
    }
  }

  private schedule(): void {
    if (this.timer || this.ratePerSecond === undefined) return;
    const wait = Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, wait);
  }
}
