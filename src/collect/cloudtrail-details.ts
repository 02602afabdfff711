import {
  CloudTrailClient,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { parseArn } from './arn.ts';
import { attempt, plain } from './attempt.ts';
import type { AccountInventory, Collected, GlobalDatasets, Plain, TrailDetails } from './inventory.ts';
import type { CollectContext, FinalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const cloudtrailDetailsCollector: FinalCollector = {
  id: 'cloudtrail-details',
  phase: 'final',
  datasets: ['cloudtrail.trailDetails'],
  needs: ['cloudtrail.trails'],
  collect(ctx, inventory, wanted) {
    return collectWanted<GlobalDatasets>(wanted, {
      'cloudtrail.trailDetails': async () => {
        const trails = uniqueTrails(inventory);
        if (!trails.ok) return trails;
        return attempt(async () => {
          const entries = await Promise.all(
            trails.data.map(async (seen) => [seen.arn, await trailDetails(ctx, seen)] as const),
          );
          return Object.fromEntries(entries);
        });
      },
    });
  },
};

interface SeenTrail {
  arn: string;
  trail: Plain<Trail>;
  /** Where its status and selectors are authoritative. */
  homeRegion: string;
}

const NO_REGION_SCANNED: Collected<never> = {
  ok: false,
  error: { code: 'NoRegionScanned', message: 'no region of the account was scanned, so no trail list was read' },
};

/**
 * Every trail seen in any region, once per TrailARN (multi-region and organization trails show up
 * in every region). Regions whose listing failed are skipped; if all failed, so does this, and with no
 * scanned region nothing was read at all (which must not look like "no trail").
 */
function uniqueTrails(inventory: AccountInventory): Collected<SeenTrail[]> {
  if (inventory.regions.length === 0) return NO_REGION_SCANNED;
  const byArn = new Map<string, SeenTrail>();
  let firstError: Collected<never> | undefined;
  let listed = false;
  for (const region of inventory.regions) {
    const trails = inventory.regional[region]?.['cloudtrail.trails'];
    if (!trails) continue;
    if (!trails.ok) {
      firstError ??= trails;
      continue;
    }
    listed = true;
    for (const trail of trails.data) {
      if (!trail.TrailARN) continue;
      // Prefer the copy listed in the trail's home region over its shadow copies.
      if (!byArn.has(trail.TrailARN) || trail.HomeRegion === region) {
        byArn.set(trail.TrailARN, { arn: trail.TrailARN, trail, homeRegion: trail.HomeRegion ?? region });
      }
    }
  }
  if (!listed && firstError) return firstError;
  return { ok: true, data: [...byArn.values()] };
}

/**
 * Status and selectors are only authoritative in the trail's home region, and only in the account
 * that owns the trail: a member account sees its organization's trail but calls on it fail or say
 * nothing about the member, so they are not made and the checks judge that trail in its own account.
 */
async function trailDetails(ctx: CollectContext, { arn, trail, homeRegion }: SeenTrail): Promise<TrailDetails> {
  const owner = parseArn(arn)?.account;
  if (owner && owner !== ctx.accountId) {
    const elsewhere: Collected<never> = {
      ok: false,
      error: { code: 'OwnedByAnotherAccount', message: `the trail belongs to account ${owner}; its status and event selectors are read there` },
    };
    return { trail, status: elsewhere, selectors: elsewhere };
  }
  const cloudtrail = ctx.client(CloudTrailClient, homeRegion);
  const [status, selectors] = await Promise.all([
    attempt(async () => plain(await cloudtrail.send(new GetTrailStatusCommand({ Name: arn })))),
    attempt(async () => {
      const out = await cloudtrail.send(new GetEventSelectorsCommand({ TrailName: arn }));
      return {
        eventSelectors: plain(out.EventSelectors ?? []),
        advancedEventSelectors: plain(out.AdvancedEventSelectors ?? []),
      };
    }),
  ]);
  return { trail, status, selectors };
}
