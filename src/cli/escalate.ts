import { Command } from 'commander';
import type { Escalation } from '../compliance/escalate.ts';
import { loadPolicy, owners } from '../policy/load.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { EXIT, UsageError } from './errors.ts';
import { dayOf } from './judge-day.ts';
import { openPolicyChannels } from './policy-channels.ts';
import type { SetExit } from './main.ts';
import { day } from './parse.ts';

interface EscalateFlags {
  asOf?: string;
  dryRun?: boolean;
  json?: boolean;
  policy?: string;
  db?: string;
  now?: Date;
}

function who(e: Escalation): string {
  return e.recipients.map((c) => c.email ?? c.slack ?? c.name).join(', ');
}

export function escalateCommand(setExit: SetExit): Command {
  const cmd = new Command('escalate')
    .description(
      "Tell account owners (and at the last tier their manager) about controls non-compliant for the policy's escalation days (default 7 and 21): each tier once per streak.",
    )
    .option('--as-of <day>', 'judge streaks as of this day (YYYY-MM-DD); default today by --now/RAMPART_NOW', day)
    .option('--dry-run', 'show who would be told what; send nothing and record nothing')
    .option('--json', 'print the plan (and in a dry run the exact messages) as JSON')
    .option('--policy <file>', 'policy file (default: rampart.yaml when it exists)');
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.addHelpText('after', '\nExit codes: 0 all sent (or nothing due); 3 some message could not be sent, or an account has nobody to tell (listed); 1 could not run.');
  cmd.action(async (flags: EscalateFlags) => {
    const { loadChecks } = await import('../checks/registry.ts');
    const { controlsInForce } = await import('../compliance/compute.ts');
    const { planEscalations, sentRecords } = await import('../compliance/escalate.ts');
    const { escalationEmail, escalationSlack } = await import('../compliance/escalation-message.ts');
    const policy = await loadPolicy(flags.policy);
    const { email_channel: emailChannel, slack_channel: slackChannel } = policy.config.escalation;
    if (!flags.dryRun && !emailChannel && !slackChannel) {
      throw new UsageError(`${policy.path ?? 'the policy'} names no escalation.email_channel or escalation.slack_channel to send escalations by`);
    }
    const asOf = flags.asOf ?? dayOf(resolveNow(flags.now) ?? new Date());
    const store = await openDatabase(flags.db);
    try {
      const streaks = await store.compliance.readStreaks(asOf);
      const accounts = await store.accounts();
      const plan = planEscalations({
        day: asOf,
        policy: policy.config,
        streaks,
        rows: await store.compliance.readDaily({ day: asOf }),
        sent: await store.compliance.sentEscalations(streaks),
        controls: controlsInForce(policy.config, await loadChecks()),
        owners: owners(policy, accounts),
        accounts,
      });
      const messages = plan.escalations.map((e) => ({
        escalation: e,
        ...(emailChannel && e.recipients.some((c) => c.email) ? { email: escalationEmail(e, asOf) } : {}),
        ...(slackChannel ? { slack: escalationSlack(e, asOf) } : {}),
      }));
      const failures: string[] = [];
      if (!flags.dryRun && messages.length > 0) {
        const channels = await openPolicyChannels(policy);
        try {
          for (const m of messages) {
            const problems: string[] = [];
            for (const [channel, out] of [
              [emailChannel, m.email],
              [slackChannel, m.slack],
            ] as const) {
              if (!channel || !out) continue;
              try {
                await channels.deliver(channel, out);
              } catch (err) {
                problems.push(`${channel}: ${channels.redact((err as Error).message)}`);
              }
            }
            // Only a message every channel took counts as sent; the next run tries again otherwise.
            if (problems.length === 0) await store.compliance.recordEscalations(sentRecords(m.escalation, (resolveNow(flags.now) ?? new Date()).toISOString()));
            else failures.push(`${m.escalation.accountId} tier ${m.escalation.tier}: ${problems.join('; ')}`);
          }
        } finally {
          channels.close();
        }
      }
      for (const u of plan.unreachable) failures.push(`${u.accountId} tier ${u.tier}: nobody to tell (no owner and no owners.security_team) about ${u.controls.join(', ')}`);

      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ day: asOf, dryRun: flags.dryRun ?? false, escalations: flags.dryRun ? messages : plan.escalations, unreachable: plan.unreachable, failures }, null, 2)}\n`);
      } else {
        const out: string[] = [];
        if (flags.dryRun) out.push('dry run: nothing is sent and nothing is recorded');
        out.push(`${plan.escalations.length} escalation(s) due on ${asOf}`);
        for (const e of plan.escalations) {
          out.push(`${e.accountId}${e.accountName ? ` ${e.accountName}` : ''}: tier ${e.tier} (${e.tierDays} days) → ${who(e)}${e.noOwner ? ' (no owner on record: security team)' : ''}`);
          for (const c of e.controls) out.push(`  ${c.control} ${c.title}: ${c.days} day(s) since ${c.since}${c.missing.length ? `, no data for ${c.missing.join(', ')}` : ''}`);
        }
        process.stdout.write(`${out.join('\n')}\n`);
        for (const f of failures) process.stderr.write(`rampart: ${f}\n`);
      }
      setExit(failures.length > 0 ? EXIT.partial : EXIT.ok);
    } finally {
      await store.close();
    }
  });
  return cmd;
}
