import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ensureBuilt, launch, openPage, skipReason, WEB_ROOT } from './browser.ts';
import { SESSION_COOKIE, startFixture } from './fixture-server.ts';

// The heat map of a large organization (1,000 accounts in 10 OUs) draws only the rows in view, yet
// every account can be reached: by scrolling, by the filter, and by a link to one of its cells.
let browser: Browser;
let server: { url: string; close: () => Promise<void> };
/** 130 accounts: few enough rows to be drawn all at once, yet far taller than the view. */
let drawnWhole: { url: string; close: () => Promise<void> };

before(async () => {
  if (skipReason) return;
  ensureBuilt();
  server = await startFixture(WEB_ROOT, { heatmapAccounts: 1000 });
  drawnWhole = await startFixture(WEB_ROOT, { heatmapAccounts: 130 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await drawnWhole?.close();
});

async function heatmapPage(path = '/heatmap') {
  const watched = await openPage(browser);
  await watched.page.context().addCookies([{ name: SESSION_COOKIE, value: 'signed-in', url: server.url }]);
  await watched.page.goto(server.url + path);
  await watched.page.locator('button[data-cell]').first().waitFor();
  return watched;
}

test('1,000 accounts: only the rows in view are drawn; scrolling reaches the last account', { skip: skipReason }, async () => {
  const { page, problems } = await heatmapPage();
  assert.equal(await page.locator('table.heatmap').getAttribute('aria-rowcount'), String(1 + 10 + 1000));
  const drawn = await page.locator('th.account-head').count();
  assert.ok(drawn > 10 && drawn < 150, `${drawn} account rows drawn`);
  assert.equal(await page.getByRole('link', { name: 'team-999', exact: true }).count(), 0);
  await page.locator('.heatmap-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await page.getByRole('link', { name: 'team-999', exact: true }).waitFor();
  assert.ok(await page.getByRole('link', { name: 'team-999', exact: true }).isVisible());
  assert.ok((await page.locator('th.account-head').count()) < 150, 'rows scrolled past are let go');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the filter keeps the accounts whose id, name or OU matches; their cells still open', { skip: skipReason }, async () => {
  const { page, problems } = await heatmapPage();
  await page.getByRole('searchbox').fill('team-517');
  await page.locator('th.account-head').first().waitFor();
  assert.deepEqual(await page.locator('th.account-head a').allInnerTexts(), ['team-517']);
  assert.deepEqual((await page.locator('tr.ou-row').allInnerTexts()).map((t) => t.trim()), ['Root/Unit-05 (1 account)']);
  await page.locator('button[data-cell="100000000517 cis-aws-3.0.0/1.3"]').click();
  await page.waitForURL(/account=100000000517&control=cis-aws-3\.0\.0%2F1\.3/);
  await page.getByRole('searchbox').fill('unit-02');
  await page.waitForFunction("document.querySelectorAll('tr.ou-row').length === 1");
  assert.equal((await page.locator('tr.ou-row').innerText()).trim(), 'Root/Unit-02 (100 accounts)');
  assert.deepEqual(problems, []);
  await page.context().close();
});

/** Opens a link to one cell and waits until it is selected and in the scroller's view below its sticky header. */
async function linkedCellInView(url: string, account: string, fontSize: string): Promise<void> {
  const { page, problems } = await openPage(browser);
  // Row heights follow the font: the grid must place rows by what it measures, not by a guess.
  await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => (document.documentElement.style.fontSize = '${fontSize}'))`);
  await page.context().addCookies([{ name: SESSION_COOKIE, value: 'signed-in', url }]);
  await page.goto(`${url}/heatmap?account=${account}&control=cis-aws-3.0.0%2F1.3`);
  const cell = page.locator(`td.selected button[data-cell="${account} cis-aws-3.0.0/1.3"]`);
  await cell.waitFor();
  assert.equal(await cell.getAttribute('aria-pressed'), 'true');
  // In the scroller's view, not merely drawn somewhere in it, nor hidden under the header.
  await page.waitForFunction(`(() => {
    const box = document.querySelector('.heatmap-scroll').getBoundingClientRect();
    const header = document.querySelector('table.heatmap thead').getBoundingClientRect().height;
    const at = document.querySelector('td.selected')?.getBoundingClientRect();
    return at !== undefined && at.top >= box.top + header && at.bottom <= box.bottom;
  })()`);
  assert.deepEqual(problems, [], fontSize);
  await page.context().close();
}

test('a link to a cell far down the grid scrolls it into view, selected, whatever the font size', { skip: skipReason }, async () => {
  for (const fontSize of ['16px', '19px']) await linkedCellInView(server.url, '100000000900', fontSize);
});

test('a link to a cell far down a grid drawn whole scrolls it into view too', { skip: skipReason }, async () => {
  await linkedCellInView(drawnWhole.url, '100000000129', '16px');
});
