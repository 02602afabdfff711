import { GLOBAL_REGION } from '../findings/model.ts';
import type { Outgoing } from '../notify/channels.ts';
import { escapeMrkdwn, mrkdwn } from '../notify/slack.ts';
import { html, type SafeHtml } from '../report/html-template.ts';
import { addDays } from '../store/compliance.ts';
import { EXPIRY_NOTICE_DAYS, type ChangedControl, type Digest, type DigestAccount, type EscalatedAccount, type ExpiringException, type WorstAccount } from './digest.ts';
import type { Rate } from './rates.ts';

/** An email lists this many entries per section; the rest are counted (rampart compliance has them all). */
const EMAIL_LIST_MAX = 100;
/** Slack caps a section's text at 3,000 characters. */
const SLACK_SECTION_MAX = 2_900;
const SLACK_ITEM_MAX = 300;
/** Accounts without data named on the summary line; the rest are counted. */
const MISSING_SHOWN = 20;

const pct = (rate: number | null) => (rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`);

/** Percentage points, signed: `+2.5 pts`, `-1.0 pts`. */
function points(change: number): string {
  const p = (change * 100).toFixed(1);
  return p === '0.0' || p === '-0.0' ? 'no change' : `${change > 0 ? '+' : ''}${p} pts`;
}

const label = (a: DigestAccount) => (a.name ? `${a.id} (${a.name})` : a.id);

/** `account-wide` for global resources, else `in us-east-1, eu-west-1`. */
function where(regions: readonly string[]): string {
  const named = regions.filter((r) => r !== GLOBAL_REGION);
  if (named.length === 0) return 'account-wide';
  return `in ${named.join(', ')}${named.length < regions.length ? ' and account-wide' : ''}`;
}

const counted = (r: Rate) => `${r.compliant} of ${r.compliant + r.nonCompliant}`;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const capitalized = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

function since(d: Digest): string {
  const b = d.baseline!;
  return b.lastDigest ? `the last digest on ${b.day}` : b.judgedDay;
}

export function digestSubject(d: Digest): string {
  const change = d.change === null ? '' : ` (${points(d.change)})`;
  return `[Rampart] ${capitalized(d.period)} compliance digest ${d.day}: ${pct(d.organization.rate)}${change}`;
}

function organizationLine(d: Digest): string {
  const head = `Organization: ${pct(d.organization.rate)} compliant (${counted(d.organization)} account-controls)`;
  if (!d.baseline) return `${head}; no earlier judged day to compare with.`;
  return `${head}, ${d.change === null ? 'change unknown' : points(d.change)} since ${since(d)} (${pct(d.baseline.rate)}).`;
}

function accountsLine(d: Digest): string {
  const judged = `${plural(d.judgedAccounts, 'account')} judged on ${d.day}`;
  if (d.missing.length === 0) return `${judged}.`;
  const more = d.missing.length - MISSING_SHOWN;
  return `${judged}; no data for ${d.missing.length}: ${d.missing.slice(0, MISSING_SHOWN).map(label).join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}

function worstLine(a: WorstAccount): string {
  const change = a.previousRate != null && a.rate.rate !== null ? `, ${points(a.rate.rate - a.previousRate)}` : '';
  return `${label(a)}${a.ouPath ? `, ${a.ouPath}` : ''}: ${pct(a.rate.rate)} (${counted(a.rate)} compliant)${change}`;
}

const BEFORE: Record<ChangedControl['status'], string> = {
  compliant: 'was compliant',
  non_compliant: 'was non-compliant',
  excepted: 'was excepted',
  disabled: 'was disabled',
  unknown: 'could not be judged before',
  none: 'no data before',
};

const newFailureLine = (c: ChangedControl) => `${label(c.account)}: ${c.control} ${c.title}; failing ${where(c.regions)} (${BEFORE[c.status]})`;

const NOW: Partial<Record<ChangedControl['status'], string>> = { compliant: 'now compliant', excepted: 'now covered by an exception', disabled: 'control disabled' };

const resolvedLine = (c: ChangedControl) => `${label(c.account)}: ${c.control} ${c.title} (${NOW[c.status] ?? c.status})`;

const expiringLine = (e: ExpiringException) =>
  `#${e.number} ${e.control} for ${e.appliesTo}${e.resource ? `, resource ${e.resource}` : ''}: expires ${e.expires} (in ${plural(e.daysLeft, 'day')}); ${e.reason}; approved by ${e.approver}`;

const escalatedLine = (a: EscalatedAccount) =>
  `${label(a)}: tier ${a.tier} (${a.tierDays}+ days), ${plural(a.controls, 'control')}; longest ${a.longest.control}, ${plural(a.longest.days, 'day')} since ${a.longest.since}`;

interface Section {
  title: string;
  lines: string[];
  /** Shown instead of an empty list. */
  empty: string;
}

/** The digest's lists, in the order every rendering shows them. */
function sections(d: Digest): Section[] {
  const compared = d.baseline ? ` since ${since(d)}` : '';
  const noBaseline = 'no earlier judged day to compare with';
  return [
    { title: 'Worst accounts', lines: d.worst.map(worstLine), empty: 'none: every judged account is fully compliant' },
    { title: `New failures${compared}`, lines: d.newFailures.map(newFailureLine), empty: d.baseline ? 'none' : noBaseline },
    { title: `Resolved${compared}`, lines: d.resolved.map(resolvedLine), empty: d.baseline ? 'none' : noBaseline },
    { title: `Exceptions expiring within ${EXPIRY_NOTICE_DAYS} days, by ${addDays(d.day, EXPIRY_NOTICE_DAYS)}`, lines: d.expiring.map(expiringLine), empty: 'none' },
    { title: 'Accounts in escalation', lines: d.escalated.map(escalatedLine), empty: 'none' },
  ];
}

function intro(d: Digest): string {
  return `${capitalized(d.period)} compliance digest for ${d.recipient}, as of ${d.day}.`;
}

/** The digest as plain text: the email's text part, and what a dry run prints. */
export function digestText(d: Digest): string {
  const out = [intro(d), '', organizationLine(d), accountsLine(d)];
  for (const s of sections(d)) {
    out.push('');
    if (s.lines.length === 0) {
      out.push(`${s.title}: ${s.empty}`);
      continue;
    }
    out.push(`${s.title} (${s.lines.length}):`);
    for (const l of s.lines.slice(0, EMAIL_LIST_MAX)) out.push(`- ${l}`);
    if (s.lines.length > EMAIL_LIST_MAX) out.push(`- … and ${s.lines.length - EMAIL_LIST_MAX} more (rampart compliance --as-of ${d.day} shows them all)`);
  }
  return `${out.join('\n')}\n`;
}

function htmlSection(d: Digest, s: Section): SafeHtml {
  if (s.lines.length === 0) return html`<h3 style="margin-bottom: 4px">${s.title}</h3><p style="margin-top: 0">${s.empty}</p>`;
  const more = s.lines.length - EMAIL_LIST_MAX;
  return html`<h3 style="margin-bottom: 4px">${s.title} (${s.lines.length})</h3>
<ul style="margin-top: 0">
${s.lines.slice(0, EMAIL_LIST_MAX).map((l) => html`<li>${l}</li>\n`)}${more > 0 ? html`<li><i>… and ${more} more (rampart compliance --as-of ${d.day} shows them all)</i></li>\n` : ''}</ul>`;
}

/** The email, addressed to `to`. Account names, titles and policy text are escaped in the HTML part. */
export function digestEmail(d: Digest, key: string, to: readonly string[]): Outgoing & { type: 'email' } {
  const s = digestSubject(d);
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${s}</title></head>
<body style="font-family: sans-serif; font-size: 14px; color: #1f2328">
<p>${intro(d)}</p>
<p><b>${organizationLine(d)}</b><br>${accountsLine(d)}</p>
${sections(d).map((x) => html`${htmlSection(d, x)}\n`)}</body></html>
`;
  return { type: 'email', key, to, subject: s, text: digestText(d), html: page.value };
}

/** Escaped items, as many as fit a section, then how many did not. */
function slackList(s: Section): string {
  const head = `*${escapeMrkdwn(s.title)}*`;
  if (s.lines.length === 0) return `${head}: ${escapeMrkdwn(s.empty)}`;
  let text = `${head} (${s.lines.length})`;
  for (let i = 0; i < s.lines.length; i++) {
    const item = `\n• ${mrkdwn(s.lines[i]!, SLACK_ITEM_MAX)}`;
    const rest = s.lines.length - i;
    if (text.length + item.length > SLACK_SECTION_MAX - 40) return `${text}\n… and ${rest} more`;
    text += item;
  }
  return text;
}

/** The Slack message (Block Kit): a header, the organization's rate, then one section per list. */
export function digestSlack(d: Digest): Outgoing & { type: 'slack' } {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: digestSubject(d).replace(/^\[Rampart\] /, '').slice(0, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(organizationLine(d))}*\n${mrkdwn(accountsLine(d), SLACK_SECTION_MAX - 300)}` } },
    ...sections(d).map((s) => ({ type: 'section', text: { type: 'mrkdwn', text: slackList(s) } })),
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`${intro(d)} rampart compliance --as-of ${d.day} has the details.`) }] },
  ];
  return { type: 'slack', payload: { text: escapeMrkdwn(digestSubject(d)), blocks } };
}
