import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, launch, openPage, SCREENSHOTS, skipReason, type WatchedPage } from './browser.ts';
import { ADMIN_TOKEN, NOT_OWNED, OWNED, OWNER_TOKEN, startSampleServer, type SampleServer } from './sample-server.ts';

// The dashboard end to end: `rampart serve` on the sample organization, driven in headless Chromium.
// `RAMPART_SCREENSHOTS=1` also refreshes the README's screenshots under docs/screenshots/.

const shoot = async (page: Page, name: string, fullPage = true) => {
  if (process.env.RAMPART_SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
};

/** Waits until the page has its heading and nothing on it is loading (sections are aria-busy meanwhile). */
async function settled(page: Page, heading?: string): Promise<void> {
  await (heading ? page.getByRole('heading', { level: 1, name: heading, exact: true }) : page.locator('main h1').first()).waitFor();
  await page.locator('.loading, [aria-busy="true"]').first().waitFor({ state: 'detached' });
}

describe('dashboard on the sample organization', { skip: skipReason }, () => {
  let server: SampleServer;
  let browser: Browser;

  before(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startSampleServer(), launch()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page signed in through the UI's own login form (its first, cookieless call is a 401 by design). */
  async function signedIn(token: string, options: { allow?: RegExp } = {}): Promise<WatchedPage> {
    const allow = new RegExp(`status of 401${options.allow ? `|${options.allow.source}` : ''}`);
    const watched = await openPage(browser, { allow });
    await watched.page.goto(server.url + '/');
    await watched.page.getByLabel('API token').fill(token);
    await watched.page.getByRole('button', { name: 'Sign in' }).click();
    await watched.page.getByRole('heading', { name: 'Compliance overview' }).waitFor();
    return watched;
  }
  const done = async ({ page, problems }: WatchedPage) => {
    assert.deepEqual(problems, [], 'no console errors, CSP violations or exceptions');
    await page.context().close();
  };

  it('signs in with a token: a wrong one shows the server reason, the right one opens the overview', async () => {
    const watched = await openPage(browser, { allow: /status of 401/ });
    const { page } = watched;
    await page.goto(server.url + '/findings');
    await page.getByRole('heading', { name: 'Sign in to Rampart' }).waitFor();
    await shoot(page, 'login');
    await page.getByLabel('API token').fill('not-a-token-anyone-has');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await page.getByRole('alert').innerText(), /unknown token/);
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Findings', level: 1 }).waitFor();
    assert.match(await page.locator('header.top').innerText(), /api-token\s+admin/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Rampart' }).waitFor();
    await done(watched);
  });

  it('overview: rate, trend period, sections, open findings, escalations, expiring exceptions', async () => {
    const watched = await signedIn(ADMIN_TOKEN);
    const { page } = watched;
    await settled(page);
    assert.match(await page.getByTestId('org-rate').innerText(), /^\d{1,3}\.\d%$/);
    await shoot(page, 'overview');
    await page.getByRole('button', { name: '90 days' }).click();
    await page.waitForURL(/days=90/);
    await settled(page);
    assert.equal(await page.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed'), 'true');
    assert.match(await page.locator('figcaption').first().innerText(), /cis-aws-3\.0\.0 compliance: \d+\.\d% on 2026-11-22, \d+\.\d% on 2026-11-29/);
    const sections = page.getByRole('region', { name: 'By section' });
    assert.ok((await sections.locator('tbody tr').count()) >= 4);
    const severity = await page.getByRole('region', { name: 'Open findings by severity' }).innerText();
    assert.match(severity, /Total\s+[1-9]/);
    assert.match(await page.getByRole('region', { name: 'Open findings by source' }).innerText(), /Rampart checks\s+[1-9]/);
    const escalations = await page.getByRole('region', { name: 'Accounts in escalation' }).innerText();
    assert.match(escalations, /acme-prod \(222222222222\)/);
    assert.match(escalations, /Tier 1/);
    const expiring = await page.getByRole('region', { name: 'Exceptions expiring soon' }).innerText();
    assert.match(expiring, /cis-aws-3\.0\.0\/5\.6.*2026-12-05.*6 days left/s);
    assert.doesNotMatch(expiring, /3\.1\b/, 'an expired exception is not "expiring"');
    await done(watched);
  });

  it('heat map: accounts grouped by OU; a cell opens its failing resources per region with reasons', async () => {
    const watched = await signedIn(ADMIN_TOKEN);
    const { page } = watched;
    await page.getByRole('link', { name: 'Heat map' }).click();
    await settled(page, 'Heat map');
    const ous = (await page.locator('tr.ou-row').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(ous, ['Root (1 account)', 'Root/Sandbox (1 account)', 'Root/Workloads/Dev (1 account)', 'Root/Workloads/Prod (1 account)']);
    assert.ok(await page.getByRole('link', { name: 'acme-prod' }).isVisible());
    const cell = page.locator('td.cell-non_compliant button[data-cell^="222222222222 "]').first();
    const label = (await cell.getAttribute('aria-label'))!;
    assert.match(label, /^acme-prod \(222222222222\), .+: Non-compliant, for 8 days, \d+ failing resources?$/);
    assert.equal(await cell.innerText(), '8', 'the streak length is written in the cell');
    await cell.click();
    await page.waitForURL(/account=222222222222&control=cis-aws-3\.0\.0/);
    const panel = page.locator('aside.cell-detail');
    await panel.getByRole('heading', { level: 3 }).first().waitFor();
    const text = await panel.innerText();
    assert.match(text, /Non-compliant for 8 days/);
    assert.match(text, /(us-east-1|eu-west-1|ap-northeast-1|global)[^\n]*\(\d+ resources?\)/);
    assert.ok((await panel.locator('tbody tr').count()) >= 1);
    assert.ok((await panel.locator('tbody td:nth-child(3)').first().innerText()).length > 5, 'each failing resource has its reason');
    await shoot(page, 'heatmap');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await done(watched);
  });

  it('findings: filter, group by account, drill down, page, CSV of the view, saved views', async () => {
    const watched = await signedIn(ADMIN_TOKEN);
    const { page } = watched;
    await page.getByRole('link', { name: 'Findings' }).click();
    await settled(page, 'Findings');
    const total = async () => Number((await page.getByTestId('findings-total').innerText()).replace(/\D/g, ''));
    const all = await total();
    assert.ok(all > 50, `more than one page of findings (${all})`);

    await page.getByLabel('Group by').selectOption('account');
    await page.waitForURL(/groupBy=account/);
    await settled(page);
    const groups = page.locator('table.groups tbody tr');
    const rows = await groups.allInnerTexts();
    assert.ok(rows.some((r) => /^acme-dev \(333333333333\)\s+\d+$/.test(r)), rows.join(' | '));
    const counted = rows.reduce((n, r) => n + Number(/(\d+)$/.exec(r)![1]), 0);
    assert.equal(counted, all, 'the groups add up to the total');
    await shoot(page, 'findings', false);

    await page.getByRole('button', { name: 'Next →' }).click();
    await page.waitForURL(/offset=50/);
    await settled(page);
    assert.match(await page.locator('.pager').innerText(), /51–\d+ of/);
    const top = (await page.locator('#list-title').boundingBox())!.y;
    assert.ok(top >= 0 && top < 900, `the next page is shown from its top (list heading at y=${top})`);

    await page.getByRole('button', { name: 'acme-dev (333333333333)' }).click();
    await page.waitForURL((u) => u.searchParams.get('account') === '333333333333' && !u.searchParams.has('groupBy'));
    await settled(page);
    await page.getByRole('group', { name: 'Severity' }).getByLabel('high').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/severity=high/);
    await settled(page);
    const filtered = await total();
    assert.ok(filtered > 0 && filtered < all);
    const accounts = await page.locator('table.findings tbody td:nth-child(3)').allInnerTexts();
    assert.ok(accounts.every((a) => a.includes('333333333333')), accounts.join(' | '));
    const severities = await page.locator('table.findings tbody .badge[class*="sev-"]').allInnerTexts();
    assert.ok(severities.every((s) => s.toLowerCase() === 'high'));

    const csvHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    assert.equal(csvHref, '/api/findings.csv?severity=high&account=333333333333');
    const csv = await page.context().request.get(server.url + csvHref);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type']!, /text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    assert.equal(lines.length - 1, filtered, 'the CSV holds the whole view');

    const view = page.url().replace(server.url, '');
    await page.getByPlaceholder('View name').fill('Dev, high');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('link', { name: 'Overview' }).click();
    await settled(page, 'Compliance overview');
    await page.goto(server.url + '/findings');
    await settled(page);
    const saved = page.locator('.view-list').getByRole('link', { name: 'Dev, high' });
    assert.equal(await saved.getAttribute('href'), view);
    await saved.click();
    await page.waitForURL(server.url + view);
    await settled(page);
    assert.equal(await total(), filtered);
    assert.equal(await page.getByLabel('Account', { exact: true }).inputValue(), '333333333333', 'the form shows the view it came from');
    await done(watched);
  });

  it('account page: owners, trend, open findings, last scan and its errors, escalations, exceptions', async () => {
    const watched = await signedIn(ADMIN_TOKEN);
    const { page } = watched;
    await page.goto(`${server.url}/accounts/222222222222`);
    await settled(page);
    assert.match(await page.locator('h1').innerText(), /acme-prod\s+222222222222/);
    const owners = await page.getByRole('region', { name: 'Owners' }).innerText();
    assert.match(owners, /Payments platform payments-platform@example\.com/);
    assert.match(owners, /Manager\s+Head of Payments/);
    assert.match(await page.getByRole('region', { name: 'Open findings' }).innerText(), /Total\s+[1-9]/);
    const escalations = await page.getByRole('region', { name: 'Escalations' }).innerText();
    await shoot(page, 'account');
    assert.match(escalations, /cis-aws-3\.0\.0\/1\.9\s+Tier 1\s+8\s+2026-11-22\s+2026-11-29 06:00 UTC\s+payments-platform@example\.com/);

    await page.goto(`${server.url}/accounts/333333333333`);
    await settled(page);
    const scan = await page.getByRole('region', { name: 'Last scan' }).innerText();
    assert.match(scan, /Status\s+partial/i);
    assert.match(scan, /ap-northeast-1\s+AccessDenied/);
    assert.match(await page.getByRole('region', { name: 'Exceptions' }).innerText(), /cis-aws-3\.0\.0\/2\.1\.1/);
    assert.match(await page.getByRole('region', { name: 'Compliance trend, 90 days' }).innerText(), /on 2026-11-29/);
    await done(watched);
  });

  it('exceptions page: every exception with reason, approver, expiry and coverage; expired ones marked', async () => {
    const watched = await signedIn(ADMIN_TOKEN);
    const { page } = watched;
    await page.getByRole('link', { name: 'Exceptions', exact: true }).click();
    await settled(page, 'Exceptions');
    const rows = page.locator('table.exceptions tbody tr');
    assert.equal(await rows.count(), 3);
    const expired = page.locator('table.exceptions tbody tr.expired');
    assert.equal(await expired.count(), 1);
    assert.match(await expired.innerText(), /cis-aws-3\.0\.0\/3\.1.*all accounts.*ciso@example\.com.*2026-11-15\s+Expired/s);
    assert.match(await rows.first().innerText(), /Development buckets.*ciso@example\.com/s);
    await shoot(page, 'exceptions');
    await done(watched);
  });

  it('a malformed URL query shows the API 400 reason and the app keeps working', async () => {
    const watched = await signedIn(ADMIN_TOKEN, { allow: /status of 400/ });
    const { page } = watched;
    for (const [query, reason] of [
      ['firstSeenFrom=2026-02-30', /Error 400: firstSeenFrom: not a calendar day/],
      ['severity=bogus', /Error 400: severity: unknown value 'bogus'/],
      ['limit=-4&offset=x', /Error 400: .*limit/],
    ] as const) {
      await page.goto(`${server.url}/findings?${query}`);
      await settled(page);
      assert.match(await page.getByRole('alert').first().innerText(), reason);
    }
    await page.goto(`${server.url}/heatmap?account=nope&control=x`);
    await settled(page);
    assert.match(await page.getByRole('alert').innerText(), /Error 400: account: 'nope' is not an account id/);
    await page.goto(`${server.url}/?days=3&framework=%3Cb%3E`);
    await settled(page);
    assert.match(await page.getByRole('alert').innerText(), /Error 400/);
    await page.getByRole('link', { name: 'Exceptions', exact: true }).click();
    await page.locator('table.exceptions').waitFor();
    await done(watched);
  });

  it('an account-owner sees only their accounts, in the UI and through the API', async () => {
    const watched = await signedIn(OWNER_TOKEN, { allow: /status of 403/ });
    const { page } = watched;
    assert.match(await page.locator('header.top').innerText(), /prod-owner\s+account-owner/);

    await page.goto(`${server.url}/findings`);
    await settled(page);
    const accounts = await page.locator('table.findings tbody td:nth-child(3)').allInnerTexts();
    assert.ok(accounts.length > 0 && accounts.every((a) => a.includes(OWNED)), accounts.join(' | '));
    await page.getByLabel('Group by').selectOption('account');
    await settled(page);
    assert.deepEqual(
      (await page.locator('table.groups tbody tr td:first-child').allInnerTexts()).map((t) => t.trim()),
      [`acme-prod (${OWNED})`],
    );

    await page.goto(`${server.url}/findings?account=${NOT_OWNED}`);
    await settled(page);
    const shown = await page.locator('main').innerText();
    assert.ok(/No findings match/.test(shown) || /Error 403/.test(shown), shown);
    assert.doesNotMatch(shown, /acme-dev|333333333333 \)/);

    await page.goto(`${server.url}/accounts/${NOT_OWNED}`);
    await settled(page);
    assert.match(await page.getByRole('alert').innerText(), /Error 403: account 333333333333 is not one of yours/);

    await page.goto(`${server.url}/heatmap`);
    await settled(page);
    const rows = await page.locator('th.account-head').allInnerTexts();
    assert.deepEqual(rows.map((r) => r.trim()), [`acme-prod ${OWNED}`]);

    await page.goto(`${server.url}/exceptions`);
    await settled(page);
    assert.doesNotMatch(await page.locator('main').innerText(), /Development buckets/, 'an exception of another account is hidden');

    // The same session cookie, straight at the API.
    const api = page.context().request;
    const get = (path: string) => api.get(server.url + path);
    const list = (await (await get(`/api/findings?account=${NOT_OWNED}`)).json()) as { total: number };
    assert.equal(list.total, 0);
    const mine = (await (await get('/api/findings?limit=500&status=FAIL,PASS,MANUAL,ERROR,NOT_APPLICABLE')).json()) as { items: { accountId: string }[] };
    assert.ok(mine.items.length > 0 && mine.items.every((f) => f.accountId === OWNED));
    assert.equal((await get(`/api/accounts/${NOT_OWNED}`)).status(), 403);
    assert.equal((await get(`/api/heatmap/cell?account=${NOT_OWNED}&control=cis-aws-3.0.0%2F1.4`)).status(), 403);
    const listed = (await (await get('/api/accounts')).json()) as { accounts: { id: string }[] };
    assert.deepEqual(listed.accounts.map((a) => a.id), [OWNED]);
    const csv = await (await get(`/api/findings.csv?account=${NOT_OWNED}`)).text();
    assert.equal(csv.trim().split('\n').length, 1, 'the CSV has its header only');
    await done(watched);
  });
});
