import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { finding, migrationNames, scan } from './support.ts';

describe('SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-store-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('uses WAL so readers do not block the writer', async () => {
    const path = join(dir, 'wal.db');
    const store = await openStore(`sqlite:${path}`);
    await store.close();
    const db = new DatabaseSync(path);
    try {
      assert.equal((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode, 'wal');
    } finally {
      db.close();
    }
  });

  it('works in memory', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      assert.equal(store.dialect, 'sqlite');
      await store.recordScan(scan('s1', '2025-01-01T00:00:00.000Z'), [finding({ checkId: 'x' })], []);
      assert.equal((await store.findings({})).length, 1);
    } finally {
      await store.close();
    }
  });

  it('applies each migration once and records it', async () => {
    const path = join(dir, 'migrated.db');
    for (let i = 0; i < 2; i++) await (await openStore(path)).close();
    const db = new DatabaseSync(path);
    try {
      const rows = db.prepare('select name from rampart_migration').all() as { name: string }[];
      assert.deepEqual(
        rows.map((r) => r.name),
        await migrationNames(),
      );
    } finally {
      db.close();
    }
  });

  it('lets two processes open the same fresh file at once and migrates it once', async () => {
    const path = join(dir, 'race.db');
    const storeModule = new URL('../../src/store/index.ts', import.meta.url).href;
    const script = `const { openStore } = await import(${JSON.stringify(storeModule)});
      const store = await openStore(${JSON.stringify(path)});
      await store.close();`;
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([run(), run(), run()]);
    assert.deepEqual(results, [
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    const db = new DatabaseSync(path);
    try {
      assert.deepEqual(
        (db.prepare('select name from rampart_migration').all() as { name: string }[]).map((r) => r.name),
        await migrationNames(),
      );
    } finally {
      db.close();
    }
  });

  it('lets a second connection read while the store holds the database open', async () => {
    const path = join(dir, 'shared.db');
    const store = await openStore(path);
    try {
      await store.recordScan(scan('s1', '2025-01-01T00:00:00.000Z'), [finding({ checkId: 'x' })], []);
      const other = await openStore(path);
      try {
        assert.equal((await other.findings({})).length, 1);
        await other.recordScan(scan('s2', '2025-01-02T00:00:00.000Z'), [finding({ checkId: 'y' })], []);
      } finally {
        await other.close();
      }
      assert.equal((await store.findings({})).length, 2);
    } finally {
      await store.close();
    }
  });
});
