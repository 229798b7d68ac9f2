/**
 * Course links that name a server: an instructor makes one in the Share section; a student
 * whose default server runs another image follows it into the named server `course-101`,
 * where nbgitpuller has pulled the course, and the default server runs on untouched.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  createRepository,
  IGitServer,
  notebook,
  startGitServer
} from './githttp';
import {
  expect,
  hubPage,
  hubVersion,
  login,
  openEnvironmentPanel,
  PASSWORD,
  startNamedServer,
  test
} from './hub';
import { showOnly } from './panel';

const COURSE_IMAGE = 'example.org/course/env:2026-spring';
const RESEARCH_IMAGE = 'example.org/research/env:2023';

test.describe('Course links into a named server', () => {
  let scratch: string;
  let gitServer: IGitServer;

  test.beforeEach(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'envbuilder-course-'));
    fs.mkdirSync(path.join(scratch, 'srv'));
    createRepository(path.join(scratch, 'srv'), 'course', {
      'lessons/intro.ipynb': notebook('# Week 1\n')
    });
    gitServer = await startGitServer(path.join(scratch, 'srv'));
  });

  test.afterEach(async () => {
    await gitServer?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('a student follows a course link into a named server while the default server runs @hub5', async ({
    page,
    user,
    browser
  }) => {
    // JupyterHub 6 reads spawn options from the query as `opt-<name>`, 5 as `<name>`.
    const hubMajor = parseInt((await hubVersion(page)).split('.')[0], 10);
    const imageOption = hubMajor >= 6 ? 'opt-image' : 'image';
    // The instructor, on a server running the course image, makes the link.
    const raw = hubPage(page);
    await login(page, user);
    await startNamedServer(page, user, 'teaching', COURSE_IMAGE);
    const panel = await openEnvironmentPanel(page);
    await showOnly(raw, 'share');
    const share = panel.locator('#jp-envbuilder-share');
    await share
      .locator('#jp-envbuilder-share-repo')
      .fill(`${gitServer.url}course.git`);
    await share.locator('#jp-envbuilder-share-branch').fill('main');
    await share
      .locator('#jp-envbuilder-share-path')
      .fill('lessons/intro.ipynb');
    await share.locator('#jp-envbuilder-share-environment-current').check();
    const named = share.getByTestId('envbuilder-share-named-server');
    await named.getByLabel('Server name').fill('Course 101');
    await expect(named.getByLabel('Server name')).toHaveAttribute(
      'aria-invalid',
      'true'
    );
    await named.getByLabel('Server name').fill('course-101');
    const url = (await named
      .getByTestId('envbuilder-share-named-url')
      .textContent())!;
    expect(new URL(url).pathname).toBe('/hub/envbuilder/launch/course-101');

    // The student works on the default server, on another image.
    const student = `${user}-student`;
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 }
    });
    try {
      const studentPage = await context.newPage();
      await studentPage.goto('/hub/login');
      await studentPage.locator('#username_input').fill(student);
      await studentPage.locator('#password_input').fill(PASSWORD);
      await studentPage.locator('#login_submit').click();
      await studentPage.waitForURL(/\/hub\/(home|spawn)/);
      await studentPage.goto(
        `/hub/spawn/${student}?${imageOption}=${encodeURIComponent(RESEARCH_IMAGE)}`
      );
      await studentPage.waitForURL(new RegExp(`/user/${student}/lab`), {
        timeout: 150 * 1000
      });

      // The course link: course-101 is created on the course image, the notebook opens.
      await studentPage.goto(url);
      await studentPage.waitForURL(
        new RegExp(
          `/user/${student}/course-101/lab/tree/course/lessons/intro\\.ipynb`
        ),
        { timeout: 150 * 1000 }
      );
      await expect(studentPage.locator('.jp-NotebookPanel')).toBeVisible({
        timeout: 60 * 1000
      });
      await studentPage.waitForFunction(
        () =>
          !!(window as any).jupyterapp?.commands.hasCommand(
            'envbuilder:open-panel'
          )
      );
      await studentPage.evaluate(async () => {
        const app = (window as any).jupyterapp;
        await app.restored;
        await app.commands.execute('envbuilder:open-panel');
      });
      const studentPanel = studentPage.locator('#jp-envbuilder-panel');
      await expect(studentPanel.getByTestId('envbuilder-image')).toHaveText(
        COURSE_IMAGE
      );
      await expect(studentPanel.getByTestId('envbuilder-server')).toHaveText(
        `${student} / course-101`
      );

      // The default server still runs, on its own image.
      const status = await studentPage.request.get(
        `/user/${student}/api/status`
      );
      expect(status.status()).toBe(200);
      const envs = await studentPage.request.get(
        `/user/${student}/envbuilder/environments`
      );
      expect((await envs.json()).runningImage).toBe(RESEARCH_IMAGE);
    } finally {
      await context.close();
    }
  });
});
