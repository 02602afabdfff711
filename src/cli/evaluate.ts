import { Command } from 'commander';
import { addDbOption, addNowOption, checkOptions, openDatabase, prepareOutDir, resolveNow } from './common.ts';
import { addReportOptions, finishRun, type ReportFlags } from './finish.ts';
import type { SetExit } from './main.ts';
import { loadPolicy } from '../policy/load.ts';

interface EvaluateFlags extends ReportFlags {
  inventory: string;
  db?: string;
  now?: Date;
}

export function evaluateCommand(setExit: SetExit): Command {
  const cmd = new Command('evaluate')
    .description('Re-evaluate a saved inventory offline (no AWS calls) and record the findings.')
    .requiredOption('--inventory <file>', 'inventory saved by `rampart scan --inventory-out`');
  addReportOptions(cmd);
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.addHelpText('after', '\nDates (key ages, expiries) are judged as of the inventory collection time unless --now is given.');
  cmd.action(async (flags: EvaluateFlags) => {
    const { loadChecks } = await import('../checks/registry.ts');
    const { COLLECTORS } = await import('../collect/registry.ts');
    const { readInventory } = await import('../scan/inventory-file.ts');
    const { evaluateInventory } = await import('../scan/offline.ts');
    const policy = await loadPolicy(flags.policy);
    const inventory = await readInventory(flags.inventory);
    if (flags.format?.length) await prepareOutDir(flags.out);
    const store = await openDatabase(flags.db);
    try {
      const now = resolveNow(flags.now);
      const outcome = evaluateInventory(inventory, {
        framework: flags.framework,
        checks: await loadChecks(),
        collectors: COLLECTORS,
        ...(now ? { now, recordAt: now } : {}),
        checkOptions: checkOptions(),
        source: 'evaluate',
        actor: `inventory ${flags.inventory}`,
      });
      setExit(await finishRun(store, outcome, flags, inventory.partition, policy));
    } finally {
      await store.close();
    }
  });
  return cmd;
}
