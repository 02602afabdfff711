import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ensureBuilt, launch, openPage, skipReason, WEB_ROOT } from './browser.ts';
import { HOSTILE, startFixture } from './fixture-server.ts';

// Every page renders markup from the API (titles, names, reasons, resource ids) as visible text: nothing
// it contains runs, becomes an element, or trips the CSP.
let browser: Browser;
let server: { url: string; close: () => Promise<void> };

before(async () => {
  if (skipReason) return;
  ensureBuilt();
  server = await startFixture(WEB_ROOT);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const pages = [
  { path: '/', texts: [HOSTILE.title, HOSTILE.account] },
  { path: '/heatmap?account=111111111111&control=cis-aws-3.0.0%2F1.4', texts: [HOSTILE.title, HOSTILE.resource, HOSTILE.reason] },
  { path: '/findings?groupBy=account', texts: [HOSTILE.title, HOSTILE.account, HOSTILE.reason, HOSTILE.resource] },
  { path: '/accounts/111111111111', texts: [HOSTILE.account, HOSTILE.reason, HOSTILE.resource] },
  { path: '/exceptions', texts: [HOSTILE.reason, HOSTILE.account, HOSTILE.resource] },
];

for (const { path, texts } of pages) {
  test(`${path} shows hostile API text as text`, { skip: skipReason }, async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(server.url + path);
    await page.locator('main h1').first().waitFor();
    await page.getByText('Loading…').first().waitFor({ state: 'detached' });
    const body = await page.locator('body').innerText();
    for (const t of texts) assert.ok(body.includes(t), `${path} shows ${JSON.stringify(t)}`);
    assert.equal(await page.evaluate('window.__pwned'), undefined, 'no injected handler ran');
    assert.equal(await page.locator('#app img, #app svg, #app script, #app b, #app i').count(), 0, 'no injected element');
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}

test('a query the API rejects shows its 400 reason, and the page keeps working', { skip: skipReason }, async () => {
  const { page, problems } = await openPage(browser, { allow: /status of 400/ });
  await page.goto(`${server.url}/findings?severity=bogus`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Error 400: severity: unknown value "bogus"/);
  await page.getByRole('group', { name: 'Severity' }).getByLabel('high').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/severity=bogus%2Chigh|severity=bogus,high/);
  assert.deepEqual(problems, []);
  await page.context().close();
});
