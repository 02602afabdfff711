import type { CollectContext } from '../../src/collect/types.ts';

export const ACCOUNT = '111122223333';

export interface TestContext extends CollectContext {
  /** Every client asked for, in order: service client class name and region. */
  asked: { client: string; region: string }[];
  /** The region a client made by this context was built for. */
  regionOf(client: unknown): string | undefined;
}

/** A CollectContext whose clients are plain SDK clients (mocked by aws-sdk-client-mock). */
export function testContext(regions = ['us-east-1', 'eu-west-1']): TestContext {
  const made = new WeakMap<object, string>();
  const asked: TestContext['asked'] = [];
  return {
    accountId: ACCOUNT,
    partition: 'aws',
    globalRegion: 'us-east-1',
    regions,
    asked,
    regionOf: (client) => (client && typeof client === 'object' ? made.get(client) : undefined),
    client(ctor, region = 'us-east-1') {
      const client = new ctor({ region, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
      made.set(client, region);
      asked.push({ client: ctor.name, region });
      return client;
    },
  };
}

/**
 * An error shaped like the SDK's: `name` is the exception class, `Code` the wire code (query and
 * XML protocols carry both, e.g. NoSuchEntityException / NoSuchEntity).
 */
export function awsError(code: string, opts: { name?: string; status?: number } = {}): Error {
  return Object.assign(new Error(`${code}: simulated by the test`), {
    name: opts.name ?? code,
    Code: code,
    $fault: 'client',
    $metadata: { httpStatusCode: opts.status ?? 400 },
  });
}

/** The region of the client that sent a recorded mock call. */
export function callRegion(ctx: TestContext, call: { thisValue: unknown }): string | undefined {
  return ctx.regionOf(call.thisValue);
}
