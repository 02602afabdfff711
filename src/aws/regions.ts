import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { SkippedRegion } from '../collect/inventory.ts';

export interface RegionFilter {
  include?: readonly string[];
  exclude?: readonly string[];
}

export interface AccountRegions {
  /** Every region of the partition AWS reported, enabled or not. */
  known: string[];
  /** Every region enabled for the account, before the filter narrows it. */
  enabled: string[];
  scanned: string[];
  skipped: SkippedRegion[];
}

/**
 * The regions to scan in one account: those enabled for it (opt-in regions only when opted in),
 * asked from AWS so a region launched tomorrow is scanned without a code change, then narrowed by
 * the user's include/exclude lists.
 */
export async function discoverRegions(ec2: EC2Client, filter: RegionFilter): Promise<AccountRegions> {
  const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
  const all = (out.Regions ?? []).filter((r) => r.RegionName).map((r) => ({ name: r.RegionName!, optIn: r.OptInStatus }));
  return selectRegions(all, filter);
}

export function selectRegions(
  all: readonly { name: string; optIn?: string }[],
  filter: RegionFilter,
): AccountRegions {
  const include = filter.include?.length ? new Set(filter.include) : undefined;
  const exclude = new Set(filter.exclude ?? []);
  const enabled: string[] = [];
  const scanned: string[] = [];
  const skipped: SkippedRegion[] = [];
  for (const r of [...all].sort((a, b) => a.name.localeCompare(b.name))) {
    const optedIn = r.optIn !== 'not-opted-in';
    if (optedIn) enabled.push(r.name);
    if (include && !include.has(r.name)) continue;
    if (exclude.has(r.name)) continue;
    if (optedIn) scanned.push(r.name);
    else skipped.push({ region: r.name, reason: 'opt-in region not enabled for this account' });
  }
  return { known: all.map((r) => r.name), enabled, scanned, skipped };
}
