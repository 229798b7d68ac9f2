/**
 * Launch links end to end: an instructor copies a link for a notebook in a git clone; a
 * student opens it, logs in, gets a server on the instructor's image, nbgitpuller clones the
 * course repository from a real git server, and the notebook opens.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  createRepository,
  git,
  gitAsync,
  IGitServer,
  notebook,
  startGitServer
} from './githttp';
import { expect, login, PASSWORD, startNamedServer, test } from './hub';
import { expectNotification, listedNotifications } from './notifications';
import { agreeToSend } from './sendFiles';

// Where the dev hub keeps each user's home (ui-tests/playwright.config.js, dev/).
const PORT = process.env.ENVBUILDER_E2E_PORT || '8010';
const HOMES = path.resolve(
  __dirname,
  '..',
  '..',
  '.dev-data',
  `e2e-${PORT}`,
  'homes'
);
const IMAGE = 'example.org/course/env:2026-spring';
const WELCOME = 'Welcome to the course, week 1';

test.describe('Launch links for students', () => {
  let scratch: string;
  let gitServer: IGitServer;

  test.beforeEach(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'envbuilder-share-'));
    fs.mkdirSync(path.join(scratch, 'srv'));
    createRepository(path.join(scratch, 'srv'), 'course', {
      'lessons/intro.ipynb': notebook(`# ${WELCOME}\n`),
      'README.md': '# Course\n'
    });
    gitServer = await startGitServer(path.join(scratch, 'srv'));
  });

  test.afterEach(async () => {
    await gitServer?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('an instructor copies a link; a student opens the notebook on that image @hub5', async ({
    page,
    user,
    browser
  }, testInfo) => {
    const repoUrl = `${gitServer.url}course.git`;
    // The instructor's home holds a clone of the course, as after `git clone` in a terminal.
    const home = path.join(HOMES, user);
    fs.mkdirSync(home, { recursive: true });
    await gitAsync(home, 'clone', '--quiet', repoUrl, 'course');

    // The instructor logs in and works on a named server running the course image.
    await login(page, user);
    await startNamedServer(page, user, 'teaching', IMAGE);

    // File browser: course/lessons, right-click the notebook, Copy Launch Link.
    const listing = page.locator('.jp-DirListing-content');
    const item = (name: string) =>
      listing.locator('.jp-DirListing-item', {
        has: page.locator('.jp-DirListing-itemText', {
          hasText: new RegExp(`^${name}$`)
        })
      });
    await item('course').dblclick();
    await item('lessons').dblclick();
    await item('intro.ipynb').click({ button: 'right' });
    await page
      .locator('.lm-Menu-item', { hasText: 'Copy Launch Link' })
      .click();

    // The Share section is filled in from the clone.
    const panel = page.locator('#jp-envbuilder-panel');
    const share = panel.locator('#jp-envbuilder-share');
    await expect(share).toBeVisible();
    // The clone's state is named on failure (loading, notAClone, error), not only "not found".
    await expect(share.locator('.jp-EnvBuilder-clone')).toHaveAttribute(
      'data-git-state',
      'ready'
    );
    await expect(share.locator('#jp-envbuilder-share-repo')).toHaveValue(
      repoUrl
    );
    await expect(share.locator('#jp-envbuilder-share-branch')).toHaveValue(
      'main'
    );
    await expect(share.locator('#jp-envbuilder-share-path')).toHaveValue(
      'lessons/intro.ipynb'
    );
    await expect(
      share.locator('#jp-envbuilder-share-environment-current')
    ).toBeChecked();
    await expect(
      share.getByTestId('envbuilder-share-current-image')
    ).toHaveText(IMAGE);
    // A clean, pushed clone: nothing students would miss.
    await expect(share.getByTestId('envbuilder-share-warnings')).toHaveCount(0);
    await expectNotification(page, 'Launch link for', 'success');

    // A bad address is shown next to its field, and no link is shown at all.
    const repoInput = share.locator('#jp-envbuilder-share-repo');
    await repoInput.fill('git@127.0.0.1:course.git');
    await expect(
      share.locator('#jp-envbuilder-share-repo-errors')
    ).toContainText("Use the repository's https:// address");
    await expect(repoInput).toHaveAttribute('aria-invalid', 'true');
    await expect(share.getByTestId('envbuilder-share-url')).toHaveCount(0);
    await expect(share.getByTestId('envbuilder-share-no-link')).toBeVisible();
    await repoInput.fill(repoUrl);

    const summary = share.getByTestId('envbuilder-share-summary');
    await expect(summary).toContainText(`on the image ${IMAGE}`);
    await expect(summary).toContainText(
      'lessons/intro.ipynb opens in JupyterLab'
    );
    const url = (await share
      .getByTestId('envbuilder-share-url')
      .textContent())!;
    expect(url.startsWith(`http://127.0.0.1:${PORT}/hub/spawn?`)).toBe(true);
    await expect(share.getByTestId('envbuilder-share-markdown')).toContainText(
      `](${url})`
    );
    // Each output has its own Copy button, reachable by keyboard.
    const copyUrl = share.getByRole('button', { name: 'Copy Link' });
    await copyUrl.focus();
    await page.keyboard.press('Enter');
    await expect(copyUrl).toHaveText('Copied');

    // Screenshots of the whole Share section: a taller window, a wider sidebar, and every
    // other section of the panel collapsed. Light theme, then dark.
    await page.setViewportSize({ width: 1400, height: 1500 });
    const otherExpanded = panel.locator(
      '.jp-AccordionPanel-title.lm-mod-expanded',
      { hasNotText: 'Share' }
    );
    while ((await otherExpanded.count()) > 0) {
      await otherExpanded.first().click();
    }
    const handle = page
      .locator('#jp-main-split-panel > .lm-SplitPanel-handle')
      .first();
    const box = await handle.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + 300);
      await page.mouse.down();
      await page.mouse.move(box.x + 200, box.y + 300, { steps: 5 });
      await page.mouse.up();
    }
    await share.evaluate(node => (node.scrollTop = 0));
    for (const theme of ['JupyterLab Light', 'JupyterLab Dark']) {
      await page.evaluate(
        name =>
          (window as any).jupyterapp.commands.execute('apputils:change-theme', {
            theme: name
          }),
        theme
      );
      await expect(page.locator('body')).toHaveAttribute(
        'data-jp-theme-name',
        theme
      );
      const name = theme.endsWith('Dark')
        ? 'share-section-dark'
        : 'share-section';
      const shot = testInfo.outputPath(`${name}.png`);
      await panel.screenshot({ path: shot });
      await testInfo.attach(name, { path: shot, contentType: 'image/png' });
    }

    // A student, in a browser of their own, opens the link and logs in.
    const student = `${user}-student`;
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 }
    });
    try {
      const studentPage = await context.newPage();
      await studentPage.goto(url);
      await studentPage.locator('#username_input').fill(student);
      await studentPage.locator('#password_input').fill(PASSWORD);
      await studentPage.locator('#login_submit').click();

      // Spawn on the image, nbgitpuller's clone, then the notebook in JupyterLab.
      await studentPage.waitForURL(
        new RegExp(`/user/${student}/lab/tree/course/lessons/intro\\.ipynb`),
        { timeout: 150 * 1000 }
      );
      const notebookPanel = studentPage.locator('.jp-NotebookPanel');
      await expect(notebookPanel).toBeVisible({ timeout: 60 * 1000 });
      await expect(
        studentPage.locator('.lm-DockPanel-tabBar .lm-mod-current')
      ).toContainText('intro.ipynb');
      await expect(
        notebookPanel.locator('.jp-RenderedMarkdown h1')
      ).toContainText(WELCOME);

      // The student's default server runs on the instructor's image.
      await studentPage.waitForFunction(() =>
        (window as any).jupyterapp?.commands.hasCommand('envbuilder:open-panel')
      );
      await studentPage.evaluate(() =>
        (window as any).jupyterapp.commands.execute('envbuilder:open-panel')
      );
      const studentPanel = studentPage.locator('#jp-envbuilder-panel');
      await expect(studentPanel.getByTestId('envbuilder-image')).toHaveText(
        IMAGE
      );
      await expect(studentPanel.getByTestId('envbuilder-server')).toHaveText(
        `${student} (default server)`
      );
      const studentShot = testInfo.outputPath('student-view.png');
      await studentPage.screenshot({ path: studentShot });
      await testInfo.attach('student-view', {
        path: studentShot,
        contentType: 'image/png'
      });

      // nbgitpuller cloned over smart HTTP, shallow, into the student's home.
      const clone = path.join(HOMES, student, 'course');
      expect(fs.existsSync(path.join(clone, 'lessons', 'intro.ipynb'))).toBe(
        true
      );
      expect(git(clone, 'rev-parse', '--is-shallow-repository').trim()).toBe(
        'true'
      );
    } finally {
      await context.close();
    }
  });

  test('offers the images the history offers to restart into, and warns about a notebook students would not get', async ({
    page,
    user
  }) => {
    const repoUrl = `${gitServer.url}course.git`;
    const home = path.join(HOMES, user);
    fs.mkdirSync(home, { recursive: true });
    await gitAsync(home, 'clone', '--quiet', repoUrl, 'course');
    // A new notebook, never committed: a link to it would give students nothing.
    fs.writeFileSync(
      path.join(home, 'course', 'lessons', 'draft.ipynb'),
      notebook('# Draft\n')
    );
    await login(page, user);
    await startNamedServer(page, user, 'links', IMAGE);

    // Two builds of the folder (the dev hub's build service does dry runs).
    const write = (content: string) =>
      page.evaluate(async text => {
        const contents = (window as any).jupyterapp.serviceManager.contents;
        await contents.save('environment', { type: 'directory' });
        await contents.save('environment/requirements.txt', {
          type: 'file',
          format: 'text',
          content: text
        });
      }, content);
    await write('six\n');
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('envbuilder:show-section', {
        section: 'build'
      })
    );
    const panel = page.locator('#jp-envbuilder-panel');
    const buildButton = panel.getByTestId('envbuilder-build-button');
    const history = panel.getByTestId('envbuilder-build-history');
    await buildButton.click();
    await agreeToSend(page, [['requirements.txt', '4 bytes']]);
    await expect(history.locator('li')).toHaveCount(1, { timeout: 60 * 1000 });
    await write('six==1.16.0\n');
    await expect(buildButton).toBeEnabled();
    await buildButton.click();
    await expect(history.locator('li')).toHaveCount(2, { timeout: 60 * 1000 });
    // Both ended (a running build's row offers no restart yet).
    await expect(history.locator('li[data-result="dry-run"]')).toHaveCount(2, {
      timeout: 60 * 1000
    });
    const restartable = await history
      .locator('li', { has: page.getByTestId('envbuilder-history-restart') })
      .evaluateAll(rows => rows.map(row => row.getAttribute('data-image')));
    expect(restartable).toHaveLength(2);

    // Copy Launch Link on the uncommitted notebook: a warning naming it, no success.
    const listing = page.locator('.jp-DirListing-content');
    const item = (name: string) =>
      listing.locator('.jp-DirListing-item', {
        has: page.locator('.jp-DirListing-itemText', {
          hasText: new RegExp(`^${name}$`)
        })
      });
    await page.evaluate(async () => {
      const commands = (window as any).jupyterapp.commands;
      await commands.execute('filebrowser:activate');
      await commands.execute('filebrowser:go-to-path', {
        path: 'course/lessons'
      });
    });
    await item('draft.ipynb').click({ button: 'right' });
    await page
      .locator('.lm-Menu-item', { hasText: 'Copy Launch Link' })
      .click();
    const share = panel.locator('#jp-envbuilder-share');
    await expect(share.locator('#jp-envbuilder-share-path')).toHaveValue(
      'lessons/draft.ipynb'
    );
    // Opened beside the open Build and Environment files sections, it has room to show.
    expect((await share.boundingBox())!.height).toBeGreaterThan(150);
    await expect(share.getByTestId('envbuilder-share-warnings')).toContainText(
      'draft.ipynb'
    );
    await expectNotification(
      page,
      'will not give students this notebook',
      'warning'
    );
    expect(
      (await listedNotifications(page, 'Launch link for')).map(
        notification => notification.type
      )
    ).not.toContain('success');

    // An image of the build history: exactly the ones the history offers to restart into.
    await share.locator('#jp-envbuilder-share-environment-build').check();
    const choice = share.locator('#jp-envbuilder-share-buildImage');
    const offered = await choice
      .locator('option')
      .evaluateAll(options =>
        options.map(option => (option as HTMLOptionElement).value)
      );
    expect(offered).toEqual(restartable);
    await expect(choice.locator('option').first()).toContainText(
      'no image was built'
    );
    await expect(share.getByTestId('envbuilder-share-summary')).toContainText(
      'No image was built under the name'
    );
  });
});
