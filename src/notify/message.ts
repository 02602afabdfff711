import { globalRegionOf, partitionOf } from '../aws/partition.ts';
import { GLOBAL_REGION, SEVERITIES, severityRank, type Severity } from '../findings/model.ts';
import type { Contact } from '../policy/owners.ts';
import type { AlertFinding } from '../store/index.ts';
import { isAlertable } from './route.ts';

/** One finding as a message shows it. */
export interface AlertEntry {
  finding: AlertFinding;
  consoleUrl: string;
  /** The account's owners from the owner directory (may be empty). */
  owners: Contact[];
  /** Told instead when the account has no owners: the route's team, else the security team. */
  team?: Contact;
}

export interface FindingMessage {
  kind: 'finding';
  /** Stable across retries, so a receiver can drop a message it already has. */
  key: string;
  route: string;
  entry: AlertEntry;
}

/** A burst on one route: more findings than `grouping.max_findings` within the window. */
export interface SummaryMessage {
  kind: 'summary';
  key: string;
  route: string;
  /** Highest severity first. */
  entries: AlertEntry[];
  windowMinutes: number;
}

export type Message = FindingMessage | SummaryMessage;

/** People are mentioned for medium and above; below that a message informs without paging anyone. */
export const MENTION_MIN_SEVERITY: Severity = 'medium';

/** How many findings and accounts a summary lists before "and N more". */
export const SUMMARY_TOP = 10;

export function entriesOf(message: Message): AlertEntry[] {
  return message.kind === 'finding' ? [message.entry] : message.entries;
}

/**
 * Who to tell about the message, as `pick` addresses a contact on the channel (Slack mention,
 * email address): the owners of each medium+ finding's account, or the team where the account
 * has no owner reachable that way. In order of first appearance, without repeats.
 */
export function recipients<T>(message: Message, pick: (c: Contact) => T | undefined, key: (t: T) => string = String): T[] {
  const out = new Map<string, T>();
  for (const e of entriesOf(message)) {
    if (severityRank(e.finding.severity) < severityRank(MENTION_MIN_SEVERITY)) continue;
    const owners = e.owners.map(pick).filter((x): x is T => x !== undefined);
    const team = e.team ? pick(e.team) : undefined;
    for (const r of owners.length > 0 ? owners : team !== undefined ? [team] : []) if (!out.has(key(r))) out.set(key(r), r);
  }
  return [...out.values()];
}

/** `CRITICAL`, marked when the finding closed between matching and this delivery. */
export function severityHeadline(f: Pick<AlertFinding, 'severity' | 'status' | 'recordState' | 'workflowStatus' | 'resolvedAt'>): string {
  return isAlertable(f) ? severityLabel(f.severity) : `${severityLabel(f.severity)} (no longer open)`;
}

export function severityLabel(s: Severity): string {
  return s.toUpperCase();
}

/** `111111111111 (prod)`, or the id alone when the name is unknown. */
export function accountLabel(f: Pick<AlertFinding, 'accountId' | 'accountName'>): string {
  return f.accountName ? `${f.accountId} (${f.accountName})` : f.accountId;
}

/** At most `max` characters (code points), ending in `…` when cut. */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** Finding text on one line (subjects, list items). */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export interface SummaryCounts {
  total: number;
  /** Highest severity first; only severities that occur. */
  bySeverity: { severity: Severity; count: number }[];
  /** Most findings first. */
  byAccount: { id: string; name?: string; count: number }[];
}

export function summarize(entries: readonly AlertEntry[]): SummaryCounts {
  const severities = new Map<Severity, number>();
  const accounts = new Map<string, { id: string; name?: string; count: number }>();
  for (const { finding: f } of entries) {
    severities.set(f.severity, (severities.get(f.severity) ?? 0) + 1);
    const a = accounts.get(f.accountId) ?? { id: f.accountId, ...(f.accountName ? { name: f.accountName } : {}), count: 0 };
    a.count++;
    accounts.set(f.accountId, a);
  }
  return {
    total: entries.length,
    bySeverity: [...SEVERITIES]
      .reverse()
      .filter((s) => severities.has(s))
      .map((s) => ({ severity: s, count: severities.get(s) ?? 0 })),
    byAccount: [...accounts.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
  };
}

/** `3 critical, 8 high` */
export function severityCounts(counts: SummaryCounts): string {
  return counts.bySeverity.map((s) => `${s.count} ${s.severity}`).join(', ');
}

const CONSOLE_HOSTS: Record<string, string> = {
  aws: 'https://console.aws.amazon.com',
  'aws-cn': 'https://console.amazonaws.cn',
  'aws-us-gov': 'https://console.amazonaws-us-gov.com',
};

/**
 * Security Hub's console search takes `Field=\operator\:EQUALS\:value` encoded twice (once for the
 * fragment, once by the console itself); the `=` is encoded once.
 */
function securityHubSearch(field: string, value: string): string {
  return `${field}%3D${encodeURIComponent(encodeURIComponent(`\\operator\\:EQUALS\\:${value}`))}`;
}

function isGuardDuty(f: Pick<AlertFinding, 'source' | 'product'>): boolean {
  return f.source === 'guardduty' || f.product?.toLowerCase() === 'guardduty';
}

/**
 * Where to look at the finding: GuardDuty's console for GuardDuty findings, Security Hub's for
 * other imported findings (by their ASFF id) and for Rampart's own (by resource).
 */
export function consoleUrl(f: Pick<AlertFinding, 'source' | 'product' | 'region' | 'regions' | 'resourceId' | 'upstreamId'>): string {
  const region = f.region === GLOBAL_REGION ? (f.regions?.find((r) => r !== GLOBAL_REGION) ?? globalRegionOf('aws')) : f.region;
  const host = CONSOLE_HOSTS[partitionOf(region).partition] ?? CONSOLE_HOSTS.aws;
  const r = encodeURIComponent(region);
  if (isGuardDuty(f)) {
    // ASFF ids of GuardDuty findings are ARNs ending in /finding/<id>; the console wants the id.
    const id = f.upstreamId?.split('/').pop();
    return `${host}/guardduty/home?region=${r}#/findings?macros=current${id ? `&fId=${encodeURIComponent(id)}` : ''}`;
  }
  const search = f.upstreamId ? securityHubSearch('Id', f.upstreamId) : securityHubSearch('ResourceId', f.resourceId);
  return `${host}/securityhub/home?region=${r}#/findings?search=${search}`;
}
