import { Command } from 'commander';
import { addDbOption, addNowOption, assertCanCreate, checkOptions, openDatabase, prepareOutDir, resolveNow } from './common.ts';
import { addAwsAccessOptions, addAwsTargetOptions, awsTarget, type AwsFlags } from './aws-options.ts';
import { finishRun, addReportOptions, type ReportFlags } from './finish.ts';
import type { SetExit } from './main.ts';
import { loadPolicy } from '../policy/load.ts';
import { progressFor } from './progress.ts';

interface ScanFlags extends ReportFlags, AwsFlags {
  inventoryOut?: string;
  progress: boolean;
  db?: string;
  now?: Date;
}

export function scanCommand(setExit: SetExit): Command {
  const cmd = new Command('scan').description(
    'Scan AWS accounts and their enabled regions against a CIS framework (read-only). Without --org or --accounts, scans the account of the calling credentials.',
  );
  addAwsAccessOptions(addAwsTargetOptions(cmd, 'scan'))
    .option('--inventory-out <file>', 'save everything collected (gzip JSON) for `rampart evaluate`')
    .option('--no-progress', 'no progress output');
  addReportOptions(cmd);
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (flags: ScanFlags) => {
    const { loadChecks } = await import('../checks/registry.ts');
    const { COLLECTORS } = await import('../collect/registry.ts');
    const { runScan } = await import('../scan/run.ts');
    const policy = await loadPolicy(flags.policy);
    const aws = awsTarget(flags);
    const fixed = resolveNow(flags.now);
    const now = fixed ?? new Date();
    if (flags.format?.length) await prepareOutDir(flags.out);
    if (flags.inventoryOut) await assertCanCreate(flags.inventoryOut, 'inventory');
    const store = await openDatabase(flags.db);
    const progress = progressFor(process.stderr, flags.progress);
    try {
      const outcome = await runScan({
        framework: flags.framework,
        checks: await loadChecks(),
        collectors: COLLECTORS,
        ...aws,
        concurrency: flags.concurrency,
        accountConcurrency: flags.accountConcurrency,
        perServiceConcurrency: 5,
        now,
        ...(fixed ? { recordAt: fixed } : {}),
        accountTags: policy.config.owners?.tags !== undefined,
        checkOptions: checkOptions(),
        ...(flags.inventoryOut ? { inventoryOut: flags.inventoryOut } : {}),
        ...(progress ? { progress } : {}),
      });
      setExit(await finishRun(store, outcome, flags, aws.partition, policy));
    } finally {
      await store.close();
    }
  });
  return cmd;
}
