import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Client } from '@smithy/core/client';
import type { HttpHandler } from '@smithy/core/protocols';
import type { AwsCredentialIdentityProvider, FinalizeRequestMiddleware, MetadataBearer } from '@smithy/types';
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

interface Rate {
  /** Requests per second, sustained. */
  rate: number;
  burst: number;
}

/**
 * Documented rates per account and region, for services that publish them. An operation named here
 * has a bucket of its own; the service's other operations share the `*` bucket.
 */
const OPERATION_RATES: Readonly<Record<string, Readonly<Record<string, Rate>>>> = {
  SecurityHubClient: {
    '*': { rate: 10, burst: 30 },
    GetFindings: { rate: 3, burst: 6 },
    BatchImportFindings: { rate: 10, burst: 30 },
  },
  AccountClient: { '*': { rate: 5, burst: 5 } },
};

export interface CallStats {
  /** HTTP attempts sent, retries included. */
  attempts: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = Client<any, any, any, any>;

/** Client settings the SDK would otherwise look up in the environment and config files per client. */
interface SharedSettings {
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  defaultsMode: string;
  /** Empty when none is configured: the SDK adds an app id to the user agent only when set. */
  userAgentAppId: string;
  authSchemePreference: string[];
  /** True unless the environment names per-service endpoints (AWS_ENDPOINT_URL_<SERVICE>). */
  ignoreConfiguredEndpointUrls: boolean;
}

/**
 * Makes every SDK client of the scan: one per (account, region, service), each with the account's
 * credentials, the standard retry strategy (more attempts for throttling), a concurrency/rate cap of
 * its own, the shared global cap, and the endpoint override.
 */
export class ClientFactory {
  readonly stats: CallStats = { attempts: 0 };
  private readonly clients = new Map<string, AnyClient>();
  private readonly global: Limiter;
  private readonly handler: HttpHandler;
  private readonly opts: ClientFactoryOptions;
  private readonly credentialsFor: (accountId: string) => AwsCredentialIdentityProvider;
  private readonly shared: SharedSettings;

  /**
   * Resolves the environment-dependent settings once: a scan makes a client per account, region and
   * service (tens of thousands), and letting each re-read env and config files doubled the CPU cost
   * of a call.
   */
  static async create(
    opts: ClientFactoryOptions,
    credentialsFor: (accountId: string) => AwsCredentialIdentityProvider,
    region: string,
  ): Promise<ClientFactory> {
    const probe = new STSClient({ region });
    const shared: SharedSettings = {
      useFipsEndpoint: await probe.config.useFipsEndpoint(),
      useDualstackEndpoint: await probe.config.useDualstackEndpoint(),
      defaultsMode: await (typeof probe.config.defaultsMode === 'function' ? probe.config.defaultsMode() : probe.config.defaultsMode),
      userAgentAppId: (await probe.config.userAgentAppId()) ?? '',
      authSchemePreference: await probe.config.authSchemePreference(),
      ignoreConfiguredEndpointUrls: !Object.keys(process.env).some((k) => k.startsWith('AWS_ENDPOINT_URL_')),
    };
    probe.destroy();
    return new ClientFactory(opts, credentialsFor, shared);
  }

  private constructor(
    opts: ClientFactoryOptions,
    credentialsFor: (accountId: string) => AwsCredentialIdentityProvider,
    shared: SharedSettings,
  ) {
    this.opts = opts;
    this.credentialsFor = credentialsFor;
    this.shared = shared;
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

  /** Forgets an account's clients once its scan is done, keeping memory flat across thousands of accounts. */
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

  /**
   * The shared transport behind this client's own concurrency cap and the scan-wide cap. The caps
   * hold a slot only while a request is on the wire (every attempt, retries included), not while
   * the SDK signs or parses, so "in flight" means what it says.
   */
  private transportFor(): HttpHandler {
    const shared = this.handler;
    const global = this.global;
    const stats = this.stats;
    const own = new Limiter(this.opts.perServiceConcurrency);
    return {
      async handle(request, options) {
        const releaseOwn = await own.acquire();
        const releaseGlobal = await global.acquire();
        stats.attempts++;
        try {
          return await shared.handle(request, options);
        } finally {
          releaseGlobal();
          releaseOwn();
        }
      },
      updateHttpClientConfig: (key, value) => shared.updateHttpClientConfig(key, value),
      httpHandlerConfigs: () => shared.httpHandlerConfigs(),
      // The connection pool is shared by every client: one client's destroy() must not close it.
      destroy: () => {},
    };
  }

  private create<C extends AnyClient>(ctor: ClientClass<C>, accountId: string, region: string): C {
    const endpoint = this.opts.endpointUrl;
    const retry = this.opts.retry ?? DEFAULT_RETRY_LIMITS;
    const config: Record<string, unknown> = {
      region,
      credentials: this.credentialsFor(accountId),
      retryStrategy: new ThrottleTolerantRetryStrategy(retry),
      // Stated so the SDK does not look them up per client; the strategy above decides anyway.
      maxAttempts: Math.max(retry.maxAttempts, retry.maxThrottledAttempts),
      retryMode: 'standard',
      requestHandler: this.transportFor(),
      ...this.shared,
      // Read-only calls send small requests; nothing to compress.
      disableRequestCompression: true,
    };
    if (endpoint) {
      config.endpoint = endpoint;
      config.ignoreConfiguredEndpointUrls = true;
      if (ctor.name === 'S3Client') config.forcePathStyle = true;
      // S3 Control's endpoint rules prefix the account id to any host, custom endpoints included.
      if (ctor.name === 'S3ControlClient') config.endpointProvider = () => ({ url: new URL(endpoint) });
    }
    const client = new ctor(config);
    const rates = OPERATION_RATES[ctor.name];
    if (rates) {
      // Before signing, so a request that waits for its token is not sent with a stale signature;
      // after the retry middleware, so every attempt takes a token.
      client.middlewareStack.addRelativeTo(rateLimit(rates), {
        relation: 'before',
        toMiddleware: 'httpSigningMiddleware',
        name: 'rampartOperationRate',
      });
    }
    return client;
  }
}

/** Token buckets per operation of one client (one account, region and service). */
function rateLimit(rates: Readonly<Record<string, Rate>>): FinalizeRequestMiddleware<object, MetadataBearer> {
  const buckets = new Map<string, Limiter>();
  return (next, context) => async (args) => {
    const operation = context.commandName?.replace(/Command$/, '') ?? '';
    const key = operation in rates ? operation : '*';
    const rate = rates[key];
    if (rate) {
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = new Limiter(Infinity, rate.rate, rate.burst);
        buckets.set(key, bucket);
      }
      (await bucket.acquire())();
    }
    return next(args);
  };
}
