import type { PolicyConfig } from '../policy/schema.ts';
import { addDays } from '../store/compliance.ts';
import type { Store, StoredAccount } from '../store/index.ts';
import type { ControlInfo } from './controls.ts';
import { PERIOD_DAYS, type DigestPeriod } from './digest-period.ts';
import { tierReached } from './escalate.ts';
import { expiringWithin } from './exceptions.ts';
import { rateOf, ratesBy, type Rate } from './rates.ts';
import type { ComplianceStatus, DailyRow, Streak } from './types.ts';

/** Exceptions expiring within this many days are listed, so they can be renewed or fixed in time. */
export const EXPIRY_NOTICE_DAYS = 14;

export interface DigestAccount {
  id: string;
  name?: string;
  ouPath?: string;
}

export interface DigestBaseline {
  /** The last digest's day, or the start of the period when there was none. */
  day: string;
  /** `day` is the day of the last digest to this recipient and period. */
  lastDigest: boolean;
  /** The judged day compared with: `day`, or the last judged day before it when `day` has no data. */
  judgedDay: string;
  /** The organization rate the last digest reported, else the rate on `judgedDay`. */
  rate: number | null;
}

export interface WorstAccount extends DigestAccount {
  rate: Rate;
  /** The account's rate on the baseline day; absent when it was not judged then. */
  previousRate?: number | null;
}

export interface ChangedControl {
  account: DigestAccount;
  control: string;
  title: string;
  /** New failures: the regions where it fails now. Resolved: where it failed. */
  regions: string[];
  /** New failures: how it stood on the baseline day (`none`: no data). Resolved: how it stands now. */
  status: ComplianceStatus | 'none';
}

export interface ExpiringException {
  /** 1-based position in the policy's `exceptions:`. */
  number: number;
  control: string;
  /** `accounts 222222222222`, `OUs Root/Sandbox`, `all accounts`. */
  appliesTo: string;
  resource?: string;
  reason: string;
  approver: string;
  expires: string;
  daysLeft: number;
}

export interface EscalatedAccount extends DigestAccount {
  /** Highest escalation tier (1-based) any of its streaks reached, and that tier's days. */
  tier: number;
  tierDays: number;
  controls: number;
  longest: { control: string; days: number; since: string };
}

export interface Digest {
  period: DigestPeriod;
  recipient: string;
  day: string;
  organization: Rate;
  baseline?: DigestBaseline;
  /** Today's rate minus the baseline's, as a fraction; null when either is unknown. */
  change: number | null;
  /** Accounts judged on `day`, and active accounts known to Rampart that were not (no scan covered them). */
  judgedAccounts: number;
  missing: DigestAccount[];
  worst: WorstAccount[];
  newFailures: ChangedControl[];
  resolved: ChangedControl[];
  expiring: ExpiringException[];
  escalated: EscalatedAccount[];
}

export interface DigestInput {
  period: DigestPeriod;
  recipient: string;
  day: string;
  rows: readonly DailyRow[];
  baseline?: { day: string; lastDigest: boolean; judgedDay: string; rate?: number | null; rows: readonly DailyRow[] };
  streaks: readonly Streak[];
  policy: PolicyConfig;
  controls: ReadonlyMap<string, ControlInfo>;
  accounts: readonly StoredAccount[];
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const byControl = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function appliesTo(e: PolicyConfig['exceptions'][number]): string {
  if (e.accounts) return `account${e.accounts.length === 1 ? '' : 's'} ${e.accounts.join(', ')}`;
  if (e.ous) return `OU${e.ous.length === 1 ? '' : 's'} ${e.ous.join(', ')}`;
  return 'all accounts';
}

/** What a digest says, from the day's rows, the baseline's rows, streaks and the policy. */
export function buildDigest(p: DigestInput): Digest {
  const meta = new Map(p.accounts.map((a) => [a.id, a]));
  const account = (id: string): DigestAccount => {
    const a = meta.get(id);
    return { id, ...(a?.name ? { name: a.name } : {}), ...(a?.ouPath ? { ouPath: a.ouPath } : {}) };
  };
  const title = (control: string) => p.controls.get(control)?.title ?? control;
  const organization = rateOf(p.rows);

  const before = new Map(p.baseline?.rows.map((r) => [`${r.accountId}|${r.control}`, r]));
  const previousRates = p.baseline ? ratesBy(p.baseline.rows, (r) => r.accountId) : undefined;
  const worst: WorstAccount[] = [...ratesBy(p.rows, (r) => r.accountId)]
    .filter(([, rate]) => rate.nonCompliant > 0)
    .sort(([a, ra], [b, rb]) => ra.rate! - rb.rate! || rb.nonCompliant - ra.nonCompliant || a.localeCompare(b))
    .slice(0, p.policy.digest?.worst_accounts ?? 10)
    .map(([id, rate]) => {
      const previous = previousRates?.get(id);
      return { ...account(id), rate, ...(previous ? { previousRate: previous.rate } : {}) };
    });

  const newFailures: ChangedControl[] = [];
  const resolved: ChangedControl[] = [];
  if (p.baseline) {
    const now = new Map(p.rows.map((r) => [`${r.accountId}|${r.control}`, r]));
    for (const r of p.rows) {
      const was = before.get(`${r.accountId}|${r.control}`)?.status ?? 'none';
      if (r.status === 'non_compliant' && was !== 'non_compliant') newFailures.push({ account: account(r.accountId), control: r.control, title: title(r.control), regions: r.regions, status: was });
    }
    // Only a judgement today resolves: a failure on an account without data today is not known to be gone.
    for (const r of p.baseline.rows) {
      if (r.status !== 'non_compliant') continue;
      const is = now.get(`${r.accountId}|${r.control}`)?.status;
      if (is === 'compliant' || is === 'excepted' || is === 'disabled') resolved.push({ account: account(r.accountId), control: r.control, title: title(r.control), regions: r.regions, status: is });
    }
    const order = (a: ChangedControl, b: ChangedControl) => a.account.id.localeCompare(b.account.id) || byControl(a.control, b.control);
    newFailures.sort(order);
    resolved.sort(order);
  }

  const expiring = expiringWithin(p.policy.exceptions, p.day, addDays(p.day, EXPIRY_NOTICE_DAYS))
    .map(({ index, exception: e }) => ({
      number: index + 1,
      control: e.control,
      appliesTo: appliesTo(e),
      ...(e.resource ? { resource: e.resource } : {}),
      reason: e.reason,
      approver: e.approver,
      expires: e.expires,
      daysLeft: daysBetween(p.day, e.expires),
    }))
    .sort((a, b) => a.expires.localeCompare(b.expires) || a.number - b.number);

  const tiers = p.policy.escalation.tiers;
  const escalatedById = new Map<string, EscalatedAccount>();
  for (const s of p.streaks) {
    const tier = tierReached(s.days, tiers);
    if (tier === 0) continue;
    const e = escalatedById.get(s.accountId);
    if (!e) {
      escalatedById.set(s.accountId, { ...account(s.accountId), tier, tierDays: tiers[tier - 1]!.days, controls: 1, longest: { control: s.control, days: s.days, since: s.start } });
      continue;
    }
    e.controls++;
    if (tier > e.tier) Object.assign(e, { tier, tierDays: tiers[tier - 1]!.days });
    if (s.days > e.longest.days || (s.days === e.longest.days && byControl(s.control, e.longest.control) < 0)) e.longest = { control: s.control, days: s.days, since: s.start };
  }
  const escalated = [...escalatedById.values()].sort((a, b) => b.tier - a.tier || b.longest.days - a.longest.days || a.id.localeCompare(b.id));

  const judged = new Set(p.rows.map((r) => r.accountId));
  const baseline = p.baseline
    ? { day: p.baseline.day, lastDigest: p.baseline.lastDigest, judgedDay: p.baseline.judgedDay, rate: p.baseline.rate !== undefined ? p.baseline.rate : rateOf(p.baseline.rows).rate }
    : undefined;
  return {
    period: p.period,
    recipient: p.recipient,
    day: p.day,
    organization,
    ...(baseline ? { baseline } : {}),
    change: baseline && baseline.rate !== null && organization.rate !== null ? organization.rate - baseline.rate : null,
    judgedAccounts: judged.size,
    // A suspended or closing account cannot be scanned: listing it every day would hide the ones that matter.
    missing: p.accounts.filter((a) => !judged.has(a.id) && (a.state === undefined || a.state === 'ACTIVE')).map((a) => account(a.id)),
    worst,
    newFailures,
    resolved,
    expiring,
    escalated,
  };
}

export class NoDigestData extends Error {}

/**
 * Reads what a digest of `day` needs and builds it. The baseline is the last digest to the same
 * recipient and period before `day`, else the period's start; when that day has no judgement the
 * last judged day before it stands in. Nothing is written.
 */
export async function readDigest(
  store: Store,
  p: { period: DigestPeriod; recipient: string; day: string; policy: PolicyConfig; controls: ReadonlyMap<string, ControlInfo> },
): Promise<Digest> {
  const rows = await store.compliance.readDaily({ day: p.day });
  if (rows.length === 0) {
    const [last] = await store.compliance.judgedDays(p.day, 1);
    throw new NoDigestData(
      `no compliance judged on ${p.day}${last ? ` (the last judged day is ${last}; pass --as-of ${last} for it)` : ''}: a scan or import judges its day, or run rampart compliance`,
    );
  }
  const last = await store.digests.last(p.recipient, p.period, p.day);
  const baseDay = last?.day ?? addDays(p.day, -PERIOD_DAYS[p.period]);
  const [judgedDay] = await store.compliance.judgedDays(baseDay, 1);
  return buildDigest({
    ...p,
    rows,
    ...(judgedDay
      ? { baseline: { day: baseDay, lastDigest: last !== undefined, judgedDay, ...(last ? { rate: last.orgRate } : {}), rows: await store.compliance.readDaily({ day: judgedDay }) } }
      : {}),
    streaks: await store.compliance.readStreaks(p.day),
    accounts: await store.accounts(),
  });
}
