import type { PullOptions } from '../../src/hub/pull.ts';
import type { CallRecord, EmulatorHttpHandler } from '../support/emulator/index.ts';
import { BASE_CREDENTIALS, ROLE } from '../support/hub-world.ts';

const noDelay = { computeNextBackoffDelay: () => 0, setDelayBase: () => {} };

/** Pull options against the in-process emulator: real SDK clients, no sockets, no back-off delay. */
export function pullOptions(handler: EmulatorHttpHandler, over: Partial<PullOptions> = {}): PullOptions {
  return {
    target: { kind: 'org' },
    regions: {},
    role: { roleName: ROLE, sessionSeconds: 3600 },
    endpointUrl: 'http://emulator.test',
    concurrency: 32,
    homeRegion: 'us-east-1',
    partition: 'aws',
    requestHandler: handler,
    baseCredentials: async () => BASE_CREDENTIALS,
    retry: { maxAttempts: 3, maxThrottledAttempts: 4, backoff: noDelay },
    ...over,
  };
}

/** Every value a generator yields, and what it returns. */
export async function drain<T, R>(gen: AsyncGenerator<T, R>): Promise<{ batches: T[]; result: R }> {
  const batches: T[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { batches, result: next.value };
    batches.push(next.value);
  }
}

/** The decoded request of a logged call. */
export function inputOf(call: CallRecord): Record<string, unknown> {
  return JSON.parse(call.input) as Record<string, unknown>;
}

export const sortedUnique = <T>(items: Iterable<T>) => [...new Set(items)].sort();
