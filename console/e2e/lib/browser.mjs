// Chromium from the Debian package, driven by playwright-core (which never downloads a browser).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { config } from './config.mjs';

export const VIEWPORT = { width: 1280, height: 800 };
const ACTION_TIMEOUT_MS = 10000;

export async function launch() {
  return chromium.launch({
    executablePath: config.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30000,
  });
}

/** A fresh context (no cookies) and page; every action and navigation bounded. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: config.consoleUrl });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  // a confirm() before a replay or a retry is answered yes
  page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
  // what the page's scripts complain about is shown with the test's output
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return page;
}

export const byTestId = (id) => `[data-testid="${id}"]`;

/** Fills and submits the login form; answers the page's URL after the submit's navigation. */
export async function logIn(page, username, password) {
  await page.goto('/console/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
  await page.waitForLoadState('load');
  return page.url();
}

/** A screenshot of the viewport (1280x800), for docs/console when SCREENSHOT_DIR=docs/console. */
export async function screenshot(page, name) {
  mkdirSync(config.screenshotDir, { recursive: true });
  const path = resolve(config.screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}

/** Scrolls the element to the middle of the viewport (for a screenshot that shows it). */
export async function centre(page, selector) {
  await page.locator(selector).first().evaluate((element) => element.scrollIntoView({ block: 'center' }));
}

/**
 * fetch() from inside the page (its session cookie; the CSRF token of its <meta> tags on a POST), to check what
 * the console's API answers the browser.
 */
export async function fetchInPage(page, path, { method = 'GET', csrf = true } = {}) {
  return page.evaluate(async ({ path, method, csrf }) => {
    const headers = { Accept: 'application/json' };
    const token = document.querySelector('meta[name=_csrf]')?.content;
    const header = document.querySelector('meta[name=_csrf_header]')?.content;
    if (csrf && token && header) headers[header] = token;
    const response = await fetch(path, { method, headers, credentials: 'same-origin', redirect: 'manual',
      signal: AbortSignal.timeout(10000) });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  }, { path, method, csrf });
}
