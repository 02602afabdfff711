import { Command } from 'commander';
import { addDbOption, openDatabase } from './common.ts';
import { EXIT } from './errors.ts';
import type { SetExit } from './main.ts';
import { positiveInt } from './parse.ts';

interface ScansFlags {
  limit: number;
  json?: boolean;
  db?: string;
}

export function scansCommand(setExit: SetExit): Command {
  const cmd = new Command('scans')
    .description('List recorded scans, most recent first: who ran them, when, what they covered and what went wrong.')
    .option('--limit <n>', 'at most this many scans', positiveInt, 20)
    .option('--json', 'print JSON (one array) instead of a table');
  addDbOption(cmd);
  cmd.action(async (flags: ScansFlags) => {
    const store = await openDatabase(flags.db);
    try {
      const scans = await store.scans(flags.limit);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(scans, null, 2)}\n`);
      } else if (scans.length === 0) {
        process.stdout.write('no scans recorded\n');
      } else {
        process.stdout.write('FINISHED                  SOURCE    STATUS    FRAMEWORK       ACCTS  REGIONS  PASS   FAIL   ERROR  PROBLEMS  BY\n');
        for (const s of scans) {
          process.stdout.write(
            [
              s.finishedAt.padEnd(24),
              s.source.padEnd(8),
              s.status.padEnd(8),
              s.framework.padEnd(14),
              String(s.accounts.length).padStart(5),
              String(s.regions.length).padStart(7),
              String(s.counts.PASS).padStart(5),
              String(s.counts.FAIL).padStart(6),
              String(s.counts.ERROR).padStart(6),
              String(s.errors.length).padStart(9),
              s.actor,
            ].join('  ') + '\n',
          );
        }
      }
      setExit(EXIT.ok);
    } finally {
      await store.close();
    }
  });
  return cmd;
}
