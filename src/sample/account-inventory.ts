import type { AccountInventory, Collected, GlobalDatasets, GlobalKey } from '../collect/inventory.ts';
import { s3Datasets } from './buckets.ts';
import { createClock } from './clock.ts';
import { contactDatasets } from './contacts.ts';
import type { AccountContext } from './context.ts';
import { iamDatasets } from './iam.ts';
import { monitoringChain } from './monitoring.ts';
import { PROFILES } from './profiles.ts';
import { createRng, hash32 } from './random.ts';
import { buildRegion } from './regional.ts';
import { trailSetup } from './trails.ts';
import type { AccountPlan, OrganizationPlan } from './types.ts';

type GlobalEntries = AccountInventory['global'];

function wrapAll(datasets: Partial<GlobalDatasets>): GlobalEntries {
  const out: Record<string, Collected<unknown>> = {};
  for (const [key, data] of Object.entries(datasets)) out[key as GlobalKey] = { ok: true, data };
  return out as GlobalEntries;
}

export function accountInventory(plan: AccountPlan, org: OrganizationPlan): AccountInventory {
  const ctx: AccountContext = {
    id: plan.id,
    name: plan.name,
    partition: 'aws',
    profile: PROFILES[plan.profile],
    rng: createRng(hash32(`${org.seed}/${plan.id}`)),
    clock: createClock(org.collectedAt),
    regions: org.scanned,
    homeRegion: plan.homeRegion,
    workloadRegions: plan.workloadRegions,
    faults: plan.faults,
  };
  const regions = Object.fromEntries(org.scanned.map((r) => [r, buildRegion(ctx, r)]));
  const trails = trailSetup(ctx, regions[ctx.homeRegion]?.keys.byPurpose.get('cloudtrail'));
  const regional: AccountInventory['regional'] = {};
  for (const region of org.scanned) {
    const built = regions[region];
    if (!built) continue;
    regional[region] = { 'cloudtrail.trails': { ok: true, data: trails.byRegion[region] ?? [] }, ...built.datasets };
  }
  return {
    accountId: plan.id,
    name: plan.name,
    // Sorted, as a scan lists them.
    regions: [...org.scanned].sort(),
    skippedRegions: org.skipped.map((s) => ({ ...s })),
    global: wrapAll({
      ...iamDatasets(ctx),
      ...contactDatasets(ctx),
      ...s3Datasets(ctx, trails.bucket),
      'cloudtrail.trailDetails': trails.details,
      'monitoring.chain': monitoringChain(ctx, trails),
    }),
    regional,
  };
}
