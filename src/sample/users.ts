import type { AccountContext } from './context.ts';
import { iamArn } from './context.ts';

export interface SampleKey {
  active: boolean;
  /** Days since the key was created or last rotated. */
  rotatedDaysAgo: number;
  /** Days since last use; null when never used. */
  lastUsedDaysAgo: number | null;
  lastUsedRegion: string;
  lastUsedService: string;
}

/** An IAM user as the generator decided it; rendered into the credential report and policy lists. */
export interface SampleUser {
  name: string;
  path: string;
  arn: string;
  userId: string;
  createdDaysAgo: number;
  console: boolean;
  /** Days since the password was last used; null = `no_information` (never signed in). */
  passwordLastUsedDaysAgo: number | null;
  passwordChangedDaysAgo: number;
  mfa: boolean;
  keys: [SampleKey | null, SampleKey | null];
  directPolicies: boolean;
}

const PEOPLE = [
  'alice.martin', 'bruno.silva', 'chen.wei', 'dana.kowalski', 'emeka.obi', 'fatima.haddad', 'gustav.berg',
  'hana.sato', 'ivan.petrov', 'julia.rossi', 'kofi.mensah', 'lena.schmidt', 'mateo.garcia', 'nora.lind',
  'omar.farouk', 'priya.nair', 'quentin.dubois', 'rosa.mendes', 'sven.olsen', 'tara.kelly',
];
const SERVICES = [
  'ci-deploy', 'terraform', 'backup-agent', 'svc-reporting', 'log-shipper', 'legacy-etl', 'grafana-cloudwatch',
  'github-actions', 'datadog-integration', 'svc-billing-export',
];
/** IAM names may contain `+=,.@_-`; the comma one exercises CSV quoting in the credential report. */
const ODD_NAMES = ['contractor,temp', 'ops+alerts@acme.example'];
const KEY_SERVICES = ['s3', 'sts', 'ec2', 'cloudwatch', 'dynamodb', 'logs'];

function key(ctx: AccountContext, createdDaysAgo: number, opts: { old: boolean; stale: boolean; unused?: boolean }): SampleKey {
  const { rng } = ctx;
  const rotated = Math.min(createdDaysAgo, (opts.old ? rng.int(120, 900) : rng.int(5, 80)) + rng.next());
  const lastUsed = opts.unused ? null : Math.min(rotated, opts.stale ? rng.int(50, 300) : rng.int(0, 3)) - rng.next() / 2;
  return {
    active: true,
    rotatedDaysAgo: rotated,
    lastUsedDaysAgo: lastUsed === null ? null : Math.max(0.01, lastUsed),
    lastUsedRegion: rng.pick(ctx.workloadRegions),
    lastUsedService: rng.pick(KEY_SERVICES),
  };
}

function consoleUser(ctx: AccountContext, name: string): SampleUser {
  const { rng, profile } = ctx;
  const p = profile.users;
  const stale = rng.chance(p.stale);
  const neverSignedIn = stale && rng.chance(0.3);
  const lastUsed = neverSignedIn ? null : (stale ? rng.int(46, 380) : rng.int(0, 20)) + rng.next() / 4;
  // A password is changed before it is used, and a user exists before its password changes.
  const changed = (lastUsed ?? rng.int(46, 200)) + rng.int(0, 300) + rng.next() / 4;
  const created = changed + rng.int(0, 600) + rng.next();
  const setupKey = rng.chance(p.keyAtSetup)
    ? { ...key(ctx, created, { old: false, stale: false, unused: true }), rotatedDaysAgo: created }
    : null;
  return {
    name,
    path: '/',
    arn: iamArn(ctx, `user/${name}`),
    userId: `AIDA${rng.upperAlnum(17)}`,
    createdDaysAgo: created,
    console: true,
    passwordLastUsedDaysAgo: lastUsed,
    passwordChangedDaysAgo: changed,
    mfa: rng.chance(p.mfa),
    keys: [setupKey, null],
    directPolicies: rng.chance(p.directPolicies),
  };
}

function serviceUser(ctx: AccountContext, name: string): SampleUser {
  const { rng, profile } = ctx;
  const p = profile.users;
  const created = rng.int(100, 1500) + rng.next();
  const first = key(ctx, created, { old: rng.chance(p.oldKey), stale: rng.chance(p.stale) });
  let second: SampleKey | null = null;
  if (rng.chance(p.twoKeys)) second = key(ctx, created, { old: false, stale: false });
  else if (rng.chance(0.2)) second = { ...key(ctx, created, { old: true, stale: true }), active: false };
  return {
    name,
    path: '/service/',
    arn: iamArn(ctx, `user/service/${name}`),
    userId: `AIDA${rng.upperAlnum(17)}`,
    createdDaysAgo: created,
    console: false,
    passwordLastUsedDaysAgo: null,
    passwordChangedDaysAgo: 0,
    mfa: false,
    keys: [first, second],
    directPolicies: rng.chance(p.directPolicies),
  };
}

export function generateUsers(ctx: AccountContext): SampleUser[] {
  const { rng, profile } = ctx;
  const total = rng.count(profile.users.count);
  const consoleCount = Math.round(total * profile.users.console);
  const people = rng.sample(PEOPLE, consoleCount);
  if (profile.kind === 'sandbox' && people.length > 0) people[people.length - 1] = ODD_NAMES[0] as string;
  if (profile.kind === 'dev' && people.length > 0) people[people.length - 1] = ODD_NAMES[1] as string;
  const services = rng.sample(SERVICES, total - consoleCount);
  return [...people.map((n) => consoleUser(ctx, n)), ...services.map((n) => serviceUser(ctx, n))];
}
