import { Command } from 'commander';
import { partitionOf } from '../aws/partition.ts';
import { loadChecks } from '../checks/registry.ts';
import { COLLECTORS } from '../collect/registry.ts';
import { runScan } from '../scan/run.ts';
import { addDbOption, addNowOption, assertCanCreate, checkOptions, openDatabase, prepareOutDir, resolveNow } from './common.ts';
import { UsageError } from './errors.ts';
import { finishRun, addReportOptions, type ReportFlags } from './finish.ts';
import type { SetExit } from './main.ts';
import { accountList, positiveInt, regionList } from './parse.ts';
import { progressFor } from './progress.ts';

interface ScanFlags extends ReportFlags {
  org?: boolean;
  accounts?: string[];
  regions?: string[];
  excludeRegions?: string[];
  roleName: string;
  externalId?: string;
  sessionSeconds: number;
  inventoryOut?: string;
  endpointUrl?: string;
  concurrency: number;
  accountConcurrency: number;
  progress: boolean;
  db?: string;
  now?: Date;
}

export function scanCommand(setExit: SetExit): Command {
  const cmd = new Command('scan')
    .description('Scan AWS accounts and their enabled regions against a CIS framework (read-only). Without --org or --accounts, scans the account of the calling credentials.')
    .option('--org', 'scan every active account of the AWS Organization (from the management or a delegated account)')
    .option('--accounts <ids>', 'comma-separated 12-digit account ids to scan', accountList)
    .option('--regions <names>', "regions to scan (comma-separated, or 'all'); default: every enabled region", regionList)
    .option('--exclude-regions <names>', 'regions to leave out', regionList)
    .option('--role-name <name>', 'role to assume in member accounts', 'OrganizationAccountAccessRole')
    .option('--external-id <id>', 'external id required by the role trust policy')
    .option('--session-seconds <n>', 'AssumeRole session length; credentials are reused this long', positiveInt, 3600)
    .option('--inventory-out <file>', 'save everything collected (gzip JSON) for `rampart evaluate`')
    .option('--endpoint-url <url>', 'send every AWS API call to this endpoint (emulators, VPC endpoints; env AWS_ENDPOINT_URL)', process.env.AWS_ENDPOINT_URL)
    .option('--concurrency <n>', 'API calls in flight across the scan', positiveInt, 64)
    .option('--account-concurrency <n>', 'accounts scanned at the same time', positiveInt, 8)
    .option('--no-progress', 'no progress output');
  addReportOptions(cmd);
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (flags: ScanFlags) => {
    if (flags.org && flags.accounts) throw new UsageError('--org and --accounts cannot be combined');
    if (flags.endpointUrl) {
      try {
        new URL(flags.endpointUrl);
      } catch {
        throw new UsageError(`--endpoint-url '${flags.endpointUrl}' is not a URL`);
      }
    }
    const now = resolveNow(flags.now) ?? new Date();
    if (flags.format?.length) await prepareOutDir(flags.out);
    if (flags.inventoryOut) await assertCanCreate(flags.inventoryOut, 'inventory');
    const store = await openDatabase(flags.db);
    const progress = progressFor(process.stderr, flags.progress);
    try {
      // The configured region only picks the partition; global APIs are called in its home region.
      const { partition, globalRegion } = partitionOf(process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1');
      const outcome = await runScan({
        framework: flags.framework,
        checks: await loadChecks(),
        collectors: COLLECTORS,
        target: flags.org ? { kind: 'org' } : flags.accounts ? { kind: 'accounts', ids: flags.accounts } : { kind: 'caller' },
        regions: {
          ...(flags.regions?.length ? { include: flags.regions } : {}),
          ...(flags.excludeRegions?.length ? { exclude: flags.excludeRegions } : {}),
        },
        role: { roleName: flags.roleName, sessionSeconds: flags.sessionSeconds, ...(flags.externalId ? { externalId: flags.externalId } : {}) },
        ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
        concurrency: flags.concurrency,
        accountConcurrency: flags.accountConcurrency,
        perServiceConcurrency: 5,
        now,
        checkOptions: checkOptions(),
        ...(flags.inventoryOut ? { inventoryOut: flags.inventoryOut } : {}),
        ...(progress ? { progress } : {}),
        homeRegion: globalRegion,
        partition,
      });
      setExit(await finishRun(store, outcome, flags, partition));
    } finally {
      await store.close();
    }
  });
  return cmd;
}
