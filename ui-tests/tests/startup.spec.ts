/**
 * What JupyterLab pays for this extension at every start: the extension's JavaScript fetched
 * (gzip bytes, as a server that compresses would send them) and the requests it makes, with
 * the Environment panel closed and then open. Bytes and counts, never times.
 */
import { Page, Request } from '@playwright/test';
import { gzipSync } from 'zlib';

import { expect, hubPage, login, startNamedServer, test } from './hub';
import { agreeToSend } from './sendFiles';

/**
 * The extension's JavaScript at start, gzip: what the first view needs (the overview and the
 * sections' headers). Folded sections load their views when first seen.
 */
const STARTUP_GZIP_BYTES = 60_000;
const EXTENSION_FILES = '/lab/extensions/jupyterlab-envbuilder/static/';

interface IRecorded {
  files: { url: string; gzip: number }[];
  api: string[];
}

/** Record the extension's files and its API requests (`envbuilder/...`, the contents API). */
function record(page: Page): IRecorded & { stop(): void } {
  let recording = true;
  const recorded = {
    files: [] as IRecorded['files'],
    api: [] as string[],
    stop: () => {
      recording = false;
    }
  };
  page.on('requestfinished', async (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (recording && path.includes(EXTENSION_FILES) && path.endsWith('.js')) {
      const response = await request.response();
      const body = await response?.body().catch(() => null);
      if (body && recording) {
        recorded.files.push({ url: path, gzip: gzipSync(body).length });
      }
    }
  });
  // A request counts once it is sent.
  page.on('request', (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (recording && /\/envbuilder\/|\/api\/contents\//.test(path)) {
      const resource = path.replace(/^.*\/(envbuilder|api\/contents)\//, '$1/');
      // A build record's paging query says whether all of it was read.
      const query = /builds\/./.test(resource)
        ? new URL(request.url()).search
        : '';
      recorded.api.push(`${request.method()} ${resource}${query}`);
    }
  });
  return recorded;
}

/** Start over from nothing cached, as a first visit does, and wait until Lab has settled. */
async function freshStart(page: Page, url: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(url);
  await page.waitForFunction(() => {
    const app = (window as any).jupyterapp;
    return !!app && app.commands.hasCommand('envbuilder:open-panel');
  });
  await page.evaluate(() => (window as any).jupyterapp.restored);
  // Requests the start sets off after `restored` (the handshake, the history) come next.
  await page.waitForLoadState('networkidle');
}

/** Build the environment folder once, so that the history has a build with a log. */
async function buildOnce(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.serviceManager.contents.save('environment', {
      type: 'directory'
    });
    await app.serviceManager.contents.save('environment/requirements.txt', {
      type: 'file',
      format: 'text',
      content: 'requests==2.32.3\n'
    });
    await app.commands.execute('envbuilder:open-panel');
  });
  const section = page.locator('#jp-envbuilder-build');
  const button = section.getByTestId('envbuilder-build-button');
  await expect(button).toBeEnabled({ timeout: 60_000 });
  await button.click();
  await agreeToSend(page, [['requirements.txt', '17 bytes']]);
  await expect(section.getByTestId('envbuilder-build-status')).toHaveAttribute(
    'data-phase',
    /ready|failed/,
    { timeout: 120_000 }
  );
}

/** Wait for Lab to save its layout to the workspace, which the next start restores. */
function layoutSaved(page: Page): Promise<unknown> {
  return page.waitForResponse(
    response =>
      /\/lab\/api\/workspaces/.test(response.url()) &&
      response.request().method() === 'PUT',
    { timeout: 60_000 }
  );
}

/**
 * Close the build log and show another sidebar in the left area, so that Lab starts with
 * nothing of the extension on screen.
 */
async function closePanel(page: Page): Promise<void> {
  const saved = layoutSaved(page);
  await page.evaluate(async () => {
    const commands = (window as any).jupyterapp.commands;
    await commands.execute('application:close-all');
    await commands.execute('filebrowser:activate');
  });
  await expect(page.locator('#jp-envbuilder-panel')).toBeHidden();
  await saved;
}

function count(list: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of list) {
    counts[item] = (counts[item] ?? 0) + 1;
  }
  return counts;
}

test.describe('What Lab pays for the extension at start', () => {
  test('its JavaScript stays within budget and each resource is asked for once @production', async ({
    page,
    user
  }, testInfo) => {
    test.setTimeout(300_000);
    await login(page, user);
    const server = await startNamedServer(
      page,
      user,
      'startup',
      'example.org/start:1'
    );
    await buildOnce(hubPage(page));
    await closePanel(hubPage(page));
    // Only the pages measured below run a Lab from here on.
    await hubPage(page).goto('about:blank');

    // A fresh page with the panel closed: what every start of Lab pays.
    const closed = await hubPage(page).context().newPage();
    const atStart = record(closed);
    // The build history is asked for once Lab has restored its layout.
    const history = closed.waitForResponse(response =>
      /\/envbuilder\/builds$/.test(new URL(response.url()).pathname)
    );
    await freshStart(closed, `${server.url}/lab`);
    await history;
    await closed.waitForLoadState('networkidle');
    atStart.stop();
    const bytes = atStart.files.reduce((sum, f) => sum + f.gzip, 0);
    test.skip(
      atStart.files.some(f => /\/(lib_|vendors-|style_index_js)/.test(f.url)),
      'The budget is for the production bundle, which make e2e builds (jlpm build:prod).'
    );
    await testInfo.attach('startup.json', {
      body: JSON.stringify({ bytes, ...atStart }, null, 2),
      contentType: 'application/json'
    });
    expect(atStart.files.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(STARTUP_GZIP_BYTES);
    // Closed, the extension asks for nothing but the build history (for the status bar);
    // never the last build's record.
    expect(atStart.api).toEqual(['GET envbuilder/builds']);

    // Start again and open the panel: its first state, one request per resource.
    await closed.close();
    const open = await hubPage(page).context().newPage();
    const withPanel = record(open);
    await freshStart(open, `${server.url}/lab`);
    await open.evaluate(() =>
      (window as any).jupyterapp.commands.execute('envbuilder:open-panel')
    );
    // The first view names what runs (the Server and hub section starts folded).
    await expect(open.getByTestId('envbuilder-overview-running')).toContainText(
      'start:1'
    );
    await expect(
      open
        .locator('#jp-envbuilder-build')
        .getByTestId('envbuilder-build-status')
    ).toBeVisible();
    await open.waitForLoadState('networkidle');
    await open.waitForTimeout(1000);
    withPanel.stop();
    await testInfo.attach('startup-panel-open.json', {
      body: JSON.stringify(withPanel, null, 2),
      contentType: 'application/json'
    });
    const asked = count(withPanel.api);
    expect(Object.entries(asked).filter(([, n]) => n > 1)).toEqual([]);
    expect(Object.keys(asked).sort()).toEqual(
      expect.arrayContaining([
        'GET envbuilder/builds',
        expect.stringMatching(/^GET envbuilder\/status/)
      ])
    );
    // The last build's log: its last lines, not the whole record.
    expect(withPanel.api.filter(r => /envbuilder\/builds\/./.test(r))).toEqual([
      expect.stringMatching(/[?&]tail=\d+/)
    ]);
    await open.close();
  });
});
