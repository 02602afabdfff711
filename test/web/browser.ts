// Shared by the browser tests: the built dashboard, a headless Debian Chromium, and a page that records
// every console error, CSP violation and uncaught exception so each test can assert there were none.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

/** Why the browser tests cannot run here, or undefined when they can (CI installs Chromium). */
export const skipReason = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install chromium); browser tests skipped`;

/** `npm ci` builds the dashboard through prepare; a checkout that skipped it gets it built here. */
export function ensureBuilt(): void {
  if (existsSync(`${WEB_ROOT}/index.html`)) return;
  execFileSync(process.execPath, [`${ROOT}/node_modules/vite/bin/vite.js`, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, CSP violations and page exceptions seen so far. */
  problems: string[];
}

export async function openPage(browser: Browser, options: { allow?: RegExp } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Failed API calls are logged by Chromium as resource errors; tests that provoke them pass `allow`.
    if (msg.type() === 'error' && !(options.allow && options.allow.test(msg.text()))) problems.push(`console: ${msg.text()}`);
  });
  return { page, problems };
}
