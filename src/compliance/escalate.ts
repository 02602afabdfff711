import type { Contact, OwnerDirectory } from '../policy/owners.ts';
import type { PolicyConfig } from '../policy/schema.ts';
import type { EscalationRecord, StoredAccount } from '../store/index.ts';
import type { ControlInfo } from './controls.ts';
import { compareControls } from './order.ts';
import type { DailyRow, Streak } from './types.ts';

export type Audience = 'owners' | 'manager' | 'security_team';

export interface EscalatedControl {
  control: string;
  title: string;
  regions: string[];
  failing: number;
  /** Consecutive non-compliant days, and the first of them. */
  days: number;
  since: string;
  /** Days in the streak with no judgement (no scan, or errors only). */
  missing: string[];
  resources: string[];
  remediation?: string;
}

/** One message: an account's controls that reached a tier today, for that tier's audience. */
export interface Escalation {
  accountId: string;
  accountName?: string;
  /** 1-based position of the tier in the policy. */
  tier: number;
  tierDays: number;
  audience: Audience[];
  recipients: Contact[];
  /** Nobody owns the account: the security team is told instead, and the message says why. */
  noOwner: boolean;
  controls: EscalatedControl[];
}

export interface EscalationPlan {
  day: string;
  escalations: Escalation[];
  /** Accounts that reached a tier but have nobody to tell (no owner and no security team). */
  unreachable: { accountId: string; tier: number; controls: string[] }[];
}

/** The highest tier a streak of `days` reached, 1-based; 0 for none. */
export function tierReached(days: number, tiers: PolicyConfig['escalation']['tiers']): number {
  let reached = 0;
  tiers.forEach((t, i) => {
    if (days >= t.days) reached = i + 1;
  });
  return reached;
}

function recipientsFor(audience: readonly Audience[], owners: ReturnType<OwnerDirectory['forAccount']>, team: Contact | undefined): { recipients: Contact[]; noOwner: boolean } {
  const list: Contact[] = [];
  let noOwner = false;
  for (const a of audience) {
    if (a === 'owners') {
      if (owners?.owners.length) list.push(...owners.owners);
      else noOwner = true;
    } else if (a === 'manager') {
      if (owners?.manager) list.push(owners.manager);
      else noOwner ||= !owners?.owners.length;
    } else if (team) {
      list.push(team);
    }
  }
  // An account with no owner is reported to the security team, never silently skipped.
  if (noOwner && team && !list.includes(team)) list.push(team);
  const seen = new Set<string>();
  return {
    recipients: list.filter((c) => {
      const key = `${c.email ?? ''}|${c.slack ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    noOwner,
  };
}

/**
 * Who is told what today: for every account-control whose streak reached a tier not yet sent for
 * that streak, one message per account and tier (the highest reached; lower unsent tiers of the same
 * streak are recorded with it, so each tier goes out once per streak).
 */
export function planEscalations(p: {
  day: string;
  policy: PolicyConfig;
  streaks: readonly Streak[];
  rows: readonly DailyRow[];
  sent: readonly EscalationRecord[];
  controls: ReadonlyMap<string, ControlInfo>;
  owners: OwnerDirectory;
  accounts: readonly StoredAccount[];
}): EscalationPlan {
  const tiers = p.policy.escalation.tiers;
  const sent = new Set(p.sent.map((s) => `${s.accountId}|${s.control}|${s.streakStart}|${s.tier}`));
  const rows = new Map(p.rows.map((r) => [`${r.accountId}|${r.control}`, r]));
  const names = new Map(p.accounts.map((a) => [a.id, a.name]));
  const groups = new Map<string, { accountId: string; tier: number; controls: EscalatedControl[] }>();
  for (const s of p.streaks) {
    const tier = tierReached(s.days, tiers);
    if (tier === 0 || sent.has(`${s.accountId}|${s.control}|${s.start}|${tier}`)) continue;
    const row = rows.get(`${s.accountId}|${s.control}`);
    const info = p.controls.get(s.control);
    const key = `${s.accountId}|${tier}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { accountId: s.accountId, tier, controls: [] }));
    g.controls.push({
      control: s.control,
      title: info?.title ?? s.control,
      regions: row?.regions ?? [],
      failing: row?.failing ?? 0,
      days: s.days,
      since: s.start,
      missing: s.missing,
      resources: row?.detail?.resources ?? [],
      ...(info?.remediation ? { remediation: info.remediation } : {}),
    });
  }
  const plan: EscalationPlan = { day: p.day, escalations: [], unreachable: [] };
  for (const g of [...groups.values()].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.tier - b.tier)) {
    const tier = tiers[g.tier - 1]!;
    const { recipients, noOwner } = recipientsFor(tier.notify, p.owners.forAccount(g.accountId), p.owners.securityTeam);
    g.controls.sort((a, b) => b.days - a.days || compareControls(a.control, b.control));
    if (recipients.length === 0) {
      plan.unreachable.push({ accountId: g.accountId, tier: g.tier, controls: g.controls.map((c) => c.control) });
      continue;
    }
    const name = names.get(g.accountId);
    plan.escalations.push({ accountId: g.accountId, ...(name ? { accountName: name } : {}), tier: g.tier, tierDays: tier.days, audience: tier.notify, recipients, noOwner, controls: g.controls });
  }
  return plan;
}

/** The records that mark an escalation sent: its tier and every lower tier, for each control's streak. */
export function sentRecords(e: Escalation, sentAt: string): EscalationRecord[] {
  const who = e.recipients.map((c) => c.email ?? c.slack ?? c.name ?? '?');
  return e.controls.flatMap((c) =>
    Array.from({ length: e.tier }, (_, i) => ({ accountId: e.accountId, control: c.control, streakStart: c.since, tier: i + 1, days: c.days, sentAt, recipients: who })),
  );
}
