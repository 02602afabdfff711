import { createHash } from 'node:crypto';
import { severityRank } from '../findings/model.ts';
import type { NotificationsConfig, Route } from '../policy/notifications.ts';
import type { OwnerDirectory } from '../policy/owners.ts';
import { outboxId } from '../store/outbox.ts';
import type { DueNotification, OutboxKey, Store } from '../store/index.ts';
import { openTransport, preview, type Send } from './channels.ts';
import { ChannelError } from './http.ts';
import { accountLabel, consoleUrl, oneLine, severityCounts, severityLabel, summarize, type AlertEntry, type Message } from './message.ts';
import { lowestBar, matchRoutes } from './route.ts';
import type { SecretSource } from './secrets.ts';

/**
 * Back-off after a failed delivery: 1 minute doubling per failed attempt, capped at 30 minutes, each
 * delay drawn from its upper half so that many rampart processes do not retry in step. Nothing is
 * ever given up: a channel down for a day is retried every 15–30 minutes and gets everything when
 * it is back.
 */
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_CAP_MS = 30 * 60_000;

/** How long a run holds the entries it is delivering before another run may take them (a crash). */
export const CLAIM_MS = 15 * 60_000;

export function backoffMs(attempts: number, random: () => number): number {
  const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

export interface NotifyOptions {
  store: Store;
  config: NotificationsConfig;
  owners: OwnerDirectory;
  now: Date;
  /** Show what would be sent: sends nothing and changes nothing in the store. */
  dryRun?: boolean;
  /** Delivers a message; default: the configured channels, with secrets from `secrets`. */
  send?: Send;
  /** Where secrets come from when `send` is not given; default the environment, no secrets file. */
  secrets?: SecretSource;
  /** Problems as they happen, one line each, secrets removed. */
  log?: (line: string) => void;
  /** For the back-off jitter. */
  random?: () => number;
}

export interface SentMessageReport {
  key: string;
  kind: Message['kind'];
  /** One line: what the message says. */
  headline: string;
  findingIds: string[];
  /** In a dry run: the exact body the channel would get. */
  preview?: unknown;
}

/** What happened to the due entries of one route on one channel. */
export interface DeliveryReport {
  route: string;
  channel: string;
  /**
   * `sent`: all delivered; `failed`: the channel refused or was unreachable (the rest stays pending);
   * `held`: a burst already summarised in this window, the next summary goes at `nextAttemptAt`;
   * `unconfigured`: the route or channel is no longer in the policy (left pending, untouched);
   * `dry-run`: what a real run would send.
   */
  outcome: 'sent' | 'failed' | 'held' | 'unconfigured' | 'dry-run';
  messages: SentMessageReport[];
  /** Findings of this route and channel still pending after the run. */
  pending: number;
  error?: string;
  nextAttemptAt?: string;
}

export interface NotifyResult {
  dryRun: boolean;
  now: string;
  /** (route, channel, finding) matches among open findings of the look-back window. */
  matched: number;
  /** New outbox entries (in a dry run: entries that would be added). */
  queued: number;
  deliveries: DeliveryReport[];
  /** One line per failed route and channel: why, and when it is tried again. */
  failures: string[];
}

function keyOf(k: OutboxKey): string {
  return `${k.route}\u0000${k.channel}\u0000${k.findingId}`;
}

/** The order `Outbox.due` returns: route, channel, severity (highest first), age. */
function byDeliveryOrder(a: DueNotification, b: DueNotification): number {
  return (
    a.route.localeCompare(b.route) ||
    a.channel.localeCompare(b.channel) ||
    severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

function headline(message: Message): string {
  if (message.kind === 'summary') return `${message.entries.length} findings (${severityCounts(summarize(message.entries))})`;
  const f = message.entry.finding;
  return `${severityLabel(f.severity)} ${oneLine(f.title)} — ${accountLabel(f)}, ${f.region}`;
}

function summaryKey(items: readonly DueNotification[]): string {
  const ids = items.map((i) => i.id).sort();
  return `summary-${createHash('sha256').update(ids.join('\u0000')).digest('hex').slice(0, 32)}`;
}

interface Group {
  route: string;
  channel: string;
  items: DueNotification[];
}

/** Due entries grouped by route and channel, in delivery order. */
function groups(due: readonly DueNotification[]): Group[] {
  const out = new Map<string, Group>();
  for (const d of due) {
    const k = `${d.route}\u0000${d.channel}`;
    const group = out.get(k);
    if (group) group.items.push(d);
    else out.set(k, { route: d.route, channel: d.channel, items: [d] });
  }
  return [...out.values()];
}

/**
 * Matches open findings to routes, queues each (route, channel, finding) once, and delivers what is
 * due: per route and channel one message per finding, or one summary when more than
 * `grouping.max_findings` would go out within `grouping.window_minutes`.
 */
export async function runNotify(options: NotifyOptions): Promise<NotifyResult> {
  const { store, config, owners, now } = options;
  const dryRun = options.dryRun ?? false;
  const random = options.random ?? Math.random;
  const nowIso = now.toISOString();
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();

  const transport = dryRun || options.send ? undefined : await openTransport(config, options.secrets ?? { env: process.env });
  const send: Send | undefined = dryRun ? undefined : (options.send ?? transport?.send);
  const redact = transport?.redact ?? ((s: string) => s);
  const log = (line: string) => options.log?.(redact(line));
  try {
    const since = at(-config.lookback_hours * 3600_000);
    const candidates = config.routes.length > 0 ? await store.outbox.candidates({ since, minSeverity: lowestBar(config.routes) }) : [];
    const accounts = new Map((await store.accounts()).map((a) => [a.id, a]));
    const matches = matchRoutes(candidates, config.routes, accounts);

    let queued: number;
    let due: DueNotification[];
    if (dryRun) {
      const known = new Set((await store.outbox.existing([...new Set(matches.map((m) => m.findingId))])).map(keyOf));
      const fresh = matches.filter((m) => !known.has(keyOf(m)));
      const findings = new Map((await store.outbox.findings([...new Set(fresh.map((m) => m.findingId))])).map((f) => [f.id, f]));
      queued = fresh.length;
      due = await store.outbox.due(nowIso);
      for (const m of fresh) {
        const finding = findings.get(m.findingId);
        if (finding) due.push({ ...m, id: outboxId(m), attempts: 0, createdAt: nowIso, finding });
      }
      due.sort(byDeliveryOrder);
    } else {
      queued = await store.outbox.enqueue(matches, nowIso);
      due = await store.outbox.due(nowIso);
    }

    const routes = new Map(config.routes.map((r) => [r.name, r]));
    const configured = (d: OutboxKey) => routes.get(d.route)?.channels.includes(d.channel) === true && config.channels[d.channel] !== undefined;
    if (!dryRun) {
      const taken = new Set(await store.outbox.claim(due.filter(configured).map((d) => d.id), nowIso, at(CLAIM_MS)));
      due = due.filter((d) => !configured(d) || taken.has(d.id));
    }

    const entry = (route: Route, d: DueNotification): AlertEntry => {
      const team = route.mention ? { slack: route.mention.team } : owners.securityTeam;
      return {
        finding: d.finding,
        consoleUrl: consoleUrl(d.finding),
        owners: owners.forAccount(d.finding.accountId)?.owners ?? [],
        ...(team ? { team } : {}),
      };
    };

    const deliveries: DeliveryReport[] = [];
    const failures: string[] = [];
    const downChannels = new Map<string, { error: string; nextAttemptAt: string }>();
    const windowMs = config.grouping.window_minutes * 60_000;

    for (const { route: routeName, channel, items } of groups(due)) {
      const route = routes.get(routeName);
      const channelConfig = config.channels[channel];
      const ids = items.map((i) => i.id);
      if (!route || !channelConfig || !route.channels.includes(channel)) {
        deliveries.push({ route: routeName, channel, outcome: 'unconfigured', messages: [], pending: items.length });
        log(`${routeName} → ${channel}: ${items.length} pending, but the policy no longer sends this route to this channel`);
        continue;
      }
      const report: DeliveryReport = { route: routeName, channel, outcome: dryRun ? 'dry-run' : 'sent', messages: [], pending: 0 };
      deliveries.push(report);

      const down = downChannels.get(channel);
      if (down) {
        // One failure per channel and run: its other routes wait for the same next attempt.
        await store.outbox.markFailed(ids, down.error, down.nextAttemptAt);
        Object.assign(report, { outcome: 'failed', pending: items.length, error: down.error, nextAttemptAt: down.nextAttemptAt });
        const line = `${routeName} → ${channel}: ${down.error} (${items.length} pending, next attempt ${down.nextAttemptAt})`;
        failures.push(line);
        log(line);
        continue;
      }

      const recent = await store.outbox.sentSince(routeName, channel, at(-windowMs));
      const recentCount = recent.reduce((n, m) => n + m.findings, 0);
      let messages: { message: Message; items: DueNotification[] }[];
      if (recentCount + items.length <= config.grouping.max_findings) {
        messages = items.map((d) => ({ message: { kind: 'finding', key: `finding-${d.id}`, route: routeName, entry: entry(route, d) }, items: [d] }));
      } else {
        const lastSummary = recent.filter((m) => m.messageKey.startsWith('summary-')).at(-1);
        if (lastSummary) {
          // One summary per window: a burst that goes on is collected into the next one.
          const until = new Date(new Date(lastSummary.sentAt).getTime() + windowMs).toISOString();
          if (!dryRun) await store.outbox.defer(ids, until);
          Object.assign(report, { outcome: 'held', pending: items.length, nextAttemptAt: until });
          continue;
        }
        const entries = items.map((d) => entry(route, d));
        messages = [{ message: { kind: 'summary', key: summaryKey(items), route: routeName, entries, windowMinutes: config.grouping.window_minutes }, items }];
      }

      for (const [i, { message, items: carried }] of messages.entries()) {
        const sent: SentMessageReport = { key: message.key, kind: message.kind, headline: headline(message), findingIds: carried.map((d) => d.findingId) };
        if (!send) {
          sent.preview = preview(channelConfig, message);
          report.messages.push(sent);
          continue;
        }
        try {
          await send(channel, message);
        } catch (err) {
          const rest = messages.slice(i).flatMap((m) => m.items);
          const error = redact(err instanceof Error ? err.message : String(err));
          const attempts = Math.max(...rest.map((d) => d.attempts)) + 1;
          const retryAfter = err instanceof ChannelError ? err.retryAfterMs : undefined;
          const nextAttemptAt = at(retryAfter ?? backoffMs(attempts, random));
          await store.outbox.markFailed(
            rest.map((d) => d.id),
            error,
            nextAttemptAt,
          );
          downChannels.set(channel, { error, nextAttemptAt });
          Object.assign(report, { outcome: 'failed', pending: rest.length, error, nextAttemptAt });
          const line = `${routeName} → ${channel}: ${error} (${rest.length} pending, next attempt ${nextAttemptAt})`;
          failures.push(line);
          log(line);
          break;
        }
        await store.outbox.markSent(
          carried.map((d) => d.id),
          message.key,
          nowIso,
        );
        report.messages.push(sent);
      }
    }
    return { dryRun, now: nowIso, matched: matches.length, queued, deliveries, failures };
  } finally {
    transport?.close();
  }
}
