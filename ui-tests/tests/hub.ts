/**
 * Fixtures for driving the real dev hub: log in, start a named server, open its Lab.
 */
import {
  expect,
  IJupyterLabPageFixture,
  test as base
} from '@jupyterlab/galata';
import { Page } from '@playwright/test';

export const PASSWORD =
  process.env.ENVBUILDER_DEV_PASSWORD || 'envbuilder-demo';

export interface IHubServer {
  user: string;
  server: string;
  image: string;
  /** URL of the server's Lab, e.g. http://127.0.0.1:8010/user/alice/work */
  url: string;
}

/** The plain Playwright page under Galata's helpers, for pages of the hub itself. */
export function hubPage(page: IJupyterLabPageFixture): Page {
  return page.page;
}

/** Log in on the hub's own login form. */
export async function login(
  lab: IJupyterLabPageFixture,
  user: string
): Promise<void> {
  const page = hubPage(lab);
  await page.goto('/hub/login');
  await page.locator('#username_input').fill(user);
  await page.locator('#password_input').fill(PASSWORD);
  await page.locator('#login_submit').click();
  await page.waitForURL(/\/hub\/(home|spawn|spawn-pending)/);
}

/** The hub's version, from its REST API root (no auth needed). */
export async function hubVersion(
  page: IJupyterLabPageFixture
): Promise<string> {
  const response = await page.request.get('/hub/api/');
  return ((await response.json()) as { version: string }).version;
}

/**
 * Start a named server on `image` through the hub's spawn page, as a person would with a
 * link, and wait for its Lab to be ready.
 */
export async function startNamedServer(
  page: IJupyterLabPageFixture,
  user: string,
  server: string,
  image: string
): Promise<IHubServer> {
  const major = parseInt((await hubVersion(page)).split('.')[0], 10);
  const key = major >= 6 ? 'opt-image' : 'image';
  const query = new URLSearchParams({ [key]: image });
  const raw = hubPage(page);
  await raw.goto(`/hub/spawn/${user}/${server}?${query.toString()}`);
  await raw.waitForURL(new RegExp(`/user/${user}/${server}/lab`), {
    timeout: 120 * 1000
  });
  const origin = new URL(raw.url()).origin;
  const url = `${origin}/user/${user}/${server}`;
  // Galata's own navigation waits for the app and hooks its in-page helpers up.
  await page.goto(`${url}/lab`);
  return { user, server, image, url };
}

/** Galata's test, with its server-side helpers turned off: the hub owns this server. */
export const test = base.extend<{ user: string }>({
  autoGoto: false,
  mockSettings: false,
  mockState: false,
  mockUser: false,
  kernels: null,
  sessions: null,
  terminals: null,
  // Galata would create this folder through an unauthenticated request; the hub needs auth.
  tmpPath: async ({}, use) => {
    await use('');
  },
  // A fresh user per test keeps tests independent on the shared hub.
  user: async ({}, use, testInfo) => {
    await use(`user${testInfo.workerIndex}-${Date.now().toString(36)}`);
  }
});

export { expect };

/** Wait until the Lab at the current URL has started (after a navigation the hub drove). */
export async function waitForLab(page: IJupyterLabPageFixture): Promise<void> {
  const raw = hubPage(page);
  await raw.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await raw.waitForFunction(() => {
    const app = (window as any).jupyterapp;
    return !!app && app.commands.hasCommand('envbuilder:open-panel');
  });
}

/** Open the Environment panel and wait for its handshake. */
export async function openEnvironmentPanel(page: IJupyterLabPageFixture) {
  const raw = hubPage(page);
  const panel = raw.locator('#jp-envbuilder-panel');
  // Lab may still be restoring its layout (a /lab/tree/ URL shows the file browser), which
  // can take the left area back: open until the panel stays.
  await expect(async () => {
    await raw.evaluate(async () => {
      const app = (window as any).jupyterapp;
      await app.restored;
      await app.commands.execute('envbuilder:open-panel');
    });
    // The overview at the top is always in view; the handshake's details are in the
    // "Server and hub" section, closed unless something is wrong.
    await expect(panel.getByTestId('envbuilder-overview-running')).toBeVisible({
      timeout: 3000
    });
    await expect(panel.getByTestId('envbuilder-image')).toBeAttached({
      timeout: 3000
    });
  }).toPass({ timeout: 60 * 1000 });
  return panel;
}

/**
 * Open one section of the panel (`status`, `envfiles`, `build`, `share`) and close the
 * others, as a user does to see all of it.
 */
export async function onlySection(
  page: IJupyterLabPageFixture | Page,
  name: string
): Promise<void> {
  const raw = 'page' in page ? page.page : page;
  await raw.evaluate(
    async section =>
      (window as any).jupyterapp.commands.execute('envbuilder:show-section', {
        section
      }),
    name
  );
  const panel = raw.locator('#jp-envbuilder-panel');
  const open = panel.locator(
    `.jp-AccordionPanel-title.lm-mod-expanded:not([aria-controls="jp-envbuilder-${name}"])`
  );
  while ((await open.count()) > 0) {
    await open.first().locator('.lm-AccordionPanel-titleLabel').click();
  }
}
