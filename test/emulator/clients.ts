import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AwsCredentialIdentity } from '@smithy/types';
import { BASE_CREDENTIALS } from './world-fixture.ts';

/** Client settings for the emulator: one endpoint, no retries unless asked, no waiting between them. */
export function clientConfig(
  endpoint: string,
  region = 'us-east-1',
  credentials: AwsCredentialIdentity = BASE_CREDENTIALS,
  attempts = 1,
) {
  return { region, endpoint, credentials, retryStrategy: new ConfiguredRetryStrategy(attempts, () => 0) };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { Code?: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { Code?: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

/** Dates of SDK output as ISO strings, `$metadata` dropped: comparable with the inventory. */
export function plainOutput<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === '$metadata' ? undefined : v)));
}

/** Every item over all pages of an SDK paginator. */
export async function allItems<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}
