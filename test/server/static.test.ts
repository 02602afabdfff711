import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Hono } from 'hono';
import { mountDashboard } from '../../src/server/static.ts';

describe('dashboard files', () => {
  const root = mkdtempSync(join(tmpdir(), 'rampart-web-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Rampart</title>');
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'export {}');

  const app = new Hono();
  mountDashboard(app, `${root}/`);
  app.get('/api/known', (c) => c.json({ ok: true }));
  app.notFound((c) => c.json({ error: 'no route' }, 404));

  it('serves the index for every page path, never cached, and hashed assets as immutable', async () => {
    for (const path of ['/', '/findings', '/accounts/111111111111', '/heatmap?framework=cis-aws-3.0.0']) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), /<title>Rampart<\/title>/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
    }
    const asset = await app.request('/assets/app-1234.js');
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  });

  it('leaves API paths to the API: unknown ones are JSON 404s, not the index', async () => {
    assert.deepEqual(await (await app.request('/api/known')).json(), { ok: true });
    const missing = await app.request('/api/nope');
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: 'no route' });
    assert.equal((await app.request('/assets/missing-5678.js')).status, 404, 'a missing asset is not the index');
    const escape = await app.request('/assets/..%2f..%2f..%2fetc%2fpasswd');
    assert.ok(!(await escape.text()).includes('root:'), 'no file outside the build');
  });

  it('says how to build the dashboard when it is not built', async () => {
    const bare = new Hono();
    mountDashboard(bare, join(root, 'nowhere/'));
    const res = await bare.request('/');
    assert.equal(res.status, 503);
    assert.match(await res.text(), /npm run build/);
  });
});
