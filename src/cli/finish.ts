import { Option, type Command } from 'commander';
import { globalRegionOf } from '../aws/partition.ts';
import { DEFAULT_FRAMEWORK, frameworkById } from '../frameworks/index.ts';
import { severityRank, type Finding, type Severity } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import type { Framework } from '../frameworks/types.ts';
import { renderConsole } from '../report/console.ts';
import { summarize } from '../report/summary.ts';
import type { ReportInput } from '../report/types.ts';
import { writeReports, type ReportFormat } from '../report/write.ts';
import type { Policy } from '../policy/load.ts';
import type { AccountRef, Store } from '../store/index.ts';
import { judgeRunDay } from './judge-day.ts';
import { EXIT } from './errors.ts';
import { formats, framework, severity } from './parse.ts';

export interface ReportFlags {
  policy?: string;
  format?: ReportFormat[];
  out: string;
  failOn?: Severity;
  json?: boolean;
  framework: Framework;
}

/** --framework plus the report options: every command that judges findings takes both. */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--framework <id>', 'framework to evaluate').default(frameworkById(DEFAULT_FRAMEWORK), DEFAULT_FRAMEWORK).argParser(framework))
    .option('--format <list>', 'reports to write: html, csv, ocsf, asff (comma-separated)', formats)
    .option('--out <dir>', 'folder for the reports', 'reports')
    .option('--fail-on <severity>', 'exit 2 when a FAIL of this severity or higher exists (for CI gates)', severity)
    .option('--json', 'print the scan record and per-account summary as JSON instead of the table')
    .option('--policy <file>', 'policy file the day\'s compliance is judged by (default: rampart.yaml when it exists)')
    .addHelpText('after', '\nExit codes: 0 complete; 3 finished but some results are ERROR (each with its AWS error code);\n2 a FAIL at or above --fail-on exists (wins over 3); 1 could not run (bad input, no credentials, database).');
}

/** Exit code: 2 when --fail-on trips (it gates CI, so it wins), else 3 for a partial scan, else 0. */
export function exitCodeFor(scan: ScanRecord, findings: readonly Finding[], failOn: Severity | undefined): number {
  if (failOn && findings.some((f) => f.status === 'FAIL' && severityRank(f.severity) >= severityRank(failOn))) return EXIT.failOn;
  return scan.status === 'partial' ? EXIT.partial : EXIT.ok;
}

/**
 * Records the run, judges the day's compliance, writes the reports asked for, prints the summary
 * and returns the exit code.
 */
export async function finishRun(
  store: Store,
  outcome: { scan: ScanRecord; findings: Finding[]; accounts: AccountRef[] },
  flags: ReportFlags,
  partition: string,
  policy: Policy,
): Promise<number> {
  await store.recordScan(outcome.scan, outcome.findings, outcome.accounts);
  const judged = await judgeRunDay(store, policy, new Date(outcome.scan.finishedAt));
  const input: ReportInput = {
    scan: outcome.scan,
    framework: flags.framework,
    findings: outcome.findings,
    accounts: outcome.accounts,
    partition,
    globalRegion: globalRegionOf(partition),
  };
  const paths = flags.format?.length ? await writeReports(flags.format, flags.out, input) : [];
  if (flags.json) {
    const summary = summarize(input);
    const { line: _line, ...compliance } = judged;
    process.stdout.write(`${JSON.stringify({ scan: outcome.scan, accounts: summary.accounts, reports: paths, compliance }, null, 2)}\n`);
  } else {
    process.stdout.write(renderConsole(input, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
    for (const p of paths) process.stdout.write(`report: ${p}\n`);
    process.stdout.write(`${judged.line}\n`);
  }
  return exitCodeFor(outcome.scan, outcome.findings, flags.failOn);
}
