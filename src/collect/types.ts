import type { Client } from '@smithy/core/client';
import type {
  AccountInventory,
  Collected,
  GlobalDatasets,
  GlobalKey,
  RegionalDatasets,
  RegionalKey,
} from './inventory.ts';

// Any SDK v3 client class (IAMClient, S3Client, ...).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientClass<C extends Client<any, any, any, any>> = new (config: any) => C;

/** What a collector may use: SDK clients for this account, made by the shared client factory. */
export interface CollectContext {
  accountId: string;
  partition: string;
  /** The partition's home region for global APIs (us-east-1 in `aws`). */
  globalRegion: string;
  /** Scanned regions of the account. */
  regions: string[];
  /**
   * A client for this account in `region` (default: the global region). Clients are shared per
   * (account, region, service) and carry retries, rate limits and the endpoint override.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  client<C extends Client<any, any, any, any>>(ctor: ClientClass<C>, region?: string): C;
}

export type GlobalResult = Partial<{ [K in GlobalKey]: Collected<GlobalDatasets[K]> }>;
export type RegionalResult = Partial<{ [K in RegionalKey]: Collected<RegionalDatasets[K]> }>;

interface CollectorBase {
  /** Collector name, e.g. `iam`. */
  id: string;
}

/** Runs once per account, before the regions (IAM, Account, S3 buckets, ...). */
export interface GlobalCollector extends CollectorBase {
  phase: 'global';
  datasets: readonly GlobalKey[];
  collect(ctx: CollectContext, wanted: ReadonlySet<GlobalKey>): Promise<GlobalResult>;
}

/** Runs in every scanned region. */
export interface RegionalCollector extends CollectorBase {
  phase: 'regional';
  datasets: readonly RegionalKey[];
  collect(ctx: CollectContext, region: string, wanted: ReadonlySet<RegionalKey>): Promise<RegionalResult>;
}

/**
 * Runs once per account after every region is in, reading what earlier collectors stored
 * (e.g. trail details for the trails DescribeTrails returned in any region).
 */
export interface FinalCollector extends CollectorBase {
  phase: 'final';
  datasets: readonly GlobalKey[];
  /** Datasets this collector reads from the inventory; they are collected first. */
  needs: readonly (GlobalKey | RegionalKey)[];
  collect(ctx: CollectContext, inventory: AccountInventory, wanted: ReadonlySet<GlobalKey>): Promise<GlobalResult>;
}

export type Collector = GlobalCollector | RegionalCollector | FinalCollector;
