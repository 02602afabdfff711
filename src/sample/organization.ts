import type { Inventory } from '../collect/inventory.ts';
import { accountInventory } from './account-inventory.ts';
import type { ProfileKind } from './profiles.ts';
import { createRng, hash32, type Rng } from './random.ts';
import type { AccountPlan, GenerateOptions, OrganizationListing, OrganizationPlan, SampleOrganization, SampleRegion } from './types.ts';

/** Regions an account must opt in to (everything else in the `aws` partition is on by default). */
export const OPT_IN_REGIONS = [
  'ap-east-1', 'me-south-1', 'af-south-1', 'eu-south-1', 'ap-southeast-3', 'me-central-1', 'ap-south-2',
  'eu-south-2', 'eu-central-2', 'ap-southeast-4', 'il-central-1', 'ca-west-1', 'ap-southeast-5', 'ap-southeast-7', 'mx-central-1',
];

const TEAMS = ['payments', 'search', 'identity', 'checkout', 'catalog', 'mobile', 'data', 'ml', 'platform', 'growth', 'support', 'media'];

/** The scanner's wording for a region it skips because the account has not opted in. */
export const NOT_OPTED_IN_REASON = 'opt-in region not enabled for this account';

/** DescribeRegions as every account sees it: the scanned regions plus one opt-in region nobody enabled. */
export function regionPlan(scanned: readonly string[]): Pick<OrganizationPlan, 'regions' | 'skipped'> {
  const regions: SampleRegion[] = scanned.map((RegionName) => ({
    RegionName,
    OptInStatus: OPT_IN_REGIONS.includes(RegionName) ? 'opted-in' : 'opt-in-not-required',
  }));
  const off = OPT_IN_REGIONS.find((r) => !scanned.includes(r));
  if (!off) return { regions, skipped: [] };
  return { regions: [...regions, { RegionName: off, OptInStatus: 'not-opted-in' }], skipped: [{ region: off, reason: NOT_OPTED_IN_REASON }] };
}

/** The id and name of the one root, as the Organizations API lists it. */
export const ROOT = { id: 'r-root', name: 'Root' };

/** Each account's OU id and OU path from the root (`Root/Workloads/Prod`), as a scan's walk of the OU tree finds them. */
export function ouPlacement(org: OrganizationListing): Map<string, { ouId: string; ouPath: string }> {
  const ous = new Map((org.ous ?? []).map((o) => [o.id, o]));
  const pathOf = (id: string, seen: Set<string> = new Set()): string => {
    const ou = ous.get(id);
    if (!ou || seen.has(id)) return ROOT.name;
    seen.add(id);
    return `${pathOf(ou.parentId, seen)}/${ou.name}`;
  };
  return new Map(
    org.accounts.map((a) => {
      const ouId = org.placement?.[a.Id] ?? ROOT.id;
      return [a.Id, { ouId, ouPath: pathOf(ouId) }];
    }),
  );
}

/** Assembles the organization from a plan; suspended accounts are listed but have no inventory. */
export function buildOrganization(plan: OrganizationPlan): SampleOrganization {
  const inventory: Inventory = {
    format: 'rampart-inventory',
    version: 1,
    collectedAt: plan.collectedAt,
    partition: 'aws',
    accounts: plan.accounts.filter((a) => a.status === 'ACTIVE').map((a) => accountInventory(a, plan)),
  };
  return {
    inventory,
    organization: {
      accounts: plan.accounts.map((a) => ({ Id: a.id, Name: a.name, Email: a.email, Status: a.status })),
      ...(plan.ous ? { ous: plan.ous } : {}),
      ...(plan.placement ? { placement: plan.placement } : {}),
    },
    regions: plan.regions,
  };
}

function accountId(seed: number, index: number, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const hi = hash32(`${seed}/account-id/${index}/${attempt}/hi`) % 900_000 + 100_000;
    const lo = hash32(`${seed}/account-id/${index}/${attempt}/lo`) % 1_000_000;
    const id = `${hi}${String(lo).padStart(6, '0')}`;
    if (!taken.has(id)) return id;
  }
}

function profileFor(index: number, total: number, rng: Rng): ProfileKind {
  if (index === 0) return 'management';
  const fixed: ProfileKind[] = total >= 5 ? ['security', 'prod', 'dev', 'sandbox'] : ['prod', 'dev', 'sandbox'];
  const preset = fixed[index - 1];
  if (preset) return preset;
  const r = rng.next();
  return r < 0.36 ? 'prod' : r < 0.7 ? 'dev' : 'sandbox';
}

function workloadRegions(kind: ProfileKind, home: string, scanned: readonly string[], rng: Rng): string[] {
  const [min, max] = kind === 'prod' ? [2, 3] : kind === 'dev' ? [1, 2] : [1, 1];
  const others = rng.sample(scanned.filter((r) => r !== home), rng.int(min, max) - 1);
  return [home, ...others];
}

function validate(opts: GenerateOptions): void {
  if (!Number.isInteger(opts.accounts) || opts.accounts < 1) throw new Error(`accounts must be an integer ≥ 1, got ${opts.accounts}`);
  if (opts.regions.length === 0) throw new Error('regions must name at least one region');
  if (new Set(opts.regions).size !== opts.regions.length) throw new Error(`regions contain duplicates: ${opts.regions.join(', ')}`);
  if (Number.isNaN(Date.parse(opts.collectedAt))) throw new Error(`collectedAt is not an ISO date-time: ${opts.collectedAt}`);
  if (opts.callerAccountId !== undefined && !/^\d{12}$/.test(opts.callerAccountId)) throw new Error(`callerAccountId must be 12 digits, got ${opts.callerAccountId}`);
}

/** A synthetic organization of `accounts` accounts with a seeded mix of well-run and neglected ones. */
export function generateOrganization(opts: GenerateOptions): SampleOrganization {
  validate(opts);
  const rng = createRng(hash32(`${opts.seed}/organization`));
  const taken = new Set<string>();
  const plans: AccountPlan[] = [];
  const teams = new Map<string, number>();
  for (let i = 0; i < opts.accounts; i++) {
    const id = i === 0 && opts.callerAccountId ? opts.callerAccountId : accountId(opts.seed, i, taken);
    taken.add(id);
    const kind = profileFor(i, opts.accounts, rng);
    let name: string;
    if (kind === 'management') name = 'org-management';
    else if (kind === 'security') name = 'security-audit';
    else {
      const team = rng.pick(TEAMS);
      const n = (teams.get(`${team}-${kind}`) ?? 0) + 1;
      teams.set(`${team}-${kind}`, n);
      name = n === 1 ? `${team}-${kind}` : `${team}-${kind}-${n}`;
    }
    const home = kind === 'management' || rng.chance(0.6) ? (opts.regions[0] as string) : rng.pick(opts.regions);
    plans.push({
      id,
      name,
      email: `aws+${name}@acme.example`,
      status: 'ACTIVE',
      profile: kind,
      homeRegion: home,
      workloadRegions: workloadRegions(kind, home, opts.regions, rng),
      faults: {},
    });
  }
  placeFaults(plans, opts.regions);
  const suspendedId = accountId(opts.seed, opts.accounts, taken);
  plans.push({
    id: suspendedId,
    name: 'legacy-closed',
    email: 'aws+legacy-closed@acme.example',
    status: 'SUSPENDED',
    profile: 'sandbox',
    homeRegion: opts.regions[0] as string,
    workloadRegions: [opts.regions[0] as string],
    faults: {},
  });
  return buildOrganization({ seed: opts.seed, collectedAt: opts.collectedAt, scanned: [...opts.regions], ...regionPlan(opts.regions), accounts: plans });
}

/** Puts the errors-as-data where they are always present: on a dev account (or the last one). */
function placeFaults(plans: AccountPlan[], regions: readonly string[]): void {
  const configVictim = plans.find((p) => p.profile === 'dev') ?? plans[plans.length - 1];
  if (configVictim) configVictim.faults.configDeniedRegion = regions[regions.length - 1];
  const aclVictim = plans.find((p) => p.profile === 'sandbox') ?? plans[plans.length - 1];
  if (aclVictim) aclVictim.faults.bucketAclDenied = true;
}
