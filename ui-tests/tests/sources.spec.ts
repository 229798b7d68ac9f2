/**
 * Environments from elsewhere, kept by name: paste a git repository served on loopback into
 * the Sources section, build it with the Build section's log, save the image by name, and
 * start a second named server on it from the Saved environments section.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { docScreenshot } from './docshots';
import { createRepository, git, IGitServer, startGitServer } from './githttp';
import {
  expect,
  hubPage,
  login,
  openEnvironmentPanel,
  startNamedServer,
  test
} from './hub';
import { showOnly } from './panel';

test.describe('Environments from a repository, kept by name', () => {
  let scratch: string;
  let gitServer: IGitServer;
  let sha: string;

  test.beforeEach(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'envbuilder-sources-'));
    fs.mkdirSync(path.join(scratch, 'srv'));
    const bare = createRepository(path.join(scratch, 'srv'), 'analysis-env', {
      'requirements.txt': 'six\n'
    });
    sha = git(bare, 'rev-parse', 'main').trim();
    gitServer = await startGitServer(path.join(scratch, 'srv'));
  });

  test.afterEach(async () => {
    await gitServer?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('builds a pasted git URL, saves it by name, starts a second named server on it @hub5', async ({
    page,
    user
  }) => {
    const raw = hubPage(page);
    const repoUrl = `${gitServer.url}analysis-env.git`;
    await login(page, user);
    await startNamedServer(page, user, 'work', 'example.org/base:1');
    const panel = await openEnvironmentPanel(page);

    // Paste the address and the commit: the section says what it means.
    await showOnly(raw, 'sources');
    const sources = panel.locator('#jp-envbuilder-sources');
    const source = sources.locator('#jp-envbuilder-sources-source');
    await source.fill('not a repository');
    await expect(source).toHaveAttribute('aria-invalid', 'true');
    await expect(
      sources.getByRole('button', { name: 'Build this environment' })
    ).toBeDisabled();
    await source.fill(repoUrl);
    await sources.locator('#jp-envbuilder-sources-ref').fill(sha);
    const meaning = sources.getByRole('definition');
    await expect(meaning.first()).toHaveText('Git');
    await expect(sources).toContainText(repoUrl);
    const spec = `git/${encodeURIComponent(repoUrl)}/${sha}`;
    await expect(sources).toContainText(spec);
    await sources
      .getByRole('button', { name: 'Build this environment' })
      .scrollIntoViewIfNeeded();
    await docScreenshot(raw, 'sources');

    // Build by keyboard: the Build section shows it, through to the image.
    await source.press('Enter');
    const status = panel
      .locator('#jp-envbuilder-build')
      .getByTestId('envbuilder-build-status');
    await expect(status).toHaveAttribute('data-phase', 'ready', {
      timeout: 120 * 1000
    });
    const history = panel.getByTestId('envbuilder-build-history');
    await expect(history).toContainText(sha.slice(0, 7));
    // Its log as a document in the main area, from the history row.
    const row = history.locator(`li[data-image$=":${sha}"]`);
    await row
      .getByRole('button', {
        name: `Show the log of the build of ${sha.slice(0, 7)}`
      })
      .click();
    await expect(raw.getByTestId('envbuilder-log-view').last()).toContainText(
      'LABEL repo2docker.ref='
    );
    await docScreenshot(raw, 'build-log');

    // Save it by name; the same name again is refused at the field.
    await showOnly(raw, 'saved environments');
    const saved = panel.locator('#jp-envbuilder-saved');
    await saved.locator('#jp-envbuilder-saved-name').fill('thesis analysis');
    await saved.getByRole('button', { name: 'Save environment' }).click();
    const item = saved.locator('[data-saved-name="thesis analysis"]');
    await expect(item).toContainText(`${repoUrl} at ${sha.slice(0, 12)}`);
    const image = (await item.locator('code').first().textContent())!;
    expect(image.endsWith(`:${sha}`)).toBe(true);
    await saved.locator('#jp-envbuilder-saved-name').fill('Thesis Analysis');
    await saved.getByRole('button', { name: 'Save environment' }).click();
    await expect(saved.getByRole('alert')).toHaveText(
      'An environment with this name is saved already.'
    );
    await expect(saved.locator('.jp-EnvBuilder-savedItem')).toHaveCount(1);

    // A second named server on it, in a new tab; this one keeps running.
    await item
      .getByRole('button', { name: 'Start a new named server on it…' })
      .click();
    await expect(item.getByLabel('Named server')).toHaveValue(
      'thesis-analysis'
    );
    const [second] = await Promise.all([
      raw.context().waitForEvent('page'),
      item.getByRole('button', { name: 'Start it in a new tab' }).click()
    ]);
    await second.waitForURL(new RegExp(`/user/${user}/thesis-analysis/lab`), {
      timeout: 150 * 1000
    });
    await second.waitForFunction(
      () =>
        !!(window as any).jupyterapp?.commands.hasCommand(
          'envbuilder:open-panel'
        ),
      undefined,
      { timeout: 120 * 1000 }
    );
    await second.evaluate(async () => {
      const app = (window as any).jupyterapp;
      await app.restored;
      await app.commands.execute('envbuilder:open-panel');
    });
    await expect(
      second.locator('#jp-envbuilder-panel').getByTestId('envbuilder-image')
    ).toHaveText(image);
    await second.close();

    // Back here: the saved environment names the server that runs it.
    await raw.bringToFront();
    await raw.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(item.getByTestId('envbuilder-saved-servers')).toHaveText(
      'thesis-analysis'
    );
    const status2 = await raw.request.get(`/user/${user}/work/api/status`);
    expect(status2.status()).toBe(200);

    // Its packages were recorded when thesis-analysis first started; both servers run the
    // same environment, so comparing with this one finds nothing different.
    await item.getByRole('button', { name: 'Packages…' }).click();
    const packages = item.getByTestId('envbuilder-packages');
    await expect(packages.locator('summary')).toContainText(
      /\d+ packages, recorded at the first start on it/
    );
    await packages.getByRole('button', { name: 'Compare' }).click();
    await expect(
      packages.getByTestId('envbuilder-packages-same')
    ).toContainText('as the running server, versions included');
    await packages
      .getByTestId('envbuilder-packages-same')
      .scrollIntoViewIfNeeded();
    await docScreenshot(raw, 'saved-packages');

    // The same from the build's row in the history: unfolded, its packages and Compare.
    await showOnly(raw, 'build');
    await row
      .getByRole('button', { name: /^Packages of the build of/ })
      .click();
    const rowPackages = history.getByTestId('envbuilder-packages');
    await expect(rowPackages.locator('summary')).toContainText(
      /\d+ packages, recorded at the first start on it/
    );
    await rowPackages.getByRole('button', { name: 'Compare' }).click();
    await expect(
      rowPackages.getByTestId('envbuilder-packages-same')
    ).toContainText('as the running server, versions included');
    await showOnly(raw, 'saved environments');

    // Share: a course link into a named server; a name JupyterHub would refuse is refused.
    await item.getByRole('button', { name: 'Share…' }).click();
    const linkServer = item.getByLabel('Named server the link starts');
    await expect(linkServer).toHaveValue('thesis-analysis');
    await linkServer.fill('Thesis Analysis');
    await expect(linkServer).toHaveAttribute('aria-invalid', 'true');
    await linkServer.fill('thesis-analysis');
    const link = (await item
      .locator('.jp-EnvBuilder-savedLink')
      .textContent())!;
    expect(link).toContain('/hub/envbuilder/launch/thesis-analysis?');
    // Followed (here by its owner), it lands in that server, already on the image.
    const follower = await raw.context().newPage();
    await follower.goto(link);
    await follower.waitForURL(new RegExp(`/user/${user}/thesis-analysis/lab`), {
      timeout: 120 * 1000
    });
    // Closing a page whose Lab is still starting can hang in Chromium: close a started one.
    await follower.waitForFunction(
      () =>
        !!(window as any).jupyterapp?.commands.hasCommand(
          'envbuilder:open-panel'
        ),
      undefined,
      { timeout: 120 * 1000 }
    );
    await follower.close();

    // Rename, then delete (after the question).
    await item.getByRole('button', { name: 'Rename…' }).click();
    await item.getByLabel('New name').fill('thesis final');
    await item.getByRole('button', { name: 'Rename', exact: true }).click();
    const renamed = saved.locator('[data-saved-name="thesis final"]');
    await expect(renamed).toContainText(image);
    await expect(saved.locator('.jp-EnvBuilder-savedItem')).toHaveCount(1);
    raw.once('dialog', dialog => {
      expect(dialog.message()).toBe(
        'Delete the saved environment “thesis final”?'
      );
      void dialog.accept();
    });
    await renamed.getByRole('button', { name: 'Delete' }).click();
    await expect(saved.locator('.jp-EnvBuilder-savedItem')).toHaveCount(0);
    await expect(saved).toContainText('No saved environments yet.');
  });
});

test.describe('Pin versions', () => {
  test('pins what the server really runs into requirements.txt, after the user accepts the diff', async ({
    page,
    user
  }) => {
    const raw = hubPage(page);
    await login(page, user);
    await startNamedServer(page, user, 'work', 'example.org/base:1');
    // An old pin and a package without a version: both differ from what this server runs
    // (the project's environment).
    const read = () =>
      raw.evaluate(async () => {
        const contents = (window as any).jupyterapp.serviceManager.contents;
        const file = await contents.get('environment/requirements.txt', {
          content: true
        });
        return file.content as string;
      });
    await raw.evaluate(async () => {
      const contents = (window as any).jupyterapp.serviceManager.contents;
      await contents.save('environment', { type: 'directory' });
      await contents.save('environment/requirements.txt', {
        type: 'file',
        format: 'text',
        content: 'six==1.0.0\npackaging\n'
      });
    });
    const panel = await openEnvironmentPanel(page);
    await showOnly(raw, 'pin versions');
    await panel.getByRole('button', { name: 'Show pinned versions' }).click();

    const diff = panel.getByLabel('Changes to requirements.txt');
    await expect(diff.locator('[data-kind="removed"]')).toHaveText([
      '-six==1.0.0',
      '-packaging'
    ]);
    const added = diff.locator('[data-kind="added"]');
    await expect(added).toHaveText([/^\+six==\d/, /^\+packaging==\d/]);
    const six = (await added.first().textContent())!.trim().slice(1);
    expect(six).not.toBe('six==1.0.0');
    // Nothing is written before the user accepts.
    expect(await read()).toBe('six==1.0.0\npackaging\n');

    await panel
      .getByRole('button', { name: 'Accept and write requirements.txt' })
      .click();
    await expect(panel.getByTestId('envbuilder-pins-written')).toHaveText(
      'Written: requirements.txt'
    );
    const written = await read();
    expect(written).toMatch(new RegExp(`^${six.replace(/\./g, '\\.')}$`, 'm'));
    expect(written).toMatch(/^packaging==\d[^\n]*$/m);

    // Read again: the files name what runs, nothing more to pin.
    await panel
      .getByRole('button', { name: 'Read the versions again' })
      .click();
    await expect(panel.getByTestId('envbuilder-pins-none')).toBeVisible();
  });
});
