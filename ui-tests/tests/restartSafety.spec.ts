import { Page } from '@playwright/test';

import {
  expect,
  hubPage,
  login,
  openEnvironmentPanel,
  startNamedServer,
  test,
  waitForLab
} from './hub';

const FIRST = 'envbuilder-dev/course:1';
const NEXT = 'envbuilder-dev/course:2';
const BROKEN = 'envbuilder-dev/broken:3';

/** Resolves when the page has left the Lab for one of the hub's pages. */
function leavesForHub(raw: Page): Promise<unknown> {
  return raw.waitForEvent('framenavigated', {
    predicate: frame =>
      frame === raw.mainFrame() &&
      new URL(frame.url()).pathname.startsWith('/hub/'),
    timeout: 120 * 1000
  });
}

function restartInto(raw: Page, image: string): void {
  void raw.evaluate(
    image =>
      (window as any).jupyterapp.commands.execute(
        'envbuilder:restart-into-image',
        { image }
      ),
    image
  );
}

async function attach(raw: Page, testInfo: any, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await raw.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test.describe('A restart never costs work', () => {
  test('lists kernels and terminals first, shows no hub dialog while the server is down, and says so after a rollback', async ({
    page,
    user
  }, testInfo) => {
    // Three server starts and two stops on one shared machine.
    test.setTimeout(420 * 1000);
    const raw = hubPage(page);
    await login(page, user);
    const server = await startNamedServer(page, user, 'work', FIRST);

    // A notebook with a running kernel and a terminal: the work a restart would end.
    await raw.evaluate(async () => {
      const app = (window as any).jupyterapp;
      await app.serviceManager.contents.save('analysis.ipynb', {
        type: 'notebook',
        format: 'json',
        content: {
          cells: [],
          metadata: {
            kernelspec: {
              name: 'python3',
              display_name: 'Python 3 (ipykernel)',
              language: 'python'
            }
          },
          nbformat: 4,
          nbformat_minor: 5
        }
      });
      await app.serviceManager.sessions.startNew({
        path: 'analysis.ipynb',
        name: 'analysis.ipynb',
        type: 'notebook',
        kernel: { name: 'python3' }
      });
      await app.serviceManager.terminals.startNew();
    });

    // The question lists them; cancelling stops nothing.
    restartInto(raw, NEXT);
    const dialog = raw.locator('.jp-Dialog');
    const losses = dialog.getByTestId('envbuilder-restart-losses');
    await expect(losses.locator('[data-kind="kernels"]')).toContainText(
      'analysis.ipynb'
    );
    await expect(losses.locator('[data-kind="terminals"]')).toContainText(
      'Terminal'
    );
    await attach(raw, testInfo, 'restart-losses');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    const still = await raw.evaluate(async () => {
      const app = (window as any).jupyterapp;
      await app.serviceManager.kernels.refreshRunning();
      return [...app.serviceManager.kernels.running()].length;
    });
    expect(still).toBe(1);

    // Hold the hub's answer to the stop until the server is really down, and meanwhile
    // let the Lab look for its kernels: on a hub that is when JupyterLab would ask
    // "Server unavailable or unreachable… restart?".
    let sawHubDialog = false;
    let lookedUp = 0;
    await raw.route(
      `**/hub/api/users/${user}/servers/work`,
      async route => {
        const response = await route.fetch();
        await expect(async () => {
          const status = await page.request.get(`${server.url}/api/status`, {
            maxRedirects: 0
          });
          expect(status.status()).not.toBe(200);
        }).toPass({ timeout: 60 * 1000 });
        lookedUp = await raw.evaluate(async () => {
          const manager = (window as any).jupyterapp.serviceManager;
          let failures = 0;
          const count = () => failures++;
          manager.kernels.connectionFailure.connect(count);
          await manager.kernels.refreshRunning();
          manager.kernels.connectionFailure.disconnect(count);
          return failures;
        });
        await raw.waitForTimeout(2000);
        sawHubDialog =
          (await raw
            .locator('.jp-Dialog')
            .filter({ hasText: 'Server unavailable' })
            .count()) > 0;
        await route.fulfill({ response });
      },
      { times: 1 }
    );
    restartInto(raw, NEXT);
    let viaHub = leavesForHub(raw);
    await dialog.getByRole('button', { name: 'Restart' }).click();
    await viaHub;
    // The Lab did find the server gone while it was down, and said nothing.
    expect(lookedUp).toBeGreaterThan(0);
    expect(sawHubDialog).toBe(false);
    await raw.waitForURL(new RegExp(`/user/${user}/work/lab`), {
      timeout: 120 * 1000
    });
    await waitForLab(page);
    let panel = await openEnvironmentPanel(page);
    await expect(panel.getByTestId('envbuilder-image')).toHaveText(NEXT);

    // A spawn that fails, then the hub's one-click way back: the Lab says what happened
    // and the failed attempt is in the history.
    restartInto(raw, BROKEN);
    viaHub = leavesForHub(raw);
    await dialog
      .getByRole('button', { name: /Restart/ })
      .click({ timeout: 10 * 1000 })
      .catch(() => 'nothing running: the restart went on by itself');
    await viaHub;
    const rollback = raw.locator('#envbuilder-rollback');
    await expect(rollback).toBeVisible({ timeout: 120 * 1000 });
    await rollback
      .getByRole('link', { name: 'Start on the previous environment' })
      .click();
    await raw.waitForURL(new RegExp(`/user/${user}/work/lab`), {
      timeout: 120 * 1000
    });
    await waitForLab(page);
    const notice = raw
      .locator('.jp-Notification-Toast-warning, .Toastify__toast')
      .filter({ hasText: `Could not start on ${BROKEN}` });
    await expect(notice).toBeVisible({ timeout: 30 * 1000 });
    await expect(notice).toContainText(NEXT);
    await attach(raw, testInfo, 'rollback-notice');
    panel = await openEnvironmentPanel(page);
    await expect(panel.getByTestId('envbuilder-image')).toHaveText(NEXT);
    await expect(panel.getByTestId('envbuilder-failed-starts')).toContainText(
      BROKEN
    );
  });
});
