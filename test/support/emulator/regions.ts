import type { EmulatorWorld, WorldRegion } from './world.ts';

/** The world's regions with the account's own opt-in status. */
export function regionsOf(world: EmulatorWorld, accountId: string): WorldRegion[] {
  const overrides = world.accountRegions?.[accountId] ?? {};
  return world.regions.map((r) => ({ RegionName: r.RegionName, OptInStatus: overrides[r.RegionName] ?? r.OptInStatus }));
}

/** Whether the account may call regional APIs there (unknown regions are treated as usable). */
export function regionUsable(world: EmulatorWorld, accountId: string, region: string): boolean {
  return regionsOf(world, accountId).find((r) => r.RegionName === region)?.OptInStatus !== 'not-opted-in';
}
