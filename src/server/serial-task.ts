/**
 * Runs a task every `intervalMs` and soon after each `kick()`, never two at once: a kick during a
 * run asks for one more run after it, however many kicks arrive. Failures are logged, not thrown,
 * so one bad run does not stop the next.
 */
export class SerialTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly task: () => Promise<void>;
  private readonly intervalMs: number;
  private readonly debounceMs: number;
  private readonly log: (line: string) => void;

  constructor(task: () => Promise<void>, o: { intervalMs: number; debounceMs: number; log: (line: string) => void }) {
    this.task = task;
    this.intervalMs = o.intervalMs;
    this.debounceMs = o.debounceMs;
    this.log = o.log;
  }

  start(): void {
    this.schedule(0);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(this.debounceMs);
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  private async run(): Promise<void> {
    this.running = this.task().catch((err: unknown) => this.log((err as Error)?.message ?? String(err)));
    await this.running;
    this.running = undefined;
    const next = this.again ? this.debounceMs : this.intervalMs;
    this.again = false;
    this.schedule(next);
  }
}
