import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore, StoreError } from '../../src/store/index.ts';

async function openError(location: string): Promise<StoreError> {
  try {
    const store = await openStore(location);
    await store.close();
  } catch (err) {
    assert.ok(err instanceof StoreError, `not a StoreError: ${String(err)}`);
    assert.ok(!err.message.includes('\n'), `more than one line: ${err.message}`);
    return err;
  }
  assert.fail(`opened ${location}`);
}

describe('openStore errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-store-errors-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names an unreachable PostgreSQL server and masks the password', async () => {
    const err = await openError('postgres://rampart:s3cret-pw@127.0.0.1:1/x');
    assert.equal(err.message, 'cannot open database postgres://rampart:***@127.0.0.1:1/x: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('masks a URL-encoded password too', async () => {
    const err = await openError('postgresql://rampart:p%40ss%2Fword@127.0.0.1:1/x?schema=s');
    assert.match(err.message, /^cannot open database postgresql:\/\/rampart:\*\*\*@127\.0\.0\.1:1\/x\?schema=s: .*ECONNREFUSED/);
    assert.ok(!err.message.includes('p%40ss') && !err.message.includes('p@ss'));
  });

  it('names a SQLite file whose directory does not exist', async () => {
    const path = join(dir, 'missing', 'rampart.db');
    const err = await openError(path);
    assert.equal(err.message, `cannot open database ${path}: directory ${join(dir, 'missing')} does not exist`);
    const viaUrl = await openError(`sqlite:${path}`);
    assert.match(viaUrl.message, /^cannot open database sqlite:.*: directory .* does not exist$/);
  });

  it('names a file that is not a SQLite database', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'these are not the tables you are looking for\n'.repeat(100));
    const err = await openError(path);
    assert.equal(err.message, `cannot open database ${path}: file is not a database`);
  });

  it('names a directory given as the database file', async () => {
    const err = await openError(dir);
    assert.match(err.message, new RegExp(`^cannot open database ${dir}: unable to open database file$`));
  });
});
