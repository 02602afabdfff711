/**
 * Runs a task soon after each `kick()` (and, with `intervalMs`, every interval from `start()`),
 * never two at once: a kick during a run asks for one more run after it, however many kicks arrive.
 * Failures are logged, not thrown, so one bad run does not stop the next.
 *
 * By default each kick restarts the wait, so a burst is handled once it is over. With `throttle`,
 * the wait started by the first kick is kept: a steady stream of kicks still gets a run every
 * `debounceMs`, where restarting would put it off for as long as the stream lasts.
 */
export class SerialTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly task: () => Promise<void>;
  private readonly intervalMs: number | undefined;
  private readonly debounceMs: number;
  private readonly throttle: boolean;
  private readonly log: (line: string) => void;

  constructor(task: () => Promise<void>, o: { intervalMs?: number; debounceMs: number; throttle?: boolean; log: (line: string) => void }) {
    this.task = task;
    this.intervalMs = o.intervalMs;
    this.debounceMs = o.debounceMs;
    this.throttle = o.throttle ?? false;
    this.log = o.log;
  }

  start(): void {
    this.schedule(0);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else if (!(this.throttle && this.timer)) this.schedule(this.debounceMs);
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.running = this.task().catch((err: unknown) => this.log((err as Error)?.message ?? String(err)));
    await this.running;
    this.running = undefined;
    if (this.again) this.schedule(this.debounceMs);
    else if (this.intervalMs !== undefined) this.schedule(this.intervalMs);
    this.again = false;
  }
}
