import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InventoryFileError, InventoryWriter, readInventory } from '../../src/scan/inventory-file.ts';
import type { AccountInventory } from '../../src/collect/inventory.ts';

const account = (id: string): AccountInventory => ({
  accountId: id,
  name: `acct-${id}`,
  regions: ['us-east-1'],
  skippedRegions: [{ region: 'ap-east-1', reason: 'opt-in region not enabled for this account' }],
  global: { 'iam.passwordPolicy': { ok: false, error: { code: 'AccessDenied', message: 'denied' } } },
  regional: { 'us-east-1': { 'ec2.ebsEncryptionByDefault': { ok: true, data: true } } },
});

test('an inventory streamed to gzip reads back identical, and appears only when complete', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-inv-'));
  const path = join(dir, 'inv.json.gz');
  const w = await InventoryWriter.create(path, { format: 'rampart-inventory', version: 1, collectedAt: '2026-11-20T06:00:00.000Z', partition: 'aws' });
  await w.add(account('111111111111'));
  await w.add(account('222222222222'));
  assert.deepEqual((await readdir(dir)).filter((f) => f === 'inv.json.gz'), [], 'no final file before close');
  await w.close();
  const inv = await readInventory(path);
  assert.equal(inv.collectedAt, '2026-11-20T06:00:00.000Z');
  assert.deepEqual(inv.accounts, [account('111111111111'), account('222222222222')]);
  assert.deepEqual(await readdir(dir), ['inv.json.gz']);
});

test('an aborted writer leaves nothing behind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-inv-'));
  const w = await InventoryWriter.create(join(dir, 'inv.json.gz'), { format: 'rampart-inventory', version: 1, collectedAt: '2026-11-20T06:00:00.000Z', partition: 'aws' });
  await w.add(account('111111111111'));
  await w.abort();
  assert.deepEqual(await readdir(dir), []);
});

test('an unwritable inventory path fails before any work, in one line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-inv-'));
  await assert.rejects(
    InventoryWriter.create(join(dir, 'no-such-dir', 'inv.json.gz'), { format: 'rampart-inventory', version: 1, collectedAt: '2026-11-20T06:00:00.000Z', partition: 'aws' }),
    (err: Error) => err instanceof InventoryFileError && /^cannot write inventory .*no-such-dir\/inv\.json\.gz: ENOENT$/.test(err.message),
  );
});

test('unreadable or malformed inventories give a one-line error naming the problem', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-inv-'));
  const cases: [string, string | Buffer | undefined, RegExp][] = [
    ['missing.json.gz', undefined, /cannot read inventory .*missing\.json\.gz: ENOENT/],
    ['bad-gzip.json.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3]), /not valid gzip/],
    ['not-json.json', 'hello', /not valid JSON/],
    ['wrong-format.json', JSON.stringify({ format: 'other', version: 1, collectedAt: '2026-11-20T06:00:00Z', partition: 'aws', accounts: [] }), /format/],
    ['bad-account.json.gz', gzipSync(JSON.stringify({ format: 'rampart-inventory', version: 1, collectedAt: '2026-11-20T06:00:00Z', partition: 'aws', accounts: [{ ...account('1234'), accountId: '1234' }] })), /accounts\.0\.accountId: account id must be 12 digits/],
  ];
  for (const [name, content, message] of cases) {
    const path = join(dir, name);
    if (content !== undefined) await writeFile(path, content);
    await assert.rejects(readInventory(path), (err: Error) => {
      assert.match(err.message, message);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
  }
});
