import type { AccountInventory, Collected } from '../collect/inventory.ts';
import { DataUnavailable, type CheckContext, type CheckOptions } from './types.ts';

const NOT_COLLECTED = { code: 'NotCollected', message: 'dataset missing from the inventory' };

function unwrap<T>(c: Collected<T> | undefined, key: Parameters<CheckContext['global']>[0] | Parameters<CheckContext['regional']>[0], region?: string): T {
  if (!c) throw new DataUnavailable(key, NOT_COLLECTED, region);
  if (!c.ok) throw new DataUnavailable(key, c.error, region);
  return c.data;
}

export function contextFor(
  account: AccountInventory,
  partition: string,
  now: Date,
  options: CheckOptions,
): CheckContext {
  return {
    accountId: account.accountId,
    partition,
    regions: account.regions,
    now,
    options,
    global(key) {
      return unwrap(account.global[key], key);
    },
    regional(key, region) {
      return unwrap(account.regional[region]?.[key], key, region);
    },
    regionalAll(key) {
      return account.regions.map((region) => {
        const c = account.regional[region]?.[key];
        if (!c) return { region, error: NOT_COLLECTED };
        return c.ok ? { region, data: c.data } : { region, error: c.error };
      });
    },
  };
}
