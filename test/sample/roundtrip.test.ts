import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { loadChecks } from '../../src/checks/registry.ts';
import { DEFAULT_CHECK_OPTIONS } from '../../src/checks/types.ts';
import type { Inventory } from '../../src/collect/inventory.ts';
import { COLLECTORS } from '../../src/collect/registry.ts';
import type { Framework } from '../../src/frameworks/types.ts';
import { sampleOrganization } from '../../src/sample/index.ts';
import { runScan } from '../../src/scan/run.ts';
import { startEmulator } from '../support/emulator/index.ts';

/**
 * The sample is only useful to the emulator if a real scan of it gives it back: every dataset the
 * collectors fetch through the SDK must come back exactly as the generator wrote it.
 */
it('comes back unchanged from a scan of the emulator serving it', async () => {
  const sample = sampleOrganization();
  const checks = await loadChecks();
  const everyCheck: Framework = {
    id: 'every-check',
    name: 'every check',
    version: '0',
    requirements: [{ id: '1', title: 'all', section: 'all', level: 1, checks: [...checks.keys()] }],
  };
  const dir = await mkdtemp(join(tmpdir(), 'rampart-sample-'));
  const emulator = await startEmulator({
    callerAccountId: '111111111111',
    roleName: 'RampartAudit',
    organization: sample.organization,
    regions: sample.regions,
    inventory: sample.inventory,
  });
  try {
    await runScan({
      framework: everyCheck,
      checks,
      collectors: COLLECTORS,
      target: { kind: 'org' },
      regions: {},
      role: { roleName: 'RampartAudit', sessionSeconds: 3600 },
      endpointUrl: emulator.endpoint,
      concurrency: 16,
      accountConcurrency: 2,
      perServiceConcurrency: 4,
      now: new Date(sample.inventory.collectedAt),
      checkOptions: DEFAULT_CHECK_OPTIONS,
      inventoryOut: join(dir, 'inventory.json.gz'),
      homeRegion: 'us-east-1',
      partition: 'aws',
      baseCredentials: async () => ({ accessKeyId: 'AKIDSAMPLETEST', secretAccessKey: 'not-a-secret' }),
    });
    const scanned = JSON.parse(gunzipSync(await readFile(join(dir, 'inventory.json.gz'))).toString('utf8')) as Inventory;
    const expected = JSON.parse(JSON.stringify(sample.inventory)) as Inventory;
    assert.deepEqual(scanned.accounts.map((a) => a.accountId).sort(), expected.accounts.map((a) => a.accountId));
    for (const want of expected.accounts) {
      const got = scanned.accounts.find((a) => a.accountId === want.accountId);
      assert.ok(got);
      assert.deepEqual(got.regions, want.regions);
      assert.deepEqual(got.skippedRegions, want.skippedRegions);
      assert.deepEqual(Object.keys(got.global).sort(), Object.keys(want.global).sort(), `${want.name}: global datasets collected`);
      for (const [key, value] of Object.entries(got.global)) assert.deepEqual(value, want.global[key as keyof typeof want.global], `${want.name} ${key}`);
      for (const region of want.regions) {
        const scannedRegion: Record<string, unknown> = got.regional[region] ?? {};
        const sampleRegion: Record<string, unknown> = want.regional[region] ?? {};
        const keys = Object.keys(scannedRegion);
        assert.ok(keys.length >= 10, `${want.name} ${region}: only ${keys.length} datasets collected`);
        for (const key of keys) assert.deepEqual(scannedRegion[key], sampleRegion[key], `${want.name} ${region} ${key}`);
      }
    }
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
});
