import { html, type SafeHtml } from '../report/html-template.ts';
import type { Contact } from '../policy/owners.ts';
import {
  SUMMARY_TOP,
  accountLabel,
  oneLine,
  recipients,
  severityCounts,
  severityHeadline,
  severityLabel,
  summarize,
  truncate,
  type AlertEntry,
  type FindingMessage,
  type Message,
  type SummaryMessage,
} from './message.ts';
import { SEVERITY_COLORS } from './slack.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_MAX = 200;

function addressOf(c: Contact): string | undefined {
  if (!c.email) return undefined;
  return c.name ? `${c.name} <${c.email}>` : c.email;
}

function page(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: sans-serif; font-size: 14px; color: #1f2328">
${body}
</body>
</html>
`.value;
}

function findingEmail(message: FindingMessage): EmailContent {
  const { finding: f, consoleUrl } = message.entry;
  const title = oneLine(f.title);
  const account = accountLabel(f);
  const severity = severityHeadline(f);
  const attention = recipients(message, addressOf);
  const details: [string, string][] = [
    ['Account', account],
    ['Region', f.region],
    ['Type', f.type ?? f.checkId],
    ['Source', f.product ?? f.source],
    ['Resource', f.resourceId],
  ];
  const description = f.description ?? f.reason;
  const text = [
    `${severity}: ${title}`,
    '',
    ...details.map(([k, v]) => `${`${k}:`.padEnd(10)}${oneLine(v)}`),
    '',
    description,
    '',
    ...(attention.length > 0 ? [`Attention: ${attention.join(', ')}`] : []),
    `Open in the AWS console: ${consoleUrl}`,
    '',
    `Route: ${message.route}`,
    '',
  ].join('\n');
  const body = html`<h2 style="border-left: 6px solid ${SEVERITY_COLORS[f.severity]}; padding-left: 8px">${severity}: ${title}</h2>
<table>
${details.map(([k, v]) => html`<tr><th align="left">${k}</th><td>${v}</td></tr>\n`)}</table>
<p style="white-space: pre-wrap">${description}</p>
${attention.length > 0 ? html`<p>Attention: ${attention.join(', ')}</p>\n` : ''}<p><a href="${consoleUrl}">Open in the AWS console</a></p>
<p style="color: #59636e">Route: ${message.route}</p>`;
  return {
    subject: truncate(`[Rampart] ${severity}: ${title} — ${account}, ${f.region}`, SUBJECT_MAX),
    text,
    html: page(title, body),
  };
}

function summaryItem(e: AlertEntry): string {
  const f = e.finding;
  return `- ${severityLabel(f.severity)} ${oneLine(f.title)} — ${accountLabel(f)}, ${f.region}\n  ${e.consoleUrl}`;
}

function summaryEmail(message: SummaryMessage): EmailContent {
  const counts = summarize(message.entries);
  const top = message.entries.slice(0, SUMMARY_TOP);
  const more = message.entries.length - top.length;
  const accounts = counts.byAccount.slice(0, SUMMARY_TOP).map((a) => ({ label: accountLabel({ accountId: a.id, accountName: a.name }), count: a.count }));
  const otherAccounts = counts.byAccount.length - accounts.length;
  const attention = recipients(message, addressOf);
  const heading = `${counts.total} findings on route ${message.route} within ${message.windowMinutes} minutes`;
  const text = [
    heading,
    '',
    'By severity:',
    ...counts.bySeverity.map((s) => `  ${severityLabel(s.severity)}: ${s.count}`),
    '',
    'By account:',
    ...accounts.map((a) => `  ${a.label}: ${a.count}`),
    ...(otherAccounts > 0 ? [`  and ${otherAccounts} more accounts`] : []),
    '',
    'Most severe:',
    ...top.map(summaryItem),
    ...(more > 0 ? [`and ${more} more`] : []),
    '',
    ...(attention.length > 0 ? [`Attention: ${attention.join(', ')}`, ''] : []),
  ].join('\n');
  const body = html`<h2>${heading}</h2>
<h3>By severity</h3>
<ul>
${counts.bySeverity.map((s) => html`<li>${severityLabel(s.severity)}: ${s.count}</li>\n`)}</ul>
<h3>By account</h3>
<ul>
${accounts.map((a) => html`<li>${a.label}: ${a.count}</li>\n`)}${otherAccounts > 0 ? html`<li>and ${otherAccounts} more accounts</li>\n` : ''}</ul>
<h3>Most severe</h3>
<ul>
${top.map((e) => html`<li><strong>${severityLabel(e.finding.severity)}</strong> <a href="${e.consoleUrl}">${oneLine(e.finding.title)}</a> — ${accountLabel(e.finding)}, ${e.finding.region}</li>\n`)}</ul>
${more > 0 ? html`<p>and ${more} more</p>\n` : ''}${attention.length > 0 ? html`<p>Attention: ${attention.join(', ')}</p>` : ''}`;
  return {
    subject: truncate(`[Rampart] ${counts.total} findings on route ${message.route} (${severityCounts(counts)})`, SUBJECT_MAX),
    text,
    html: page(heading, body),
  };
}

/** Subject, plain text and HTML (every finding-derived value escaped) of one message. */
export function emailContent(message: Message): EmailContent {
  return message.kind === 'finding' ? findingEmail(message) : summaryEmail(message);
}
