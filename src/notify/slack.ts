import type { Severity } from '../findings/model.ts';
import {
  SUMMARY_TOP,
  accountLabel,
  oneLine,
  recipients,
  severityCounts,
  severityHeadline,
  severityLabel,
  summarize,
  type AlertEntry,
  type FindingMessage,
  type Message,
  type SummaryMessage,
} from './message.ts';

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#b60205',
  high: '#d93f0b',
  medium: '#fbca04',
  low: '#0e8a16',
  informational: '#8b949e',
};

/** Slack's limits: section text 3,000 characters, a field 2,000, message text 40,000. */
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const TITLE_MAX = 250;
const DESCRIPTION_MAX = 2000;
const TEXT_MAX = 500;

type TextObject = { type: 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'section'; text: TextObject }
  | { type: 'section'; fields: TextObject[] }
  | { type: 'context'; elements: TextObject[] };

export interface SlackPayload {
  /** The notification text and where mentions go (mentions inside attachments do not notify). */
  text: string;
  attachments: { color: string; blocks: SlackBlock[] }[];
}

const MRKDWN_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Untrusted text as literal mrkdwn: with `&`, `<` and `>` escaped, `<!channel>`, `<@U…>` and
 * `<https://…|label>` in a finding's title show as typed instead of pinging or linking.
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/[&<>]/g, (c) => MRKDWN_ESCAPES[c] ?? c);
}

/** Escaped and cut to `max` characters of escaped text, never in the middle of an entity. */
export function mrkdwn(s: string, max: number): string {
  let out = '';
  let length = 0;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const piece = escapeMrkdwn(chars[i] ?? '');
    const rest = i < chars.length - 1 ? 1 : 0;
    if (length + piece.length + rest > max) return `${out}…`;
    out += piece;
    length += piece.length;
  }
  return out;
}

function md(text: string): TextObject {
  return { type: 'mrkdwn', text };
}

/** A console link; our URLs never hold `|` or `>`, which would end the link early. */
function link(url: string, label: string): string {
  return `<${url}|${label}>`;
}

function withMentions(mentions: string[], text: string): string {
  return mentions.length > 0 ? `${mentions.join(' ')} ${text}` : text;
}

function findingPayload(message: FindingMessage): SlackPayload {
  const { finding: f, consoleUrl } = message.entry;
  const headline = `${severityHeadline(f)}: ${mrkdwn(oneLine(f.title), TITLE_MAX)}`;
  const account = mrkdwn(accountLabel(f), FIELD_MAX - 20);
  const blocks: SlackBlock[] = [
    { type: 'section', text: md(`*${headline}*`) },
    {
      type: 'section',
      fields: [
        md(`*Account*\n${account}`),
        md(`*Region*\n${mrkdwn(f.region, 100)}`),
        md(`*Type*\n${mrkdwn(f.type ?? f.checkId, FIELD_MAX - 20)}`),
        md(`*Source*\n${mrkdwn(f.product ?? f.source, 200)}`),
      ],
    },
    { type: 'section', text: md(mrkdwn(f.description ?? f.reason, DESCRIPTION_MAX)) },
    {
      type: 'context',
      elements: [md(`${link(consoleUrl, 'Open in the AWS console')} · resource ${mrkdwn(f.resourceId, SECTION_MAX - 200)}`)],
    },
  ];
  const text = `${severityLabel(f.severity)} finding in ${account}, ${mrkdwn(f.region, 100)}: ${mrkdwn(oneLine(f.title), TEXT_MAX)}`;
  return {
    text: withMentions(recipients(message, (c) => c.slack), text),
    attachments: [{ color: SEVERITY_COLORS[f.severity], blocks }],
  };
}

function listItem(e: AlertEntry): string {
  const f = e.finding;
  return `• *${severityLabel(f.severity)}* ${link(e.consoleUrl, mrkdwn(oneLine(f.title), 150))} — ${mrkdwn(accountLabel(f), 100)}, ${mrkdwn(f.region, 30)}`;
}

function summaryPayload(message: SummaryMessage): SlackPayload {
  const counts = summarize(message.entries);
  const top: string[] = [];
  let size = '*Most severe*\n'.length;
  for (const e of message.entries.slice(0, SUMMARY_TOP)) {
    const item = listItem(e);
    // Console links are long: fewer items rather than a section Slack rejects.
    if (size + item.length + 1 > SECTION_MAX) break;
    top.push(item);
    size += item.length + 1;
  }
  const accounts = counts.byAccount.slice(0, SUMMARY_TOP).map((a) => `${mrkdwn(accountLabel({ accountId: a.id, accountName: a.name }), 100)}: ${a.count}`);
  if (counts.byAccount.length > SUMMARY_TOP) accounts.push(`and ${counts.byAccount.length - SUMMARY_TOP} more accounts`);
  const route = mrkdwn(message.route, 100);
  const blocks: SlackBlock[] = [
    { type: 'section', text: md(`*${counts.total} findings* on route *${route}* within ${message.windowMinutes} minutes`) },
    {
      type: 'section',
      fields: [
        md(`*By severity*\n${counts.bySeverity.map((s) => `${severityLabel(s.severity)}: ${s.count}`).join('\n')}`),
        md(`*By account*\n${accounts.join('\n')}`),
      ],
    },
    { type: 'section', text: md(`*Most severe*\n${top.join('\n')}`) },
  ];
  if (message.entries.length > top.length) {
    blocks.push({ type: 'context', elements: [md(`and ${message.entries.length - top.length} more`)] });
  }
  const highest = message.entries[0]?.finding.severity ?? 'informational';
  const text = `${counts.total} findings on route ${route} (${severityCounts(counts)})`;
  return {
    text: withMentions(recipients(message, (c) => c.slack), text),
    attachments: [{ color: SEVERITY_COLORS[highest], blocks }],
  };
}

/** The incoming-webhook body: Block Kit inside an attachment, whose colour shows the severity. */
export function slackPayload(message: Message): SlackPayload {
  return message.kind === 'finding' ? findingPayload(message) : summaryPayload(message);
}
