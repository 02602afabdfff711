import { access, constants } from 'node:fs/promises';
import { Command } from 'commander';
import type { Severity } from '../findings/model.ts';
import type { ScanIssue, ScanRecord } from '../findings/scan.ts';
import type { AsffFileError, AsffFileItem } from '../hub/asff-file.ts';
import type { PullOptions } from '../hub/pull.ts';
import type { IngestBuffer } from '../hub/ingest.ts';
import type { ImportSession, ImportStart, RecordSummary, Store } from '../store/index.ts';
import { addAwsAccessOptions, addAwsTargetOptions, awsTarget, type AwsFlags } from './aws-options.ts';
import { addDbOption, addNowOption, openDatabase, resolveNow } from './common.ts';
import { EXIT, UsageError } from './errors.ts';
import type { SetExit } from './main.ts';
import { loadPolicy } from '../policy/load.ts';
import { judgeRunDay, type JudgedDay } from './judge-day.ts';
import { instant, severity } from './parse.ts';

interface CommonFlags {
  db?: string;
  now?: Date;
  json?: boolean;
  policy?: string;
}

interface PullFlags extends AwsFlags, CommonFlags {
  since?: Date;
  minSeverity?: Severity;
}

/** A finding of an ASFF file that could not be imported, with where it is in the file. */
interface Rejected {
  position: number;
  reason: string;
}

/** Rejected findings listed one per line; beyond this many, only the count. */
const REJECTED_SHOWN = 20;

function report(run: ScanRecord, summary: RecordSummary, rejected: readonly Rejected[], judged: JudgedDay, json: boolean | undefined): void {
  if (json) {
    const { line: _line, ...compliance } = judged;
    process.stdout.write(`${JSON.stringify({ run, summary, rejected, compliance }, null, 2)}\n`);
    return;
  }
  const seen = Object.values(run.counts).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `imported ${seen} finding(s) from ${run.source}: ${summary.inserted} new, ${summary.changed} changed status, ` +
      `${summary.unchanged} unchanged, ${summary.resolved} resolved, ${summary.reopened} reopened ` +
      `(${run.accounts.length} account(s), ${run.regions.length} region(s); run ${run.id})\n`,
  );
  for (const e of run.errors) {
    process.stdout.write(`  problem: ${[e.accountId, e.region, `${e.code}:`].filter(Boolean).join(' ')} ${e.message}\n`);
  }
  for (const r of rejected.slice(0, REJECTED_SHOWN)) process.stdout.write(`  rejected finding ${r.position}: ${r.reason}\n`);
  if (rejected.length > REJECTED_SHOWN) process.stdout.write(`  … and ${rejected.length - REJECTED_SHOWN} more rejected finding(s)\n`);
  process.stdout.write(`${judged.line}\n`);
}

/**
 * An import session and the buffer that feeds it, suited to the store. Long transactions pay on
 * SQLite, which writes whole index pages at each commit; PostgreSQL logs rows, gains nothing from
 * them (bench/ingest.ts) and would only hold its row locks longer. PostgreSQL writes on its own
 * core, so the next batch is read meanwhile; SQLite writes on this thread.
 */
async function beginIngest(store: Store, start: Omit<ImportStart, 'commitEvery'>): Promise<{ session: ImportSession; buffer: IngestBuffer }> {
  const { INGEST_COMMIT, IngestBuffer } = await import('../hub/ingest.ts');
  const session = await store.beginImport({ ...start, ...(store.dialect === 'sqlite' ? { commitEvery: INGEST_COMMIT } : {}) });
  return { session, buffer: new IngestBuffer(session, { overlap: store.dialect === 'postgres' }) };
}

function addPolicyOption(cmd: Command): Command {
  return cmd.option('--policy <file>', 'policy file the day\'s compliance is judged by (default: rampart.yaml when it exists)');
}

/** 0 when everything was imported; 3 when something was left out (an account, a region, a finding). */
function exitCode(issues: readonly ScanIssue[], rejected: readonly Rejected[]): number {
  return issues.length > 0 || rejected.length > 0 ? EXIT.partial : EXIT.ok;
}

function pullCommand(name: 'securityhub' | 'guardduty', description: string, setExit: SetExit): Command {
  const cmd = new Command(name).description(description);
  addAwsAccessOptions(addAwsTargetOptions(cmd, 'pull from'))
    .option('--since <iso-time>', 'only findings updated since then (archived ones included, so archivals are seen)', instant)
    .option('--min-severity <level>', 'only findings at least this severe', severity)
    .option('--json', 'print the run, its summary and problems as JSON');
  addPolicyOption(cmd);
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.addHelpText(
    'after',
    '\nWithout --since or --min-severity the pull is complete: open findings it no longer returns are resolved.\n' +
      'Exit codes: 0 complete; 3 finished but an account, region or finding was left out (listed); 1 could not run.',
  );
  cmd.action(async (flags: PullFlags) => {
    const aws = awsTarget(flags);
    const policy = await loadPolicy(flags.policy);
    const { ingestPull } = await import('../hub/ingest.ts');
    const pullFindings = name === 'securityhub' ? (await import('../hub/securityhub-pull.ts')).pullSecurityHub : (await import('../hub/guardduty-pull.ts')).pullGuardDuty;
    const store = await openDatabase(flags.db);
    try {
      const options: PullOptions = {
        ...aws,
        concurrency: flags.concurrency,
        accountConcurrency: flags.accountConcurrency,
        ...(flags.since ? { since: flags.since } : {}),
        ...(flags.minSeverity ? { minSeverity: flags.minSeverity } : {}),
        accountTags: policy.config.owners?.tags !== undefined,
      };
      const startedAt = resolveNow(flags.now) ?? new Date();
      const { session, buffer } = await beginIngest(store, { source: name, actor: `rampart import ${name}`, startedAt });
      const pull = await ingestPull(pullFindings(options), buffer);
      const { run, summary } = await session.finish({
        finishedAt: resolveNow(flags.now) ?? new Date(),
        complete: pull.complete.map((c) => ({ ...c, origin: name })),
        accounts: pull.accounts,
        issues: pull.issues,
        actor: pull.caller,
      });
      report(run, summary, [], await judgeRunDay(store, policy, new Date(run.finishedAt)), flags.json);
      setExit(exitCode(pull.issues, []));
    } finally {
      await store.close();
    }
  });
  return cmd;
}

async function importFile(store: Store, path: string, now: Date | undefined) {
  const { AsffFileError, readAsffFile } = await import('../hub/asff-file.ts');
  const items = readAsffFile(path);
  // A file that is not findings at all fails before anything is recorded.
  let first: IteratorResult<AsffFileItem>;
  try {
    first = await items.next();
  } catch (err) {
    if (err instanceof AsffFileError) throw new UsageError(err.message);
    throw err;
  }
  const { session, buffer } = await beginIngest(store, { source: 'asff-file', actor: path, startedAt: now ?? new Date() });
  const rejected: Rejected[] = [];
  let failure: AsffFileError | undefined;
  try {
    for (let item = first; !item.done; item = await items.next()) {
      if ('finding' in item.value) await buffer.push(item.value.finding);
      else rejected.push(item.value);
    }
  } catch (err) {
    if (!(err instanceof AsffFileError)) {
      // The store is closed next: a batch still being written must end first.
      await buffer.settle();
      throw err;
    }
    // What was read before the file broke off is kept; the run says where it stopped.
    failure = err;
  }
  await buffer.flush();
  const issues: ScanIssue[] = failure ? [{ code: 'MalformedFile', message: failure.message }] : [];
  if (rejected.length > 0) issues.push({ code: 'MalformedFinding', message: `${rejected.length} finding(s) rejected; the first: #${rejected[0]!.position}: ${rejected[0]!.reason}` });
  const done = await session.finish({ finishedAt: now ?? new Date(), complete: [], accounts: [], issues });
  return { ...done, rejected, failure };
}

function asffCommand(setExit: SetExit): Command {
  const cmd = new Command('asff')
    .description('Import an ASFF findings file (JSON array, {"Findings": [...]} as `aws securityhub get-findings` prints, or JSON Lines; .gz too) from any producer: Prowler, kube-bench, ...')
    .argument('<file>', 'the findings file')
    .option('--json', 'print the run, its summary and rejected findings as JSON');
  addPolicyOption(cmd);
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.addHelpText('after', '\nBroken findings are reported with their position and reason; the good ones are imported.\nExit codes: 0 every finding imported; 3 some rejected or the file broke off; 1 could not run.');
  cmd.action(async (file: string, flags: CommonFlags) => {
    try {
      await access(file, constants.R_OK);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const policy = await loadPolicy(flags.policy);
    const store = await openDatabase(flags.db);
    try {
      const { run, summary, rejected, failure } = await importFile(store, file, resolveNow(flags.now));
      report(run, summary, rejected, await judgeRunDay(store, policy, new Date(run.finishedAt)), flags.json);
      if (failure) process.stderr.write(`rampart: ${failure.message}\n`);
      setExit(exitCode(run.errors, rejected));
    } finally {
      await store.close();
    }
  });
  return cmd;
}

export function importCommand(setExit: SetExit): Command {
  return new Command('import')
    .description('Import findings: Security Hub and GuardDuty from AWS, or an ASFF file.')
    .addCommand(pullCommand('securityhub', 'Pull Security Hub findings (controls and every integrated product) from the delegated administrator, or account by account.', setExit))
    .addCommand(pullCommand('guardduty', 'Pull GuardDuty findings from the GuardDuty administrator, or account by account.', setExit))
    .addCommand(asffCommand(setExit));
}
