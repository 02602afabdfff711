import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { inactiveReason } from '../aws/organization.ts';
import type { SkippedItem } from '../findings/scan.ts';
import { ouPlacement } from '../sample/organization.ts';
import type { OrganizationListing } from '../sample/types.ts';
import { addDbOption, addNowOption, checkOptions, openDatabase, prepareOutDir, resolveNow } from './common.ts';
import { addReportOptions, finishRun, type ReportFlags } from './finish.ts';
import type { SetExit } from './main.ts';
import { loadPolicy } from '../policy/load.ts';
import { EXIT } from './errors.ts';

// src/cli and dist/cli are both two levels below the package root.
const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
export const SAMPLE_INVENTORY = join(EXAMPLES, 'sample-org.inventory.json.gz');
const SAMPLE_ORGANIZATION = join(EXAMPLES, 'sample-org.organization.json');

interface DemoFlags extends ReportFlags {
  db?: string;
  now?: Date;
}

/** What a scan learns from Organizations: which accounts are inactive, and the OU each sits in. */
async function sampleListing(): Promise<{ inactive: SkippedItem[]; placement: ReturnType<typeof ouPlacement> }> {
  const { organization } = JSON.parse(await readFile(SAMPLE_ORGANIZATION, 'utf8')) as { organization: OrganizationListing };
  const inactive = organization.accounts.flatMap((a) => {
    const reason = inactiveReason(a);
    return reason ? [{ accountId: a.Id, reason }] : [];
  });
  return { inactive, placement: ouPlacement(organization) };
}

export function demoCommand(setExit: SetExit): Command {
  const cmd = new Command('demo')
    .description('Evaluate the bundled sample organization (no AWS account needed) into the database and report on it.')
    .addHelpText('after', '\nThe sample includes an access-denied region on purpose (shown as ERROR); demo exits 0 unless --fail-on trips.');
  addReportOptions(cmd);
  addDbOption(cmd);
  addNowOption(cmd);
  cmd.action(async (flags: DemoFlags) => {
    const { loadChecks } = await import('../checks/registry.ts');
    const { COLLECTORS } = await import('../collect/registry.ts');
    const { readInventory } = await import('../scan/inventory-file.ts');
    const { evaluateInventory } = await import('../scan/offline.ts');
    const policy = await loadPolicy(flags.policy);
    const inventory = await readInventory(SAMPLE_INVENTORY);
    const listing = await sampleListing();
    if (flags.format?.length) await prepareOutDir(flags.out);
    const store = await openDatabase(flags.db);
    const now = resolveNow(flags.now);
    try {
      const outcome = evaluateInventory(inventory, {
        framework: flags.framework,
        checks: await loadChecks(),
        collectors: COLLECTORS,
        checkOptions: checkOptions(),
        source: 'demo',
        actor: 'rampart demo (sample organization)',
        skippedAccounts: listing.inactive,
        ...(now ? { now, recordAt: now } : {}),
      });
      const accounts = outcome.accounts.map((a) => ({ ...a, ...listing.placement.get(a.id) }));
      const code = await finishRun(store, { ...outcome, accounts }, flags, inventory.partition, policy);
      // The sample holds an access-denied region on purpose; that shows errors as data, not a failed demo.
      setExit(code === EXIT.partial ? EXIT.ok : code);
    } finally {
      await store.close();
    }
  });
  return cmd;
}
