import { Command } from 'commander';
import { loadPolicy } from '../policy/load.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { EXIT } from './errors.ts';
import { dayOf } from './judge-day.ts';
import type { SetExit } from './main.ts';
import { accountList, day } from './parse.ts';

interface ComplianceFlags {
  asOf?: string;
  account?: string[];
  policy?: string;
  json?: boolean;
  db?: string;
  now?: Date;
}

export function complianceCommand(setExit: SetExit): Command {
  const cmd = new Command('compliance')
    .description("Each account's standing per control by the policy (region scope, exceptions, disabled controls), with streaks and rates.")
    .option('--as-of <day>', 'the day to report (YYYY-MM-DD); today (by --now/RAMPART_NOW) is judged afresh, earlier days are read as recorded', day)
    .option('--account <ids>', 'only these accounts (comma-separated)', accountList)
    .option('--policy <file>', 'policy file (default: rampart.yaml when it exists)')
    .option('--json', 'print the report as JSON');
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (flags: ComplianceFlags) => {
    const { loadChecks } = await import('../checks/registry.ts');
    const { computeDay, controlsInForce } = await import('../compliance/compute.ts');
    const { buildReport, renderReport } = await import('../compliance/report.ts');
    const policy = await loadPolicy(flags.policy);
    const today = dayOf(resolveNow(flags.now) ?? new Date());
    const asOf = flags.asOf ?? today;
    const store = await openDatabase(flags.db);
    try {
      const checks = await loadChecks();
      if (asOf === today) await computeDay(store, policy.config, checks, today, new Date());
      const rows = await store.compliance.readDaily({ day: asOf, ...(flags.account ? { accountId: flags.account } : {}) });
      const streaks = await store.compliance.readStreaks(asOf, flags.account);
      const accounts = (await store.accounts()).filter((a) => !flags.account || flags.account.includes(a.id));
      const report = buildReport({ day: asOf, rows, streaks, policy: policy.config, controls: controlsInForce(policy.config, checks), accounts });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        if (rows.length === 0) {
          const [last] = await store.compliance.judgedDays(asOf, 1);
          process.stdout.write(`nothing judged on ${asOf}${last ? `; the last judged day before it is ${last}` : ''}\n`);
        }
        process.stdout.write(renderReport(report));
      }
      setExit(EXIT.ok);
    } finally {
      await store.close();
    }
  });
  return cmd;
}
