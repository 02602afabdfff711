import type { OrganizationsClient} from '@aws-sdk/client-organizations';
import { paginateListAccounts } from '@aws-sdk/client-organizations';
import type { SkippedItem } from '../findings/scan.ts';

export interface TargetAccount {
  id: string;
  name?: string;
}

export interface OrganizationAccounts {
  accounts: TargetAccount[];
  /** Suspended, closed or otherwise inactive accounts: not scanned, listed with their state. */
  skipped: SkippedItem[];
}

/** Why an Organizations account cannot be scanned, or undefined when it is active. */
export function inactiveReason(a: { State?: string; Status?: string }): string | undefined {
  // `State` supersedes the deprecated `Status`; either one being non-active means no access.
  const state = a.State ?? a.Status;
  return state && state !== 'ACTIVE' ? `account is ${state.toLowerCase()}` : undefined;
}

/** Every account of the organization (all pages), keeping the active ones. */
export async function listOrganizationAccounts(client: OrganizationsClient): Promise<OrganizationAccounts> {
  const accounts: TargetAccount[] = [];
  const skipped: SkippedItem[] = [];
  for await (const page of paginateListAccounts({ client }, {})) {
    for (const a of page.Accounts ?? []) {
      if (!a.Id) continue;
      const inactive = inactiveReason(a);
      if (inactive) {
        skipped.push({ accountId: a.Id, reason: inactive });
        continue;
      }
      accounts.push({ id: a.Id, ...(a.Name ? { name: a.Name } : {}) });
    }
  }
  accounts.sort((x, y) => x.id.localeCompare(y.id));
  return { accounts, skipped };
}
