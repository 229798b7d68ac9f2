import { Page } from '@playwright/test';

import { docScreenshot } from './docshots';
import {
  expect,
  hubPage,
  login,
  onlySection,
  openEnvironmentPanel,
  startNamedServer,
  test,
  waitForLab
} from './hub';

/** Resolves when the page has left the Lab for one of the hub's pages. */
function leavesForHub(raw: Page): Promise<unknown> {
  return raw.waitForEvent('framenavigated', {
    predicate: frame =>
      frame === raw.mainFrame() &&
      new URL(frame.url()).pathname.startsWith('/hub/'),
    timeout: 120 * 1000
  });
}

const FIRST = 'envbuilder-dev/course:1';
const NEXT = 'envbuilder-dev/course:2';
const BROKEN = 'envbuilder-dev/broken:3';

test.describe('Restart into another environment', () => {
  test('moves the named server onto the image, saves the notebook, keeps the home and the view, and rolls back after a failed spawn @hub5', async ({
    page,
    user
  }, testInfo) => {
    const raw = hubPage(page);
    await login(page, user);
    await startNamedServer(page, user, 'work', FIRST);

    // A file in the home and a notebook that is edited but not saved.
    await raw.evaluate(async () => {
      const app = (window as any).jupyterapp;
      const contents = app.serviceManager.contents;
      await contents.save('keep.txt', {
        type: 'file',
        format: 'text',
        content: 'my notes'
      });
      await contents.save('analysis.ipynb', {
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
      await app.commands.execute('docmanager:open', { path: 'analysis.ipynb' });
    });
    await raw.waitForFunction(() => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      return (
        widget?.context?.path === 'analysis.ipynb' && widget.context.isReady
      );
    });
    await raw.evaluate(() => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      widget.content.model.sharedModel.insertCell(0, {
        cell_type: 'markdown',
        source: 'typed before the restart, never saved by hand'
      });
    });
    await openEnvironmentPanel(page);

    // Restart: the unsaved notebook is listed and saved first.
    void raw.evaluate(
      image =>
        (window as any).jupyterapp.commands.execute(
          'envbuilder:restart-into-image',
          { image }
        ),
      NEXT
    );
    const dialog = raw.locator('.jp-Dialog');
    await expect(dialog).toContainText('analysis.ipynb');
    const viaHub = leavesForHub(raw);
    await dialog.getByRole('button', { name: 'Save and Restart' }).click();
    await viaHub;

    // The hub stops the server, starts it on the new image and sends us back.
    await raw.waitForURL(
      new RegExp(`/user/${user}/work/lab/tree/analysis\\.ipynb`),
      { timeout: 120 * 1000 }
    );
    await waitForLab(page);
    const panel = await openEnvironmentPanel(page);
    await expect(panel.getByTestId('envbuilder-image')).toHaveText(NEXT);
    await expect(panel.getByTestId('envbuilder-server')).toHaveText(
      `${user} / work`
    );
    const after = await raw.evaluate(async () => {
      const app = (window as any).jupyterapp;
      const contents = app.serviceManager.contents;
      const notebook = await contents.get('analysis.ipynb', { content: true });
      const keep = await contents.get('keep.txt', { content: true });
      return {
        cells: notebook.content.cells.map((c: any) => c.source),
        keep: keep.content
      };
    });
    // JupyterLab adds an empty cell to an empty notebook; ours comes first.
    expect(after.cells[0]).toBe(
      'typed before the restart, never saved by hand'
    );
    expect(after.keep).toBe('my notes');
    // The image it ran on before is the last-known-good one, one click away.
    await onlySection(page, 'status');
    const previous = panel.locator(
      `[data-testid="envbuilder-environments"] li[data-image="${FIRST}"]`
    );
    await expect(previous).toContainText('last known good');
    await expect(
      previous.getByRole('button', { name: 'Restart into this' })
    ).toBeVisible();
    // Back at the same Lab path: the notebook is the current document again (Lab opens the
    // /lab/tree/ path once its layout is restored, so wait for it).
    await raw.waitForFunction(
      () =>
        (window as any).jupyterapp.shell.currentWidget?.context?.path ===
        'analysis.ipynb',
      undefined,
      { timeout: 30 * 1000 }
    );
    const restarted = testInfo.outputPath('restarted.png');
    await raw.screenshot({ path: restarted });
    await testInfo.attach('restarted', {
      path: restarted,
      contentType: 'image/png'
    });

    // A spawn that fails on the new image ends on a hub page that says why and offers the
    // previous environment in one click.
    void raw.evaluate(
      image =>
        (window as any).jupyterapp.commands.execute(
          'envbuilder:restart-into-image',
          { image }
        ),
      BROKEN
    );
    // The reopened notebook's kernel runs (and the notebook may count as changed): the
    // question lists it; agree.
    const agree = raw
      .locator('.jp-Dialog')
      .getByRole('button', { name: /Restart$/ });
    await agree
      .click({ timeout: 10000 })
      .catch(() => 'nothing running: the restart went on by itself');
    const rollback = raw.locator('#envbuilder-rollback');
    await expect(rollback).toBeVisible({ timeout: 120 * 1000 });
    await expect(rollback).toContainText(BROKEN);
    await expect(raw.locator('body')).toContainText(
      `The image ${BROKEN} could not be started`
    );
    const failed = testInfo.outputPath('spawn-failed.png');
    await raw.screenshot({ path: failed });
    await testInfo.attach('spawn-failed', {
      path: failed,
      contentType: 'image/png'
    });

    await rollback
      .getByRole('link', { name: 'Start on the previous environment' })
      .click();
    await raw.waitForURL(new RegExp(`/user/${user}/work/lab`), {
      timeout: 120 * 1000
    });
    await waitForLab(page);
    const back = await openEnvironmentPanel(page);
    await expect(back.getByTestId('envbuilder-image')).toHaveText(NEXT);
  });

  test('a hub without the restart scopes shows the admin setting before any click', async ({
    page
  }, testInfo) => {
    const user = `limited-${Date.now().toString(36)}`;
    await login(page, user);
    await startNamedServer(page, user, 'work', FIRST);
    const panel = await openEnvironmentPanel(page);
    const restart = panel.locator('[data-capability="restart"]');
    await expect(restart).toHaveAttribute('data-available', 'false');
    // A plain sentence first; the exact setting is for the administrator, one click away.
    await onlySection(page, 'status');
    await expect(restart.locator('.jp-EnvBuilder-reason').first()).toHaveText(
      /does not let you restart your server/
    );
    const forAdmin = restart.getByTestId('envbuilder-admin-restart');
    await expect(forAdmin.locator('pre')).toBeHidden();
    await forAdmin.locator('summary').click();
    await expect(forAdmin).toContainText('servers!server');
    await expect(forAdmin.locator('pre')).toHaveText(
      "c.Spawner.oauth_client_allowed_scopes = ['servers!server', 'read:servers!server']"
    );
    // The overview's next action does not offer a restart that cannot work.
    await expect(
      panel.getByTestId('envbuilder-next-action')
    ).not.toHaveAttribute('data-action', 'restart');
    await expect(panel.getByTestId('envbuilder-manual-restart')).toContainText(
      'stop this server, then start it again'
    );
    const shot = testInfo.outputPath('missing-scopes.png');
    await hubPage(page).screenshot({ path: shot });
    await testInfo.attach('missing-scopes', {
      path: shot,
      contentType: 'image/png'
    });
    await docScreenshot(hubPage(page), 'restart-missing-scopes');
  });
});
