import {
  ListTagsForResourceCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { ScanIssue, SkippedItem } from '../findings/scan.ts';
import { toCollectError } from './errors.ts';

export interface TargetAccount {
  id: string;
  name?: string;
  email?: string;
  state?: string;
  /** The OU the account sits in (the root's id when it sits in the root). */
  ouId?: string;
  /** OU names from the root: `Root/Workloads/Prod`. */
  ouPath?: string;
  tags?: Record<string, string>;
}

export interface OrganizationAccounts {
  accounts: TargetAccount[];
  /** Suspended, closed or otherwise inactive accounts: not scanned, listed with their state. */
  skipped: SkippedItem[];
  /** What could not be learned (OU placement, tags): the accounts are still there. */
  issues: ScanIssue[];
}

/** Why an Organizations account cannot be scanned, or undefined when it is active. */
export function inactiveReason(a: { State?: string; Status?: string }): string | undefined {
  // `State` supersedes the deprecated `Status`; either one being non-active means no access.
  const state = a.State ?? a.Status;
  return state && state !== 'ACTIVE' ? `account is ${state.toLowerCase()}` : undefined;
}

/** Account id → its OU id and OU path, walking the tree from each root. */
async function placements(client: OrganizationsClient): Promise<Map<string, { ouId: string; ouPath: string }>> {
  const out = new Map<string, { ouId: string; ouPath: string }>();
  const walk = async (parentId: string, path: string): Promise<void> => {
    for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
      for (const a of page.Accounts ?? []) if (a.Id) out.set(a.Id, { ouId: parentId, ouPath: path });
    }
    for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId })) {
      for (const ou of page.OrganizationalUnits ?? []) if (ou.Id) await walk(ou.Id, `${path}/${ou.Name ?? ou.Id}`);
    }
  };
  for await (const page of paginateListRoots({ client }, {})) {
    // Organizations names its one root "Root"; the path uses that name so policies can say Root/...
    for (const root of page.Roots ?? []) if (root.Id) await walk(root.Id, root.Name ?? 'Root');
  }
  return out;
}

async function tagsOf(client: OrganizationsClient, accountId: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let token: string | undefined;
  do {
    const page = await client.send(new ListTagsForResourceCommand({ ResourceId: accountId, NextToken: token }));
    for (const t of page.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
    token = page.NextToken;
  } while (token);
  return tags;
}

/** Tag lookups in flight: Organizations publishes no rate, and a large org has thousands of accounts. */
const TAG_CONCURRENCY = 4;

/**
 * Every account of the organization (all pages), keeping the active ones, with the OU each sits in
 * and, when asked (owners named by tags), its tags. Not being allowed to read the OU tree or the
 * tags is an issue, not a failure: the accounts are scanned all the same.
 */
export async function listOrganizationAccounts(client: OrganizationsClient, opts: { tags?: boolean } = {}): Promise<OrganizationAccounts> {
  const accounts: TargetAccount[] = [];
  const skipped: SkippedItem[] = [];
  const issues: ScanIssue[] = [];
  for await (const page of paginateListAccounts({ client }, {})) {
    for (const a of page.Accounts ?? []) {
      if (!a.Id) continue;
      const inactive = inactiveReason(a);
      if (inactive) {
        skipped.push({ accountId: a.Id, reason: inactive });
        continue;
      }
      accounts.push({ id: a.Id, ...(a.Name ? { name: a.Name } : {}), ...(a.Email ? { email: a.Email } : {}), state: a.State ?? a.Status ?? 'ACTIVE' });
    }
  }
  accounts.sort((x, y) => x.id.localeCompare(y.id));
  try {
    const placed = await placements(client);
    for (const a of accounts) Object.assign(a, placed.get(a.id));
  } catch (err) {
    const e = toCollectError(err);
    issues.push({ code: e.code, message: `could not read the organization's OUs, so accounts have no OU: ${e.message}` });
  }
  if (opts.tags) {
    let next = 0;
    let failure: ScanIssue | undefined;
    await Promise.all(
      Array.from({ length: Math.min(TAG_CONCURRENCY, accounts.length) }, async () => {
        while (next < accounts.length && !failure) {
          const a = accounts[next++]!;
          try {
            a.tags = await tagsOf(client, a.id);
          } catch (err) {
            const e = toCollectError(err);
            failure ??= { accountId: a.id, code: e.code, message: `could not read account tags (owners from tags are unknown): ${e.message}` };
          }
        }
      }),
    );
    if (failure) issues.push(failure);
  }
  return { accounts, skipped, issues };
}
