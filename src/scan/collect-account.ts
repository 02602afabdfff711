import { EC2Client } from '@aws-sdk/client-ec2';
import type { AccountInventory, CollectError, GlobalKey, RegionalKey } from '../collect/inventory.ts';
import type { CollectContext, Collector, GlobalResult, RegionalResult } from '../collect/types.ts';
import { toCollectError } from '../aws/errors.ts';
import type { ClientFactory } from '../aws/client-factory.ts';
import type { CredentialBroker } from '../aws/credentials.ts';
import type { TargetAccount } from '../aws/organization.ts';
import { discoverRegions, type AccountRegions, type RegionFilter } from '../aws/regions.ts';
import type { ScanPlan } from './plan.ts';

export interface CollectAccountParams {
  account: TargetAccount;
  plan: ScanPlan;
  factory: ClientFactory;
  broker: CredentialBroker;
  partition: string;
  globalRegion: string;
  regionFilter: RegionFilter;
  /** The account's regions when already discovered (the caller's are, to validate --regions). */
  knownRegions?: AccountRegions;
  /** Used when the account will not tell its own regions (DescribeRegions denied). */
  fallbackRegions: readonly string[];
  onRegions?: (count: number) => void;
  onRegionDone?: (region: string) => void;
}

function failAll<K extends string>(keys: Iterable<K>, error: CollectError): Partial<Record<K, { ok: false; error: CollectError }>> {
  const out: Partial<Record<K, { ok: false; error: CollectError }>> = {};
  for (const k of keys) out[k] = { ok: false, error };
  return out;
}

function wantedOf<K extends string>(col: Collector, wanted: ReadonlySet<K>): Set<K> {
  return new Set((col.datasets as readonly string[]).filter((d) => wanted.has(d as K)) as K[]);
}

/**
 * Collects everything the plan needs from one account: global data, every region, then final
 * passes. What got in the way is kept in the inventory (accessError, issues).
 */
export async function collectAccount(p: CollectAccountParams): Promise<AccountInventory> {
  const { account, plan, factory } = p;
  const inventory: AccountInventory = {
    accountId: account.id,
    ...(account.name ? { name: account.name } : {}),
    regions: [],
    skippedRegions: [],
    global: {},
    regional: {},
  };
  const issues: NonNullable<AccountInventory['issues']> = [];
  try {
    await p.broker.verify(account.id);
  } catch (err) {
    inventory.accessError = toCollectError(err);
    return inventory;
  }

  try {
    const r = p.knownRegions ?? (await discoverRegions(factory.client(EC2Client, account.id, p.globalRegion), p.regionFilter));
    inventory.regions = r.scanned;
    inventory.skippedRegions = r.skipped;
  } catch (err) {
    const e = toCollectError(err);
    inventory.regions = [...p.fallbackRegions];
    issues.push({ code: e.code, message: `could not list regions (${e.message}); scanning ${p.fallbackRegions.join(', ')}` });
  }
  if (inventory.regions.length === 0) {
    issues.push({ code: 'NoRegionScanned', message: 'no region of this account is both enabled and selected by --regions/--exclude-regions' });
  }
  if (issues.length) inventory.issues = issues;
  p.onRegions?.(inventory.regions.length);

  const ctx: CollectContext = {
    accountId: account.id,
    partition: p.partition,
    globalRegion: p.globalRegion,
    regions: inventory.regions,
    client: (ctor, region) => factory.client(ctor, account.id, region ?? p.globalRegion),
  };

  const globalJobs = plan.collectors
    .filter((c) => c.phase === 'global')
    .map(async (col) => {
      const wanted = wantedOf<GlobalKey>(col, plan.wantedGlobal);
      let result: GlobalResult;
      try {
        result = await col.collect(ctx, wanted);
      } catch (err) {
        result = failAll(wanted, toCollectError(err)) as GlobalResult;
      }
      Object.assign(inventory.global, result);
    });

  const regionalCollectors = plan.collectors.filter((c) => c.phase === 'regional');
  const regionJobs = inventory.regions.map(async (region) => {
    const data: RegionalResult = {};
    await Promise.all(
      regionalCollectors.map(async (col) => {
        const wanted = wantedOf<RegionalKey>(col, plan.wantedRegional);
        let result: RegionalResult;
        try {
          result = await col.collect(ctx, region, wanted);
        } catch (err) {
          result = failAll(wanted, toCollectError(err)) as RegionalResult;
        }
        Object.assign(data, result);
      }),
    );
    inventory.regional[region] = data;
    p.onRegionDone?.(region);
  });

  await Promise.all([...globalJobs, ...regionJobs]);

  for (const col of plan.collectors) {
    if (col.phase !== 'final') continue;
    const wanted = wantedOf<GlobalKey>(col, plan.wantedGlobal);
    try {
      Object.assign(inventory.global, await col.collect(ctx, inventory, wanted));
    } catch (err) {
      Object.assign(inventory.global, failAll(wanted, toCollectError(err)));
    }
  }
  return inventory;
}
