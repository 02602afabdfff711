import { Command, CommanderError } from 'commander';
import { scanCommand } from './scan.ts';
import { evaluateCommand } from './evaluate.ts';
import { findingsCommand } from './findings.ts';
import { demoCommand } from './demo.ts';
import { complianceCommand } from './compliance.ts';
import { escalateCommand } from './escalate.ts';
import { digestCommand } from './digest.ts';
import { policyCommand } from './policy.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { scansCommand } from './scans.ts';
import { notifyCommand } from './notify.ts';
import { serveCommand } from './serve.ts';
import { runCommand } from './run.ts';
import { jobsCommand } from './jobs.ts';
import { EXIT, UsageError } from './errors.ts';
import { ScanAbort } from '../aws/errors.ts';
import { InventoryFileError } from '../scan/inventory-file.ts';
import { PolicyFileError } from '../policy/read-yaml.ts';

/** Each command reports its exit code through this callback. */
export type SetExit = (code: number) => void;

export function program(setExit: SetExit): Command {
  const p = new Command('rampart')
    .description('Scan a whole AWS Organization against the CIS AWS Foundations Benchmark and keep the findings.')
    .version('0.1.0');
  p.addCommand(scanCommand(setExit));
  p.addCommand(evaluateCommand(setExit));
  p.addCommand(findingsCommand(setExit));
  p.addCommand(scansCommand(setExit));
  p.addCommand(importCommand(setExit));
  p.addCommand(exportCommand(setExit));
  p.addCommand(complianceCommand(setExit));
  p.addCommand(escalateCommand(setExit));
  p.addCommand(digestCommand(setExit));
  p.addCommand(policyCommand(setExit));
  p.addCommand(notifyCommand(setExit));
  p.addCommand(demoCommand(setExit));
  p.addCommand(serveCommand(setExit));
  p.addCommand(runCommand(setExit));
  p.addCommand(jobsCommand(setExit));
  // Commander's own errors (unknown option, bad flag value) become one `rampart:` line like ours.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(p)) {
    c.exitOverride();
    c.configureOutput({ outputError: (str, write) => write(`rampart: ${str.replace(/^error: /, '').trimEnd().replace(/\n+/g, ' ')}\n`) });
  }
  return p;
}

/**
 * Runs the CLI and returns the exit code; every failure is one line on stderr, never a stack trace.
 * `onError` is also told that line (`rampart run` keeps it with the job's run).
 */
export async function main(argv: string[], onError?: (message: string) => void): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program((c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok;
      onError?.(err.message.replace(/^error: /, ''));
      return EXIT.failed;
    }
    const known = err instanceof UsageError || err instanceof ScanAbort || err instanceof InventoryFileError || err instanceof PolicyFileError;
    const message = (err as Error)?.message ?? String(err);
    onError?.(message);
    process.stderr.write(`rampart: ${message}\n`);
    if (!known && process.env.RAMPART_DEBUG) process.stderr.write(`${(err as Error)?.stack}\n`);
    return EXIT.failed;
  }
}
