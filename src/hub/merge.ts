/**
 * Runs up to `concurrency` generators at once and yields their values as they arrive. Each running
 * generator fetches at most one value ahead, so a slow consumer holds the producers back. When the
 * consumer stops early or a generator throws, the others are closed (their `finally` blocks run).
 */
export async function* mergeGenerators<T>(starts: Iterable<() => AsyncGenerator<T, void>>, concurrency: number): AsyncGenerator<T, void> {
  type Step = { gen: AsyncGenerator<T, void>; result: IteratorResult<T, void> };
  const pending = starts[Symbol.iterator]();
  const running = new Map<AsyncGenerator<T, void>, Promise<Step>>();
  const advance = (gen: AsyncGenerator<T, void>) => running.set(gen, gen.next().then((result) => ({ gen, result })));
  const launch = () => {
    while (running.size < Math.max(1, concurrency)) {
      const next = pending.next();
      if (next.done) return;
      advance(next.value());
    }
  };
  try {
    launch();
    while (running.size > 0) {
      const { gen, result } = await Promise.race(running.values());
      if (result.done) {
        running.delete(gen);
        launch();
        continue;
      }
      advance(gen);
      yield result.value;
    }
  } finally {
    await Promise.allSettled(
      [...running].map(async ([gen, step]) => {
        await step.catch(() => undefined);
        await gen.return(undefined);
      }),
    );
  }
}
