import type {
  AccountInventory,
  Collected,
  GlobalDatasets,
  GlobalKey,
  RegionalDatasets,
  RegionalKey,
} from '../../../src/collect/inventory.ts';
import { AwsError } from './aws-error.ts';

/** The data a collected dataset holds; a failed one is thrown as the AWS error it recorded. */
export function unwrap<T>(collected: Collected<T> | undefined): T | undefined {
  if (!collected) return undefined;
  if (!collected.ok) throw AwsError.from(collected.error);
  return collected.data;
}

/** One account's inventory as the APIs see it; undefined means "never collected": empty account. */
export class AccountData {
  readonly inventory: AccountInventory | undefined;

  constructor(inventory: AccountInventory | undefined) {
    this.inventory = inventory;
  }

  global<K extends GlobalKey>(key: K): GlobalDatasets[K] | undefined {
    return unwrap(this.inventory?.global[key] as Collected<GlobalDatasets[K]> | undefined);
  }

  regional<K extends RegionalKey>(region: string, key: K): RegionalDatasets[K] | undefined {
    return unwrap(this.inventory?.regional[region]?.[key] as Collected<RegionalDatasets[K]> | undefined);
  }
}
