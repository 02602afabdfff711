import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBuilt, ROOT, WEB_ROOT } from './browser.ts';

// The server's CSP allows scripts and styles from files only, and untrusted text must never become markup:
// both are properties of the build and the sources, checked here without a browser.

test('the built index loads only external scripts and stylesheets', async () => {
  ensureBuilt();
  const html = await readFile(join(WEB_ROOT, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.ok(scripts.length > 0);
  assert.ok(scripts.every((s) => /\bsrc="\/assets\/[^"]+\.js"/.test(s)), scripts.join('\n'));
  assert.doesNotMatch(html, /<script\b[^>]*>\s*[^<\s]/, 'no inline script body');
  assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
  assert.match(html, /<link rel="stylesheet"[^>]*href="\/assets\/[^"]+\.css"/);
});

test('the UI sources never write HTML', async () => {
  const dir = join(ROOT, 'web/src');
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.tsx?$/.test(f));
  assert.ok(files.length > 10);
  for (const f of files) {
    const text = await readFile(join(dir, f), 'utf8');
    assert.doesNotMatch(text, /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/, f);
  }
});
