import { Command } from 'commander';
import type { Severity, Status } from '../findings/model.ts';
import { addDbOption, openDatabase } from './common.ts';
import type { SetExit } from './main.ts';
import { EXIT } from './errors.ts';
import { accountList, findingRegionList, positiveInt, severity, statuses } from './parse.ts';

interface FindingsFlags {
  status?: Status[];
  account?: string[];
  region?: string[];
  check?: string;
  framework?: string;
  severity?: Severity;
  limit: number;
  json?: boolean;
  db?: string;
}

function cell(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}…` : s.padEnd(width);
}

export function findingsCommand(setExit: SetExit): Command {
  const cmd = new Command('findings')
    .description('List stored findings.')
    .option('--status <list>', 'PASS, FAIL, MANUAL, NOT_APPLICABLE, ERROR (comma-separated)', statuses)
    .option('--account <ids>', 'account ids (comma-separated)', accountList)
    .option('--region <names>', "regions (comma-separated; 'global' for account-wide findings)", findingRegionList)
    .option('--check <ids>', 'check ids (comma-separated)')
    .option('--framework <id>', 'framework the findings were judged under')
    .option('--severity <level>', 'minimum severity: informational, low, medium, high, critical', severity)
    .option('--limit <n>', 'at most this many findings', positiveInt, 1000)
    .option('--json', 'print JSON (one array) instead of a table');
  addDbOption(cmd);
  cmd.action(async (flags: FindingsFlags) => {
    const store = await openDatabase(flags.db);
    try {
      const rows = await store.findings({
        ...(flags.status ? { status: flags.status } : {}),
        ...(flags.account ? { accountId: flags.account } : {}),
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.check ? { checkId: flags.check.split(',').map((c) => c.trim()) } : {}),
        ...(flags.framework ? { framework: flags.framework } : {}),
        ...(flags.severity ? { minSeverity: flags.severity } : {}),
        limit: flags.limit,
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else if (rows.length === 0) {
        process.stdout.write('no findings match\n');
      } else {
        process.stdout.write(`${cell('STATUS', 8)} ${cell('SEVERITY', 13)} ${cell('ACCOUNT', 12)} ${cell('REGION', 14)} ${cell('CHECK', 40)} REASON\n`);
        for (const f of rows) {
          process.stdout.write(`${cell(f.status, 8)} ${cell(f.severity, 13)} ${cell(f.accountId, 12)} ${cell(f.region, 14)} ${cell(f.checkId, 40)} ${f.reason.replace(/\s+/g, ' ')}\n`);
        }
      }
      setExit(EXIT.ok);
    } finally {
      await store.close();
    }
  });
  return cmd;
}
