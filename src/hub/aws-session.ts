import type { HttpHandler } from '@smithy/core/protocols';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ClientFactory } from '../aws/client-factory.ts';
import { CredentialBroker, type RoleOptions } from '../aws/credentials.ts';
import { ScanAbort, toCollectError } from '../aws/errors.ts';
import type { RetryLimits } from '../aws/retry.ts';

/** How a run reaches AWS; the same knobs `runScan` takes. */
export interface AwsAccessOptions {
  role: RoleOptions;
  endpointUrl?: string;
  /** API calls in flight across the run. */
  concurrency: number;
  /** API calls in flight per (account, region, service); default 5. */
  perServiceConcurrency?: number;
  /** Region used for STS, Organizations and region discovery; defines the partition. */
  homeRegion: string;
  partition: string;
  requestHandler?: HttpHandler;
  baseCredentials?: AwsCredentialIdentityProvider;
  retry?: RetryLimits;
}

export interface AwsSession {
  factory: ClientFactory;
  broker: CredentialBroker;
  caller: { accountId: string; arn: string };
  /** Closes the connection pool. */
  close(): void;
}

/** A client factory and credential broker for the calling identity, which must be known to go on. */
export async function openAwsSession(o: AwsAccessOptions): Promise<AwsSession> {
  const broker = new CredentialBroker(o.role, o.partition, o.homeRegion, o.baseCredentials);
  const factory = await ClientFactory.create(
    {
      concurrency: o.concurrency,
      perServiceConcurrency: o.perServiceConcurrency ?? 5,
      ...(o.endpointUrl ? { endpointUrl: o.endpointUrl } : {}),
      ...(o.requestHandler ? { requestHandler: o.requestHandler } : {}),
      ...(o.retry ? { retry: o.retry } : {}),
    },
    (id) => broker.providerFor(id),
    o.homeRegion,
  );
  broker.attach(factory);
  try {
    const caller = await broker.caller();
    return { factory, broker, caller, close: () => factory.destroy() };
  } catch (err) {
    factory.destroy();
    const e = toCollectError(err);
    throw new ScanAbort(`cannot identify the calling AWS identity (${e.code}: ${e.message})`);
  }
}
