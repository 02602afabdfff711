import type { Inventory, SkippedRegion } from '../collect/inventory.ts';
import type { AccountFaults } from './context.ts';
import type { ProfileKind } from './profiles.ts';

export interface GenerateOptions {
  /** Accounts with an inventory (≥ 1); the organization also lists one SUSPENDED account without one. */
  accounts: number;
  /** Scanned regions. */
  regions: string[];
  /** Same seed, same organization. */
  seed: number;
  /** ISO time every date in the inventory is relative to. */
  collectedAt: string;
  /** Management account id (the first account). */
  callerAccountId?: string;
}

export interface OrganizationAccount {
  Id: string;
  Name: string;
  Email: string;
  Status: 'ACTIVE' | 'SUSPENDED';
}

export interface SampleRegion {
  RegionName: string;
  OptInStatus: 'opt-in-not-required' | 'opted-in' | 'not-opted-in';
}

/** An organizational unit, below the root (`r-root`, named Root) or another OU. */
export interface OrganizationalUnit {
  id: string;
  name: string;
  parentId: string;
}

/** What the Organizations API lists: the accounts, and the OUs they sit in (the root when not placed). */
export interface OrganizationListing {
  accounts: OrganizationAccount[];
  ous?: OrganizationalUnit[];
  /** Account id → the OU it sits in. */
  placement?: Record<string, string>;
}

export interface SampleOrganization {
  inventory: Inventory;
  organization: OrganizationListing;
  /** What DescribeRegions (AllRegions) answers in every account. */
  regions: SampleRegion[];
}

/** One account to generate: who it is, how well it is run, and which errors it carries. */
export interface AccountPlan {
  id: string;
  name: string;
  email: string;
  status: 'ACTIVE' | 'SUSPENDED';
  profile: ProfileKind;
  homeRegion: string;
  workloadRegions: string[];
  faults: AccountFaults;
}

export interface OrganizationPlan {
  seed: number;
  collectedAt: string;
  regions: SampleRegion[];
  /** Scanned regions. */
  scanned: string[];
  skipped: SkippedRegion[];
  accounts: AccountPlan[];
  ous?: OrganizationalUnit[];
  placement?: Record<string, string>;
}
