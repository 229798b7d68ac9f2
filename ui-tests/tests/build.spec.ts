/**
 * Building the environment on the dev hub: the Build section, the build log, a cache hit,
 * and a page reloaded in the middle of a build.
 *
 * The dev hub's build service is the local one: repo2docker on this machine, in dry-run
 * mode (no container engine). It clones the snapshot over HTTP through the hub's proxy and
 * prints the Dockerfile it would build. For users named slowbuild* it prints its lines
 * slowly and holds after the clone until the test lets it go on (dev/paced_repo2docker.py),
 * so the build is still running while the page is reloaded, however slow the machine.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Download, Page, TestInfo } from '@playwright/test';

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
import { expectNotification } from './notifications';
import { agreeToSend } from './sendFiles';

const PORT = process.env.ENVBUILDER_E2E_PORT || '8010';
const REQUIREMENTS = 'requests==2.32.3\n';

async function writeEnvironment(page: Page): Promise<void> {
  await page.evaluate(async text => {
    const contents = (window as any).jupyterapp.serviceManager.contents;
    await contents.save('environment', { type: 'directory' });
    await contents.save('environment/requirements.txt', {
      type: 'file',
      format: 'text',
      content: text
    });
  }, REQUIREMENTS);
}

/** Let the held build of a slowbuild* user go on to its end. */
function releaseBuild(user: string): void {
  const held = path.join(process.env.ENVBUILDER_E2E_DATA!, 'held-builds');
  fs.mkdirSync(held, { recursive: true });
  fs.writeFileSync(path.join(held, user), '');
}

/** The whole log as the log view's Download button gives it. */
async function downloadLog(page: Page): Promise<string[]> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByTestId('envbuilder-log-view')
      .getByTitle('Download the whole log as a text file')
      .click()
  ]);
  const text = fs.readFileSync((await download.path())!, 'utf-8');
  return text.split('\n').slice(0, -1);
}

/** Search the log and wait until the current match is in view; returns its row. */
async function findInLog(page: Page, text: string) {
  const view = page.getByTestId('envbuilder-log-view');
  const search = view.getByRole('searchbox', { name: 'Search the log' });
  await search.fill(text);
  // The line may still be on its way.
  await expect(view.getByTestId('envbuilder-log-matches')).toHaveText(
    /^[1-9]\d* match/
  );
  await search.press('Enter');
  await expect(view.getByTestId('envbuilder-log-matches')).toHaveText(
    /^1 of \d+$/
  );
  const row = view.locator('.jp-EnvBuilder-logLine.jp-mod-current');
  await expect(row).toContainText(text);
  return row;
}

/** A screenshot of the page, kept with the test's results. */
async function shot(
  page: Page,
  testInfo: TestInfo,
  name: string
): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test.describe('Build section on the dev hub', () => {
  test('builds, shows the whole log, hits the cache, and survives a reload mid-build', async ({
    page
  }, testInfo) => {
    const user = `slowbuild${testInfo.workerIndex}-${Date.now().toString(36)}`;
    const raw = hubPage(page);
    const requests: string[] = [];
    raw.on('request', request => requests.push(request.url()));

    await login(page, user);
    await startNamedServer(page, user, 'env', 'example.org/course/env:base');
    // JupyterLab's own question about news would cover the log's corner.
    const news = raw.locator('.Toastify__toast', { hasText: 'Jupyter news' });
    await news.getByRole('button', { name: 'No', exact: true }).click();
    await writeEnvironment(raw);
    const panel = await openEnvironmentPanel(page);
    await expect(panel.locator('[data-capability="build"]')).toHaveAttribute(
      'data-available',
      'true'
    );

    const section = panel.locator('#jp-envbuilder-build');
    await expect(
      section.getByTestId('envbuilder-build-history-empty')
    ).toHaveText('No builds yet.');
    // The log view's code (react-window, anser) is not loaded until a log is shown.
    expect(requests.filter(url => /react-window|anser/.test(url))).toEqual([]);

    // Build: the snapshot is taken and repo2docker runs; the log streams in.
    const buildButton = section.getByTestId('envbuilder-build-button');
    await expect(buildButton).toBeEnabled();
    await buildButton.click();
    await agreeToSend(raw, [['requirements.txt', '17 bytes']]);
    const status = section.getByTestId('envbuilder-build-status');
    await expect(status).toHaveAttribute(
      'data-phase',
      /waiting|fetching|building/
    );
    // The status bar item, always there, tells the build while one runs.
    const statusItem = raw.getByTestId('envbuilder-statusbar');
    await expect(statusItem).toHaveAttribute('data-building', 'true');
    await expect(statusItem).toContainText('Environment:');
    await expect(
      raw.locator('.Toastify__toast', { hasText: 'Building your environment' })
    ).toBeVisible();
    await section.getByTestId('envbuilder-build-show-log').click();
    const logView = raw.getByTestId('envbuilder-log-view');
    await expect(logView).toBeVisible();
    expect(requests.some(url => url.includes('react-window'))).toBe(true);
    // Ctrl+F in the log goes to its own search, which sees every line.
    await logView.locator('[role="list"]').focus();
    await raw.keyboard.press('Control+f');
    await expect(logView.getByRole('searchbox')).toBeFocused();

    // repo2docker's own lines: it picked git and cloned the snapshot commit.
    await findInLog(raw, 'Picked Git content provider.');
    await findInLog(raw, "Cloning into '/tmp/");
    await findInLog(raw, 'HEAD is now at');
    await expect(status).toHaveAttribute('data-phase', /fetching|building/);
    await shot(raw, testInfo, 'build-running');
    const before = await downloadLog(raw);
    expect(before[0]).toBe('Waiting for build to start...');
    await expect(section.getByTestId('envbuilder-build-history')).toContainText(
      'running'
    );

    // Stop watching: the stream closes, the build goes on (as it would on Kubernetes).
    await section.getByTestId('envbuilder-build-stop').click();
    await expect(section.getByTestId('envbuilder-build-stopped')).toContainText(
      'a BinderHub on Kubernetes keeps building after you stop watching; you can re-attach'
    );
    await expect(section.getByTestId('envbuilder-build-watch')).toBeVisible();

    // Reload in the middle of the build: the page follows the same build again.
    await raw.reload();
    await waitForLab(page);
    const again = await openEnvironmentPanel(page);
    const sectionAgain = again.locator('#jp-envbuilder-build');
    await expect(sectionAgain).toContainText(
      're-attached to a build that was running'
    );
    releaseBuild(user);
    await expect(
      sectionAgain.getByTestId('envbuilder-build-image')
    ).toBeVisible({
      timeout: 60 * 1000
    });
    // The readable name is shown; the full one is behind it (tooltip and copy button).
    const image = (await sectionAgain
      .getByTestId('envbuilder-build-image')
      .getAttribute('data-image'))!;
    // BinderHub's naming: the repository URL escaped, a hash, the SHA. The repository is
    // the hub's snapshot store, by content: no user, server or secret in the name.
    expect(image).toMatch(
      new RegExp(
        `^envbuilder-http-3a-2f-2f127-2e0-2e0-2e1-3a${PORT}-2fservices-2fsnapshots-2f([0-9a-f]{40})-2egit-[0-9a-f]{6}:\\1$`
      )
    );
    expect(image).not.toContain(user.replace(/-/g, '-2d'));
    await expect(
      sectionAgain.getByTestId('envbuilder-build-dry-run')
    ).toContainText(
      'Dry run: the build service has no container engine, so no image was built.'
    );
    await expect(
      sectionAgain.getByTestId('envbuilder-build-cache-hit')
    ).toHaveCount(0);
    await expectNotification(page, 'Dry run done', 'info');

    // The log after the reload is whole: the first lines again, then the rest.
    await sectionAgain.getByTestId('envbuilder-build-show-log').click();
    const after = await downloadLog(raw);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
    expect(after).toContain('Picked Git content provider.');
    expect(after[after.length - 1]).toBe(
      'Dry run: no container engine here, no image was built'
    );
    // The snapshot was fetched over HTTP through the hub's proxy from the snapshot store.
    const snapshotUrl = new RegExp(
      `^LABEL repo2docker\\.repo="http://127\\.0\\.0\\.1:${PORT}/services/snapshots/[0-9a-f]{40}\\.git"$`
    );
    expect(after.filter(line => snapshotUrl.test(line))).toHaveLength(1);
    const sha = image.split(':').pop()!;
    expect(after).toContain(`LABEL repo2docker.ref="${sha}"`);
    expect(
      after.some(line => line.startsWith(`HEAD is now at ${sha.slice(0, 7)}`))
    ).toBe(true);
    const labelRow = await findInLog(raw, 'LABEL repo2docker.repo=');
    await expect(labelRow).toContainText(
      `http://127.0.0.1:${PORT}/services/snapshots/`
    );
    await expect(labelRow.locator('mark')).toHaveText(
      'LABEL repo2docker.repo='
    );

    // Scrolling up stops following the end; "Jump to the end" comes back to it.
    await raw
      .getByTestId('envbuilder-log-view')
      .locator('[role="list"]')
      .hover();
    await raw.mouse.wheel(0, -3000);
    const jump = raw.getByTestId('envbuilder-log-jump');
    await expect(jump).toBeVisible();
    await jump.click();
    await expect(jump).toBeHidden();

    await shot(raw, testInfo, 'build-log');

    // A dry run built no image: nothing offers to restart into one as if it had.
    await expect(
      sectionAgain.getByTestId('envbuilder-build-restart')
    ).toHaveCount(0);
    await expect(
      sectionAgain.getByTestId('envbuilder-build-history')
    ).toContainText('dry run');
    // Only the Build section open, so the screenshot shows all of it.
    await onlySection(raw, 'build');
    await sectionAgain.evaluate(node => node.scrollTo(0, 0));
    await shot(raw, testInfo, 'build-panel-ready');

    // Build again without a change: the build service has it already, nothing runs; the
    // files were agreed to before the reload, so nothing is asked.
    await sectionAgain.getByTestId('envbuilder-build-button').click();
    await expect(
      sectionAgain.getByTestId('envbuilder-build-cache-hit')
    ).toBeVisible();
    await expect(raw.locator('.jp-Dialog')).toHaveCount(0);
    await expect(
      sectionAgain.getByTestId('envbuilder-build-image')
    ).toHaveAttribute('data-image', image);
    await expectNotification(page, 'Nothing changed', 'info');
    const cached = await downloadLog(raw);
    expect(cached).toEqual([
      'Done! Found built image from an earlier dry run. Dry run: no container engine here, no image was built'
    ]);
    await expect(
      sectionAgain.getByTestId('envbuilder-build-elapsed')
    ).toHaveText(/^0:0[0-2]$/);

    // The dark theme: the log's colours and the section come from --jp-* variables.
    await raw.evaluate(() =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Dark'
      })
    );
    await expect(raw.locator('body')).toHaveAttribute(
      'data-jp-theme-light',
      'false'
    );
    await shot(raw, testInfo, 'build-dark');
  });

  test('keeps Build off while a file has errors, and saves an open file before building', async ({
    page,
    user
  }, testInfo) => {
    const raw = hubPage(page);
    await login(page, user);
    await startNamedServer(page, user, 'env', 'example.org/course/env:base');
    await raw.evaluate(async () => {
      const contents = (window as any).jupyterapp.serviceManager.contents;
      await contents.save('environment', { type: 'directory' });
      await contents.save('environment/requirements.txt', {
        type: 'file',
        format: 'text',
        content: 'numpy=1.26\n'
      });
    });
    const panel = await openEnvironmentPanel(page);
    const section = panel.locator('#jp-envbuilder-build');
    const button = section.getByTestId('envbuilder-build-button');
    await expect(button).toBeDisabled();
    const reason = section.locator('.jp-EnvBuilder-reason');
    await expect(reason).toContainText(
      'Fix the problem in the environment files first: requirements.txt, line 1'
    );
    await expect(button).toHaveAttribute(
      'aria-describedby',
      (await reason.getAttribute('id'))!
    );
    await shot(raw, testInfo, 'build-blocked');

    // Fixed in an editor but not saved: Build saves it, then builds what was typed.
    await raw.evaluate(async () => {
      await (window as any).jupyterapp.commands.execute('docmanager:open', {
        path: 'environment/requirements.txt'
      });
    });
    const editor = raw.locator('.jp-FileEditor .cm-content');
    await editor.click();
    await raw.keyboard.press('Control+a');
    await raw.keyboard.type('numpy==1.26.4\n');
    await expect(raw.locator('.lm-DockPanel-tabBar .jp-mod-dirty')).toHaveCount(
      1
    );
    await expect(button).toBeEnabled();
    await button.click();
    await agreeToSend(raw, [['requirements.txt', '14 bytes']]);
    await expect(section.getByTestId('envbuilder-build-image')).toBeVisible();
    await expect(section).toContainText(
      'saved environment/requirements.txt first'
    );
    await expect(raw.locator('.lm-DockPanel-tabBar .jp-mod-dirty')).toHaveCount(
      0
    );
    const saved = await raw.evaluate(
      async () =>
        (
          await (window as any).jupyterapp.serviceManager.contents.get(
            'environment/requirements.txt'
          )
        ).content
    );
    expect(saved).toBe('numpy==1.26.4\n');
    await section.getByTestId('envbuilder-build-show-log').click();
    const log = await downloadLog(raw);
    expect(log).toContain(
      'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "requirements.txt"'
    );
  });
});
