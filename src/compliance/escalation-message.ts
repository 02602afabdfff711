import { hash } from 'node:crypto';
import { GLOBAL_REGION } from '../findings/model.ts';
import type { Outgoing } from '../notify/channels.ts';
import { escapeMrkdwn, mrkdwn } from '../notify/slack.ts';
import { html } from '../report/html-template.ts';
import type { Escalation } from './escalate.ts';

/** Slack caps a section's text at 3,000 characters and a message at 50 blocks. */
const SLACK_SECTION_MAX = 2_900;
const SLACK_CONTROLS_MAX = 20;

const regionList = (regions: readonly string[]) =>
  regions.length ? regions.map((r) => (r === GLOBAL_REGION ? 'account-wide' : r)).join(', ') : 'account-wide';

function accountLabel(e: Escalation): string {
  return e.accountName ? `${e.accountId} (${e.accountName})` : e.accountId;
}

function subject(e: Escalation): string {
  const n = e.controls.length;
  return `[Rampart] ${accountLabel(e)}: ${n} control${n === 1 ? '' : 's'} non-compliant for ${e.tierDays}+ days`;
}

function intro(e: Escalation): string {
  const who = e.audience.includes('manager') ? 'You are receiving this as the account owners and their manager' : 'You are receiving this as the account owners';
  return e.noOwner
    ? `Nobody is recorded as owning AWS account ${accountLabel(e)}, so the security team is told instead. Please assign an owner.`
    : `${who} of AWS account ${accountLabel(e)}.`;
}

/** A stable key per account, tier and streaks, so a retried send is recognisable as the same message. */
function keyOf(e: Escalation, day: string): string {
  return hash('sha256', [e.accountId, e.tier, day, ...e.controls.map((c) => `${c.control}@${c.since}`)].join('|'), 'hex').slice(0, 24);
}

/** The email to the recipients' addresses. Everything from findings and the policy is escaped. */
export function escalationEmail(e: Escalation, day: string): Outgoing & { type: 'email' } {
  const to = e.recipients.flatMap((c) => (c.email ? [c.name ? `${c.name} <${c.email}>` : c.email] : []));
  const lines = [intro(e), '', `As of ${day}, these controls have been non-compliant for at least ${e.tierDays} consecutive days:`, ''];
  for (const c of e.controls) {
    lines.push(`- ${c.control} ${c.title}`);
    lines.push(`  ${c.days} day(s) since ${c.since}; failing in ${regionList(c.regions)}${c.failing ? ` (${c.failing} resource(s))` : ''}`);
    if (c.missing.length) lines.push(`  no data for ${c.missing.join(', ')} (counted as still non-compliant)`);
    for (const r of c.resources) lines.push(`  resource: ${r}`);
    if (c.remediation) lines.push(`  fix: ${c.remediation}`);
  }
  lines.push('', 'Rampart will remind you once more if this reaches the next tier. `rampart compliance` shows the details.');
  const body = html`<p>${intro(e)}</p>
<p>As of ${day}, these controls have been non-compliant for at least ${e.tierDays} consecutive days:</p>
<table style="border-collapse: collapse">
<tr><th align="left">Control</th><th align="left">Days</th><th align="left">Where</th><th align="left">Fix</th></tr>
${e.controls.map(
  (c) => html`<tr style="border-top: 1px solid #d0d7de">
<td><b>${c.control}</b><br>${c.title}${c.resources.map((r) => html`<br><code>${r}</code>`)}</td>
<td>${c.days} since ${c.since}${c.missing.length ? html`<br><i>no data for ${c.missing.join(', ')}</i>` : ''}</td>
<td>${regionList(c.regions)}</td>
<td>${c.remediation ?? ''}</td>
</tr>`,
)}
</table>`;
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${subject(e)}</title></head>
<body style="font-family: sans-serif; font-size: 14px; color: #1f2328">${body}</body></html>
`;
  return { type: 'email', key: keyOf(e, day), to, subject: subject(e), text: `${lines.join('\n')}\n`, html: page.value };
}

/** The Slack message, mentioning the recipients who have a Slack handle. */
export function escalationSlack(e: Escalation, day: string): Outgoing & { type: 'slack' } {
  // Mentions come from the policy or account tags, validated as <@U…>/<!subteam^…> when written.
  const mentions = e.recipients.flatMap((c) => (c.slack ? [c.slack] : []));
  const head = [...mentions, mrkdwn(intro(e), SLACK_SECTION_MAX - 200)].join(' ');
  const shown = e.controls.slice(0, SLACK_CONTROLS_MAX);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: subject(e).slice(0, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: head } },
    ...shown.map((c) => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: mrkdwn(
          `${c.control} ${c.title}\n${c.days} day(s) since ${c.since}, ${regionList(c.regions)}${c.missing.length ? ` (no data for ${c.missing.join(', ')})` : ''}${c.remediation ? `\nFix: ${c.remediation}` : ''}`,
          SLACK_SECTION_MAX,
        ).replace(/^([^\n]*)/, '*$1*'),
      },
    })),
  ];
  if (e.controls.length > shown.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `… and ${e.controls.length - shown.length} more control(s)` }] });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `As of ${day} · tier ${e.tier} (${e.tierDays} days)` }] });
  return { type: 'slack', payload: { text: `${escapeMrkdwn(subject(e))} ${mentions.join(' ')}`.trim(), blocks } };
}
