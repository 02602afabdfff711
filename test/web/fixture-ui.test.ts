import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ensureBuilt, launch, openPage, skipReason, WEB_ROOT } from './browser.ts';
import { HOSTILE, SESSION_COOKIE, startFixture } from './fixture-server.ts';

// What the sample organization cannot show, on a stand-in API: every page renders markup from the API
// (titles, names, reasons, resource ids) as visible text, so nothing it contains runs, becomes an element,
// or trips the CSP; and a server with an identity provider gets a "Sign in with SSO" button that works.
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

async function signedIn(options: { allow?: RegExp } = {}) {
  const watched = await openPage(browser, options);
  await watched.page.context().addCookies([{ name: SESSION_COOKIE, value: 'signed-in', url: server.url }]);
  return watched;
}

test('the login form offers SSO when the server has it, and comes back signed in', { skip: skipReason }, async () => {
  const { page, problems } = await openPage(browser, { allow: /status of 401/ });
  await page.goto(`${server.url}/exceptions`);
  const sso = page.getByRole('link', { name: 'Sign in with SSO' });
  assert.equal(await sso.getAttribute('href'), '/auth/login');
  assert.ok(await page.getByLabel('API token').isVisible(), 'tokens still work beside SSO');
  await sso.click();
  await page.getByRole('heading', { name: 'Compliance overview' }).waitFor();
  assert.match(await page.locator('header.top').innerText(), /fixture\s+admin/);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('signing out of an SSO sign-in ends it at the provider too, and comes back signed out', { skip: skipReason }, async () => {
  const { page, problems } = await openPage(browser, { allow: /status of 401/ });
  await page.goto(`${server.url}/auth/login`);
  await page.getByRole('heading', { name: 'Compliance overview' }).waitFor();
  const atProvider = page.waitForRequest((r) => new URL(r.url()).pathname === '/idp/logout');
  await page.getByRole('button', { name: 'Sign out' }).click();
  const request = await atProvider;
  assert.equal(new URL(request.url()).searchParams.get('post_logout_redirect_uri'), `${server.url}/`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

for (const { path, texts } of pages) {
  test(`${path} shows hostile API text as text`, { skip: skipReason }, async () => {
    const { page, problems } = await signedIn();
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
  const { page, problems } = await signedIn({ allow: /status of 400/ });
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
