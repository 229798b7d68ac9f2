/**
 * Debian's Chromium through Playwright (from ui-tests/node_modules), launched exactly as the
 * end-to-end tests launch it (ui-tests/playwright.config.js).
 */
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
// playwright-core is a dependency of the e2e tests, not of the extension.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { chromium } = require(
  path.join(ROOT, 'ui-tests', 'node_modules', 'playwright-core')
) as typeof import('playwright-core');

import type { Page } from 'playwright-core';

export type { Browser, Page } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  });
}

/** Write `value` as JSON to the file named by the last command-line argument. */
export function writeJson(file: string, value: unknown): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require('fs').writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Log `user` in on the hub's login form, as a person would; the hub then sends the page to
 * its home (or to a spawn page while the server starts).
 */
export async function logInToHub(
  page: Page,
  hub: string,
  user: string,
  password: string
): Promise<void> {
  await page.goto(`${hub}/hub/login?next=${encodeURIComponent('/hub/home')}`);
  await page.locator('#username_input').fill(user);
  await page.locator('#password_input').fill(password);
  await page.locator('#login_submit').click();
  await page.waitForURL(/\/hub\/(home|spawn|spawn-pending)/);
}
