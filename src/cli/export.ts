import { Command } from 'commander';
import { SOURCE } from '../findings/from-results.ts';
import { addAwsAccessOptions, awsTarget, type AwsFlags } from './aws-options.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { EXIT, UsageError } from './errors.ts';
import type { SetExit } from './main.ts';
import { accountList } from './parse.ts';

interface ExportFlags extends Omit<AwsFlags, 'org' | 'accounts' | 'regions' | 'excludeRegions'> {
  framework?: string;
  account?: string[];
  db?: string;
  now?: Date;
  json?: boolean;
}

function securityHubCommand(setExit: SetExit): Command {
  const cmd = new Command('securityhub').description(
    "Send Rampart's own findings to Security Hub (BatchImportFindings) in each finding's account and region; re-exports update them, resolved ones are archived.",
  );
  // Each finding goes to its own account and region: there are no target flags to choose them.
  addAwsAccessOptions(cmd)
    .option('--framework <id>', 'only findings judged under this framework')
    .option('--account <ids>', 'only these accounts (comma-separated)', accountList)
    .option('--json', 'print what was imported, refused and unreachable as JSON');
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.addHelpText('after', '\nExit codes: 0 every finding accepted; 3 some refused or an account/region unreachable (listed); 1 could not run.');
  cmd.action(async (flags: ExportFlags) => {
    const { exportToSecurityHub } = await import('../hub/securityhub-export.ts');
    const aws = awsTarget(flags);
    const store = await openDatabase(flags.db);
    try {
      const findings = await store.findings({
        source: SOURCE,
        ...(flags.framework ? { framework: flags.framework } : {}),
        ...(flags.account ? { accountId: flags.account } : {}),
      });
      if (findings.length === 0) throw new UsageError('no Rampart findings in the database to export (run `rampart scan` first)');
      const result = await exportToSecurityHub(
        findings.map((finding) => ({ finding, resolved: finding.resolvedAt !== undefined })),
        { role: aws.role, ...(aws.endpointUrl ? { endpointUrl: aws.endpointUrl } : {}), homeRegion: aws.homeRegion, partition: aws.partition, concurrency: flags.concurrency, accountConcurrency: flags.accountConcurrency, now: resolveNow(flags.now) ?? new Date() },
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const active = result.imported.reduce((n, i) => n + i.active, 0);
        const archived = result.imported.reduce((n, i) => n + i.archived, 0);
        process.stdout.write(`exported ${active + archived} finding(s) to Security Hub (${active} active, ${archived} archived) in ${result.imported.length} account-region(s)\n`);
        for (const f of result.failed) process.stdout.write(`  refused: ${f.accountId} ${f.region} ${f.code}: ${f.message} (${f.id})\n`);
        for (const i of result.issues) process.stdout.write(`  problem: ${[i.accountId, i.region, `${i.code}:`].filter(Boolean).join(' ')} ${i.message}\n`);
      }
      setExit(result.failed.length > 0 || result.issues.length > 0 ? EXIT.partial : EXIT.ok);
    } finally {
      await store.close();
    }
  });
  return cmd;
}

export function exportCommand(setExit: SetExit): Command {
  return new Command('export').description("Send Rampart's findings to other systems.").addCommand(securityHubCommand(setExit));
}
