import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Client } from '@smithy/core/client';
import type { HttpHandler } from '@smithy/core/protocols';
import type { AwsCredentialIdentityProvider, FinalizeHandler, FinalizeHandlerArguments, MetadataBearer } from '@smithy/types';
import type { ClientClass } from '../collect/types.ts';
import { Limiter } from './limiter.ts';
import { DEFAULT_RETRY_LIMITS, ThrottleTolerantRetryStrategy, type RetryLimits } from './retry.ts';

export interface ClientFactoryOptions {
  /** One endpoint for every service (emulators, VPC endpoints); S3 then uses path-style URLs. */
  endpointUrl?: string;
  /** Cap on API calls in flight across the whole scan. */
  concurrency: number;
  /** Cap on calls in flight per (account, region, service), so one busy account never throttles another. */
  perServiceConcurrency: number;
  retry?: RetryLimits;
  /** Replaces the HTTP transport (tests and benchmarks); the SDK's serialization still runs. */
  requestHandler?: HttpHandler;
}

/** Documented steady rates (requests/s, burst) per account and region, for services that publish one. */
const SERVICE_RATES: Record<string, { rate: number; burst: number }> = {
  SecurityHubClient: { rate: 10, burst: 30 },
  AccountClient: { rate: 5, burst: 5 },
};

export interface CallStats {
  /** HTTP attempts sent, retries included. */
  attempts: number;
  /** Attempts per service client name. */
  byService: Map<string, number>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = Client<any, any, any, any>;

/**
 * Makes every SDK client of the scan: one per (account, region, service), each with the account's
 * credentials, the standard retry strategy (more attempts for throttling), a concurrency/rate cap of
 * its own, the shared global cap, and the endpoint override.
 */
export class ClientFactory {
  readonly stats: CallStats = { attempts: 0, byService: new Map() };
  private readonly clients = new Map<string, AnyClient>();
  private readonly global: Limiter;
  private readonly handler: HttpHandler;
  private readonly opts: ClientFactoryOptions;
  private readonly credentialsFor: (accountId: string) => AwsCredentialIdentityProvider;

  constructor(opts: ClientFactoryOptions, credentialsFor: (accountId: string) => AwsCredentialIdentityProvider) {
    this.opts = opts;
    this.credentialsFor = credentialsFor;
    this.global = new Limiter(opts.concurrency);
    this.handler =
      opts.requestHandler ??
      new NodeHttpHandler({
        httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: opts.concurrency }),
        httpAgent: new HttpAgent({ keepAlive: true, maxSockets: opts.concurrency }),
        connectionTimeout: 10_000,
        requestTimeout: 60_000,
      });
  }

  client<C extends AnyClient>(ctor: ClientClass<C>, accountId: string, region: string): C {
    const key = `${ctor.name}|${accountId}|${region}`;
    let c = this.clients.get(key);
    if (!c) {
      c = this.create(ctor, accountId, region);
      this.clients.set(key, c);
    }
    return c as C;
  }

  /**
   * Forgets an account's clients once its scan is done, keeping memory flat across thousands of
   * accounts. They are not destroyed: an SDK client's destroy() also closes the shared connection
   * pool that other accounts' requests are using.
   */
  releaseAccount(accountId: string): void {
    for (const key of this.clients.keys()) {
      if (key.split('|')[1] === accountId) this.clients.delete(key);
    }
  }

  /** Closes the shared connection pool, so the process can exit. */
  destroy(): void {
    this.clients.clear();
    this.handler.destroy?.();
  }

  private create<C extends AnyClient>(ctor: ClientClass<C>, accountId: string, region: string): C {
    const endpoint = this.opts.endpointUrl;
    const config: Record<string, unknown> = {
      region,
      credentials: this.credentialsFor(accountId),
      retryStrategy: new ThrottleTolerantRetryStrategy(this.opts.retry ?? DEFAULT_RETRY_LIMITS),
      requestHandler: this.handler,
    };
    if (endpoint) {
      config.endpoint = endpoint;
      if (ctor.name === 'S3Client') config.forcePathStyle = true;
      // S3 Control's endpoint rules prefix the account id to any host, custom endpoints included.
      if (ctor.name === 'S3ControlClient') config.endpointProvider = () => ({ url: new URL(endpoint) });
    }
    const client = new ctor(config);
    const rate = SERVICE_RATES[ctor.name];
    const own = new Limiter(this.opts.perServiceConcurrency, rate?.rate, rate?.burst);
    const stats = this.stats;
    const global = this.global;
    const service = ctor.name;
    client.middlewareStack.addRelativeTo(
      // Sits inside the retry loop, so every attempt (retries too) waits for both caps.
      (next: FinalizeHandler<object, MetadataBearer>) => async (args: FinalizeHandlerArguments<object>) => {
        const releaseOwn = await own.acquire();
        const releaseGlobal = await global.acquire();
        stats.attempts++;
        stats.byService.set(service, (stats.byService.get(service) ?? 0) + 1);
        try {
          return await next(args);
        } finally {
          releaseGlobal();
          releaseOwn();
        }
      },
      { relation: 'after', toMiddleware: 'retryMiddleware', name: 'rampartLimiter' },
    );
    return client;
  }
}
