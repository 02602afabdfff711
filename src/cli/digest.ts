import { hash } from 'node:crypto';
import { Command, Option } from 'commander';
import { DIGEST_PERIODS, type DigestPeriod } from '../compliance/digest-period.ts';
import type { Outgoing } from '../notify/channels.ts';
import { DEFAULT_POLICY_FILE, loadPolicy, type Policy } from '../policy/load.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { EXIT, UsageError } from './errors.ts';
import { dayOf } from './judge-day.ts';
import { openPolicyChannels } from './policy-channels.ts';
import type { SetExit } from './main.ts';
import { day } from './parse.ts';

interface DigestFlags {
  period: DigestPeriod;
  to: string;
  asOf?: string;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
  policy?: string;
  db?: string;
  now?: Date;
}

interface Delivery {
  channel: string;
  /** Who it reaches, for the console: the addresses, or the Slack channel's name. */
  reaches: string;
  out: Outgoing;
}

/** The policy's channels for a recipient: its addresses by `digest.email_channel`, its Slack channel (else `digest.slack_channel`). */
function routesFor(policy: Policy, name: string): { email?: { channel: string; to: string[] }; slack?: string } {
  const file = policy.path ?? DEFAULT_POLICY_FILE;
  const digest = policy.config.digest;
  const recipient = digest?.recipients[name];
  if (!digest || !recipient) {
    const known = Object.keys(digest?.recipients ?? {});
    throw new UsageError(`unknown digest recipient '${name}': ${known.length ? `${file} names ${known.join(', ')}` : `${file} has no digest.recipients`}`);
  }
  if (recipient.email && !digest.email_channel) throw new UsageError(`digest recipient '${name}' has email addresses but ${file} names no digest.email_channel to send them by`);
  const slack = recipient.slack_channel ?? digest.slack_channel;
  if (!recipient.email && !slack) throw new UsageError(`digest recipient '${name}' has no email and no slack_channel, and ${file} names no digest.slack_channel: nothing to send to`);
  return { ...(recipient.email ? { email: { channel: digest.email_channel!, to: recipient.email } } : {}), ...(slack ? { slack } : {}) };
}

export function digestCommand(setExit: SetExit): Command {
  const cmd = new Command('digest')
    .description(
      'Send a compliance summary to a recipient of the policy (digest.recipients) by email and Slack: the organization rate and its change since the last digest, the worst accounts, new failures, resolved ones, exceptions expiring within 14 days, accounts in escalation.',
    )
    .addOption(new Option('--period <period>', 'daily or weekly: without an earlier digest of that period, the change is measured from 1 or 7 days back').choices(DIGEST_PERIODS).makeOptionMandatory())
    .requiredOption('--to <name>', 'the recipient, by its name under digest.recipients in the policy')
    .option('--as-of <day>', 'the day to summarize (YYYY-MM-DD); default today by --now/RAMPART_NOW', day)
    .option('--dry-run', 'print the digest and where it would go; send nothing and record nothing')
    .option('--force', 'send even if this period, day and recipient already had its digest')
    .option('--json', 'print the digest (and in a dry run the exact messages) as JSON')
    .option('--policy <file>', 'policy file (default: rampart.yaml when it exists)');
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.addHelpText(
    'after',
    `
The change, new failures and resolved controls are measured against the last digest of the same
period to the same recipient (or, without one, the day 1 or 7 days back), by the compliance recorded
for each day: the digest reads what scans, imports and rampart compliance judged, and judges nothing.
Email goes to the recipient's addresses through digest.email_channel; Slack to the recipient's
slack_channel, else digest.slack_channel. A digest is recorded once every channel took it; another
run for the same period, day and recipient says it was already sent and sends nothing (--force
sends it again).

Exit codes: 0 sent, already sent, or dry run; 3 a channel did not take it (nothing recorded: run again); 1 could not run.`,
  );
  cmd.action(async (flags: DigestFlags) => {
    const { loadChecks } = await import('../checks/registry.ts');
    const { controlsInForce } = await import('../compliance/compute.ts');
    const { NoDigestData, readDigest } = await import('../compliance/digest.ts');
    const { digestEmail, digestSlack, digestText } = await import('../compliance/digest-message.ts');
    const policy = await loadPolicy(flags.policy);
    const routes = routesFor(policy, flags.to);
    const now = resolveNow(flags.now) ?? new Date();
    const asOf = flags.asOf ?? dayOf(now);
    const what = `${flags.period} digest for ${flags.to} on ${asOf}`;
    const store = await openDatabase(flags.db);
    try {
      const earlier = await store.digests.on(flags.to, flags.period, asOf);
      if (earlier.length > 0 && !flags.force) {
        const line = `${what} already sent at ${earlier.at(-1)!.sentAt}; nothing sent (--force sends it again)`;
        process.stdout.write(flags.json ? `${JSON.stringify({ day: asOf, period: flags.period, recipient: flags.to, alreadySent: earlier.at(-1)!.sentAt }, null, 2)}\n` : `${line}\n`);
        setExit(EXIT.ok);
        return;
      }
      let digest;
      try {
        digest = await readDigest(store, { period: flags.period, recipient: flags.to, day: asOf, policy: policy.config, controls: controlsInForce(policy.config, await loadChecks()) });
      } catch (err) {
        throw err instanceof NoDigestData ? new UsageError(err.message) : err;
      }
      // A retry after a failed send keeps its key (mail clients fold the duplicate); a forced resend gets a new one.
      const key = hash('sha256', [flags.period, flags.to, asOf, earlier.length].join('|'), 'hex').slice(0, 24);
      const deliveries: Delivery[] = [];
      if (routes.email) deliveries.push({ channel: routes.email.channel, reaches: routes.email.to.join(', '), out: digestEmail(digest, key, routes.email.to) });
      if (routes.slack) deliveries.push({ channel: routes.slack, reaches: 'Slack', out: digestSlack(digest) });
      const where = deliveries.map((d) => `${d.reaches} (${d.channel})`).join(' and ');

      if (flags.dryRun) {
        if (flags.json) process.stdout.write(`${JSON.stringify({ day: asOf, period: flags.period, recipient: flags.to, dryRun: true, digest, messages: deliveries.map((d) => ({ channel: d.channel, ...d.out })) }, null, 2)}\n`);
        else process.stdout.write(`dry run: nothing is sent and nothing is recorded\nwould send the ${what} to ${where}\n\n${digestText(digest)}`);
        setExit(EXIT.ok);
        return;
      }

      const channels = await openPolicyChannels(policy);
      const failures: string[] = [];
      try {
        for (const d of deliveries) {
          try {
            await channels.deliver(d.channel, d.out);
          } catch (err) {
            failures.push(`${what}: ${d.channel}: ${channels.redact((err as Error).message)}`);
          }
        }
      } finally {
        channels.close();
      }
      // Only a digest every channel took counts as sent; the next run sends it again otherwise.
      if (failures.length === 0) {
        await store.digests.record({ id: key, period: flags.period, recipient: flags.to, day: asOf, sentAt: now.toISOString(), orgRate: digest.organization.rate, summary: digest });
      }
      if (flags.json) process.stdout.write(`${JSON.stringify({ day: asOf, period: flags.period, recipient: flags.to, sent: failures.length === 0, failures, digest }, null, 2)}\n`);
      else if (failures.length === 0) process.stdout.write(`sent the ${what} to ${where}\n`);
      for (const f of failures) process.stderr.write(`rampart: ${f}\n`);
      setExit(failures.length > 0 ? EXIT.partial : EXIT.ok);
    } finally {
      await store.close();
    }
  });
  return cmd;
}
