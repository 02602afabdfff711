// Writes the bundled sample organization to examples/ (run: node scripts/generate-sample-org.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sampleOrganization } from '../src/sample/index.ts';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

const INVENTORY_FILE = 'sample-org.inventory.json.gz';
const ORGANIZATION_FILE = 'sample-org.organization.json';

async function main(): Promise<void> {
  const sample = sampleOrganization();
  await mkdir(examples, { recursive: true });
  // gzip output carries no timestamp, so an unchanged sample gives byte-identical files.
  const inventory = gzipSync(`${JSON.stringify(sample.inventory, null, 2)}\n`, { level: 9 });
  await writeFile(join(examples, INVENTORY_FILE), inventory);
  await writeFile(join(examples, ORGANIZATION_FILE), `${JSON.stringify({ organization: sample.organization, regions: sample.regions }, null, 2)}\n`);
  const accounts = sample.inventory.accounts.length;
  console.log(`wrote examples/${INVENTORY_FILE} (${accounts} accounts, ${inventory.length} bytes) and examples/${ORGANIZATION_FILE}`);
}

await main();
