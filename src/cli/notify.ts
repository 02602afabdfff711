import { Command } from 'commander';
import type { NotifyResult } from '../notify/deliver.ts';
import { loadPolicy, owners, requireNotifications } from '../policy/load.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { EXIT, UsageError } from './errors.ts';
import type { SetExit } from './main.ts';

interface NotifyFlags {
  policy: string;
  dryRun?: boolean;
  json?: boolean;
  db?: string;
  now?: Date;
}

function printText(result: NotifyResult): void {
  const out: string[] = [];
  if (result.dryRun) out.push('dry run: nothing is sent and nothing is recorded');
  out.push(`${result.matched} route matches, ${result.queued} new${result.dryRun ? ' (would be queued)' : ''}`);
  for (const d of result.deliveries) {
    const findings = d.messages.reduce((n, m) => n + m.findingIds.length, 0);
    const sent = `${d.messages.length} message${d.messages.length === 1 ? '' : 's'} (${findings} finding${findings === 1 ? '' : 's'})`;
    const head = `${d.route} → ${d.channel}:`;
    if (d.outcome === 'sent') out.push(`${head} sent ${sent}`);
    else if (d.outcome === 'dry-run') out.push(`${head} would send ${sent}`);
    else if (d.outcome === 'held') out.push(`${head} ${d.pending} held for the next summary at ${d.nextAttemptAt}`);
    else if (d.outcome === 'unconfigured') out.push(`${head} ${d.pending} pending for a route or channel no longer in the policy`);
    else out.push(`${head} sent ${sent}, then failed: ${d.error}; ${d.pending} pending, next attempt ${d.nextAttemptAt}`);
    for (const m of d.messages) out.push(`  ${m.headline}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

export function notifyCommand(setExit: SetExit): Command {
  const cmd = new Command('notify')
    .description(
      'Alert on new failing findings by the routes in the policy file (Slack, email, webhook): each finding once per route, retried until the channel takes it.',
    )
    .option('--policy <file>', 'policy file with a notifications: section (and optionally owners:)', 'rampart.yaml')
    .option('--dry-run', 'show what would be sent; send nothing and change nothing in the database')
    .option('--json', 'print the result as JSON (with the exact message bodies in a dry run)');
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (flags: NotifyFlags) => {
    const { runNotify } = await import('../notify/deliver.ts');
    const { SecretError } = await import('../notify/secrets.ts');
    const policy = await loadPolicy(flags.policy);
    const notifications = requireNotifications(policy);
    const now = resolveNow(flags.now) ?? new Date();
    const store = await openDatabase(flags.db);
    try {
      const result = await runNotify({
        store,
        config: notifications,
        owners: owners(policy, await store.accounts()),
        now,
        dryRun: flags.dryRun ?? false,
        secrets: { env: process.env, ...(policy.secretsFile ? { file: policy.secretsFile } : {}) },
        log: (line) => process.stderr.write(`rampart: ${line}\n`),
      }).catch((err: unknown) => {
        throw err instanceof SecretError ? new UsageError(err.message) : err;
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else printText(result);
      // Still pending after a failure: a later run delivers it, but whoever runs this should know.
      setExit(result.failures.length > 0 ? EXIT.partial : EXIT.ok);
    } finally {
      await store.close();
    }
  });
  return cmd;
}
