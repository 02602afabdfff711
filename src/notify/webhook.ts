import type { Severity } from '../findings/model.ts';
import type { Contact } from '../policy/owners.ts';
import { isAlertable } from './route.ts';
import { entriesOf, recipients, summarize, type AlertEntry, type Message } from './message.ts';

/**
 * The JSON a generic webhook receives (`schema: rampart.notification/v1`). `id` is stable across
 * retries: delivery is at least once, so a receiver drops an id it already has.
 */
export interface WebhookPayload {
  schema: 'rampart.notification/v1';
  id: string;
  kind: 'finding' | 'summary';
  route: string;
  /** Every finding of the message, highest severity first; a summary carries them all. */
  findings: WebhookFinding[];
  /** Only for `summary`. */
  summary?: {
    total: number;
    window_minutes: number;
    by_severity: Partial<Record<Severity, number>>;
    by_account: { id: string; name: string | null; count: number }[];
  };
  /** Who the message is for (owners of medium+ findings' accounts, else the team). */
  mentions: { name: string | null; email: string | null; slack: string | null }[];
}

export interface WebhookFinding {
  id: string;
  source: string;
  product: string | null;
  type: string | null;
  check_id: string;
  severity: Severity;
  title: string;
  description: string;
  account: { id: string; name: string | null };
  region: string;
  regions: string[];
  resource: { id: string; type: string };
  console_url: string;
  first_seen: string;
  updated_at: string | null;
  /** False when the finding closed after it was queued and before this delivery. */
  open: boolean;
}

function finding(e: AlertEntry): WebhookFinding {
  const f = e.finding;
  return {
    id: f.id,
    source: f.source,
    product: f.product ?? null,
    type: f.type ?? null,
    check_id: f.checkId,
    severity: f.severity,
    title: f.title,
    description: f.description ?? f.reason,
    account: { id: f.accountId, name: f.accountName ?? null },
    region: f.region,
    regions: f.regions ?? [f.region],
    resource: { id: f.resourceId, type: f.resourceType },
    console_url: e.consoleUrl,
    first_seen: f.firstSeen,
    updated_at: f.updatedAt ?? null,
    open: isAlertable(f),
  };
}

function contactKey(c: Contact): string {
  return JSON.stringify([c.name, c.email, c.slack]);
}

export function webhookPayload(message: Message): WebhookPayload {
  const entries = entriesOf(message);
  const mentions = recipients(message, (c) => c, contactKey).map((c) => ({ name: c.name ?? null, email: c.email ?? null, slack: c.slack ?? null }));
  const payload: WebhookPayload = {
    schema: 'rampart.notification/v1',
    id: message.key,
    kind: message.kind,
    route: message.route,
    findings: entries.map(finding),
    mentions,
  };
  if (message.kind === 'summary') {
    const counts = summarize(entries);
    payload.summary = {
      total: counts.total,
      window_minutes: message.windowMinutes,
      by_severity: Object.fromEntries(counts.bySeverity.map((s) => [s.severity, s.count])),
      by_account: counts.byAccount.map((a) => ({ id: a.id, name: a.name ?? null, count: a.count })),
    };
  }
  return payload;
}
