/**
 * The Environment panel's first view at 1366x768, as a new user sees it on the dev hub:
 * what runs, the folder, the last build and the one next action, all inside the window
 * without scrolling, nothing overlapping or spilling out of the sidebar, in the light and
 * the dark theme; then what a dry run, a restart under its name and a changed folder look
 * like. The screenshots are the user guide's.
 */
import { Locator, Page } from '@playwright/test';

import { docScreenshot } from './docshots';
import {
  expect,
  hubPage,
  login,
  openEnvironmentPanel,
  startNamedServer,
  test,
  waitForLab
} from './hub';
import { expectNotification, listedNotifications } from './notifications';
import { agreeToSend } from './sendFiles';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, `${locator} has a box`).not.toBeNull();
  return box!;
}

function inside(inner: Box, outer: Box): boolean {
  const slack = 0.5;
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

function overlap(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width - 0.5 &&
    b.x < a.x + a.width - 0.5 &&
    a.y < b.y + b.height - 0.5 &&
    b.y < a.y + a.height - 0.5
  );
}

/** Every box inside the panel and the window, and no two of them overlapping. */
async function expectLaidOut(raw: Page, parts: Locator[]): Promise<void> {
  const viewport = { x: 0, y: 0, ...raw.viewportSize()! };
  const panel = await boxOf(raw.locator('#jp-envbuilder-panel'));
  const boxes: Box[] = [];
  for (const part of parts) {
    const box = await boxOf(part);
    expect(inside(box, viewport), `${part} inside the window`).toBe(true);
    expect(inside(box, panel), `${part} inside the panel`).toBe(true);
    boxes.push(box);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlap(boxes[i], boxes[j]), `${parts[i]} and ${parts[j]}`).toBe(
        false
      );
    }
  }
  // Nothing wider than the sidebar: no text or control runs out of its box.
  const spill = await raw.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '#jp-envbuilder-panel .jp-EnvBuilder-overview *, #jp-envbuilder-panel .jp-SidePanel-toolbar, #jp-envbuilder-panel .lm-AccordionPanel-title'
      )
    ]
      .filter(el => el.scrollWidth > el.clientWidth + 1)
      .filter(el => getComputedStyle(el).textOverflow !== 'ellipsis')
      .map(el => el.className || el.tagName)
  );
  expect(spill).toEqual([]);
}

test.describe('Environment panel layout', () => {
  test('the first view tells what runs, the folder, the last build and what to do next', async ({
    page,
    user
  }) => {
    const raw = hubPage(page);
    await raw.setViewportSize({ width: 1366, height: 768 });
    await login(page, user);
    await startNamedServer(page, user, 'layout', 'example.org/course/env:base');
    await raw.evaluate(async () => {
      const app = (window as any).jupyterapp;
      await app.restored;
      await app.serviceManager.contents.save('environment', {
        type: 'directory'
      });
      await app.serviceManager.contents.save('environment/requirements.txt', {
        type: 'file',
        format: 'text',
        content: 'numpy==1.26.3\n'
      });
    });

    // From the command palette: the panel opens and takes the keyboard focus.
    await raw.keyboard.press('Control+Shift+C');
    const palette = raw.locator('#command-palette');
    await palette.locator('input').fill('Open the Environment Panel');
    await palette
      .locator('.lm-CommandPalette-item', {
        hasText: 'Open the Environment Panel'
      })
      .first()
      .click();
    const panel = raw.locator('#jp-envbuilder-panel');
    await expect(panel).toBeVisible();
    const running = panel.getByTestId('envbuilder-overview-running');
    const folder = panel.getByTestId('envbuilder-overview-folder');
    const lastBuild = panel.getByTestId('envbuilder-overview-build');
    const next = panel.getByTestId('envbuilder-next-action');
    await expect(running).toHaveText('env:base');
    await expect(
      running.locator('.jp-EnvBuilder-overviewText')
    ).toHaveAttribute('title', 'example.org/course/env:base');
    await expect(folder).toContainText('environment/');
    await expect(lastBuild).toHaveText(/No builds yet/);
    await expect(next).toHaveText('Build');
    await expect(next).toBeEnabled();
    await expect
      .poll(() =>
        raw.evaluate(() =>
          document
            .getElementById('jp-envbuilder-panel')!
            .contains(document.activeElement)
        )
      )
      .toBe(true);

    // The toolbar: Build, Restart, Share, Refresh, each with its tooltip.
    const buttons = panel.locator(
      '.jp-SidePanel-toolbar .jp-ToolbarButtonComponent'
    );
    await expect(buttons).toHaveCount(4);
    const titles = await buttons.evaluateAll(nodes =>
      nodes.map(n => n.getAttribute('title') ?? '')
    );
    expect(titles[0]).toMatch(/snapshot of the environment folder/);
    expect(titles[2]).toMatch(/launch link/);
    expect(titles[3]).toMatch(/Ask the server and the hub again/);
    const headers = panel.locator('.jp-AccordionPanel-title');
    await expect(headers).toHaveCount(7);
    // Section headers carry their status; the handshake's is closed and says it is fine.
    await expect(
      panel.locator('[aria-controls="jp-envbuilder-status"]')
    ).toContainText('Ready');
    await expect(
      panel.locator('[aria-controls="jp-envbuilder-envfiles"]')
    ).toContainText('No problems');

    await expectLaidOut(raw, [
      panel.locator('.jp-SidePanel-toolbar'),
      running,
      folder,
      lastBuild,
      next,
      ...(await headers.all())
    ]);
    // Always visible: the status bar item and the Environment menu.
    await expect(raw.getByTestId('envbuilder-statusbar')).toHaveText(
      'Environment: env:base'
    );
    await expect(
      raw.locator('.lm-MenuBar-itemLabel', { hasText: /^Environment$/ })
    ).toBeVisible();
    await docScreenshot(raw, 'panel-light');

    // The one next action builds. The dev hub's build service has no container engine:
    // repo2docker's dry run writes the Dockerfile and builds no image, and every part of
    // the panel says so instead of offering a restart into an image that does not exist.
    await next.click();
    await agreeToSend(raw, [['requirements.txt', '14 bytes']]);
    await expect(next).toHaveText('See the Dockerfile of the dry run', {
      timeout: 120 * 1000
    });
    await expect(lastBuild).toContainText('dry run: no image was built');
    await expect(folder).toContainText('dry run done, no image');
    const buildHeader = panel.locator('[aria-controls="jp-envbuilder-build"]');
    await expect(buildHeader).toContainText('Dry run done');
    await expectNotification(page, 'Dry run done', 'info');
    // A dry run built no image: its notification offers no restart.
    const dryRun = await listedNotifications(page, 'Dry run done');
    expect(dryRun.flatMap(notification => notification.actions)).toContain(
      'Show log'
    );
    expect(dryRun.flatMap(notification => notification.actions)).not.toContain(
      'Restart into new environment'
    );
    // The log document: fetched, not built, not pushed.
    await raw
      .locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: 'Build log' })
      .click();
    const log = raw.locator('.jp-EnvBuilder-logPanel');
    const steps = log.locator('[data-testid="envbuilder-phase-bar"] li');
    await expect(steps).toHaveText([
      'Waiting',
      'Fetching',
      'Building',
      'Pushing',
      'Dry run done'
    ]);
    expect(
      await steps.evaluateAll(nodes =>
        nodes.map(n => n.getAttribute('data-state'))
      )
    ).toEqual(['done', 'done', 'skipped', 'skipped', 'done']);
    // The Build section's image line is the readable name, the full one behind it.
    const name = panel.getByTestId('envbuilder-build-image');
    await expect(name).toHaveText(/^environment\/ · snapshot [0-9a-f]{7}$/);
    expect((await name.getAttribute('data-image'))!.length).toBeGreaterThan(
      100
    );
    // The next action shows the Dockerfile the dry run wrote.
    await next.click();
    await expect(
      raw.locator('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current')
    ).toHaveText(/^Build log [0-9a-f]{7}$/);
    await expect(raw.getByTestId('envbuilder-log-view').last()).toContainText(
      'LABEL repo2docker.ref='
    );
    const history = panel.getByTestId('envbuilder-build-history');
    await expect(history.locator('li')).toHaveCount(1);

    // Building the same files again finds the image: said once, no second row.
    await panel
      .locator('.jp-SidePanel-toolbar .jp-ToolbarButtonComponent')
      .first()
      .click();
    await expect(lastBuild).toContainText('cache hit', { timeout: 60 * 1000 });
    await expect(lastBuild).toContainText('no image');
    await expect(history.locator('li')).toHaveCount(1);
    await expect(history.locator('li')).toHaveAttribute('data-cache-hits', '1');
    // Each history row is one line, and the restart from it is there.
    const row = await boxOf(history.locator('li'));
    // One line: its icon buttons set the height, two lines would be over 50 px.
    expect(row.height).toBeLessThan(40);
    await raw.evaluate(() =>
      (window as any).jupyterapp.commands.execute('envbuilder:show-section', {
        section: 'build'
      })
    );
    await expectLaidOut(raw, [running, folder, lastBuild, next]);

    await raw.evaluate(() =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Dark'
      })
    );
    await expect(raw.locator('body')).toHaveAttribute(
      'data-jp-theme-light',
      'false'
    );
    await expectLaidOut(raw, [running, folder, lastBuild, next]);
    await docScreenshot(raw, 'panel-built-dark');
    await raw.evaluate(() =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Light'
      })
    );

    // Restart from the history row, which says what it starts: the dev hub's spawner
    // starts a server under any name, so the server comes back under the dry run's name.
    const restart = history.getByTestId('envbuilder-history-restart');
    await expect(restart).toHaveAttribute('title', /No image was built/);
    await raw.evaluate(() => ((window as any).envbuilderLeft = false));
    await restart.click();
    await raw
      .locator('.jp-Dialog')
      .getByRole('button', { name: /Restart$/ })
      .click({ timeout: 5000 })
      .catch(() => 'nothing running: no question');
    await expect
      .poll(
        () =>
          raw
            .evaluate(() => (window as any).envbuilderLeft === undefined)
            .catch(() => false),
        { timeout: 120 * 1000 }
      )
      .toBe(true);
    await waitForLab(page);
    const back = await openEnvironmentPanel(page);
    const status = raw.getByTestId('envbuilder-statusbar');
    const backFolder = back.getByTestId('envbuilder-overview-folder');
    const backNext = back.getByTestId('envbuilder-next-action');
    await expect(status).toHaveText(
      /^Environment: environment\/ · snapshot [0-9a-f]{7} · dry run, no image$/
    );
    await expect(backFolder).toContainText('same as the running one');

    // The folder changes: the status bar and the overview say a rebuild is needed.
    await raw.evaluate(() =>
      (window as any).jupyterapp.serviceManager.contents.save(
        'environment/requirements.txt',
        { type: 'file', format: 'text', content: 'numpy==1.26.3\npandas\n' }
      )
    );
    await back
      .locator('.jp-SidePanel-toolbar .jp-ToolbarButtonComponent')
      .last()
      .click();
    await expect(status).toHaveText(/ · rebuild needed$/);
    await expect(backFolder).toContainText('changed: rebuild needed');
    await expect(backNext).toHaveText('Build');

    // Rebuilt: no rebuild is needed any more, and no image came of it either.
    await backNext.click();
    await raw
      .getByRole('button', { name: 'Send and Build' })
      .click({ timeout: 5000 })
      .catch(() => 'the same files as agreed before: no question');
    await expect(backFolder).toContainText('changed, dry run done, no image', {
      timeout: 120 * 1000
    });
    await expect(status).not.toContainText('rebuild needed');
    await expect(backNext).toHaveText('See the Dockerfile of the dry run');
  });
});
