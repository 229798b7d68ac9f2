/**
 * One build for a course: an instructor and a student, each on a named server of their own,
 * keep the same environment files; the instructor's build is the student's too. The snapshot
 * goes to the hub's snapshot store by content, so both build the same repository and the
 * build service finds the instructor's image for the student.
 */
import { Page, TestInfo } from '@playwright/test';

import {
  expect,
  hubPage,
  login,
  openEnvironmentPanel,
  startNamedServer,
  test
} from './hub';
import { expectNotification } from './notifications';
import { agreeToSend } from './sendFiles';

const IMAGE = 'example.org/course/env:base';
const COURSE = {
  'requirements.txt': 'numpy==2.1.0\n',
  postBuild: '#!/bin/sh\necho course ready\n'
};

async function writeCourse(page: Page): Promise<void> {
  await page.evaluate(async files => {
    const contents = (window as any).jupyterapp.serviceManager.contents;
    await contents.save('environment', { type: 'directory' });
    for (const [name, content] of Object.entries(files)) {
      await contents.save(`environment/${name}`, {
        type: 'file',
        format: 'text',
        content
      });
    }
  }, COURSE);
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('an instructor and a student with the same files share one build', async ({
  page
}, testInfo) => {
  const stamp = `${testInfo.workerIndex}-${Date.now().toString(36)}`;
  const instructor = `instructor${stamp}`;
  const student = `student${stamp}`;
  const raw = hubPage(page);
  await raw.setViewportSize({ width: 1366, height: 768 });

  // The instructor prepares the course environment and builds it: a real build.
  await login(page, instructor);
  await startNamedServer(page, instructor, 'prep', IMAGE);
  await writeCourse(raw);
  let panel = await openEnvironmentPanel(page);
  // The handshake says builds are shared: the hub runs a snapshot store.
  await expect(
    panel.locator('[data-capability="snapshotStore"]')
  ).toHaveAttribute('data-available', 'true');
  let section = panel.locator('#jp-envbuilder-build');
  await section.getByTestId('envbuilder-build-button').click();
  await expect(raw.getByTestId('envbuilder-send-files')).toBeVisible();
  await shot(raw, testInfo, 'send-files-light');
  await agreeToSend(raw, [
    ['postBuild', '28 bytes'],
    ['requirements.txt', '13 bytes']
  ]);
  const built = section.getByTestId('envbuilder-build-image');
  await expect(built).toBeVisible({ timeout: 120 * 1000 });
  const image = (await built.getAttribute('data-image'))!;
  await expect(section.getByTestId('envbuilder-build-cache-hit')).toHaveCount(
    0
  );
  // The log it opens is the build's, at its end: the Dockerfile repo2docker wrote, which
  // no cache hit has.
  await section.getByTestId('envbuilder-build-show-log').click();
  await expect(raw.getByTestId('envbuilder-log-view')).toContainText(
    'LABEL repo2docker.ref='
  );

  // The student, on another named server, in the dark theme, with the same files.
  await raw.goto('/hub/logout');
  await login(page, student);
  await startNamedServer(page, student, 'course', IMAGE);
  await raw.evaluate(() =>
    (window as any).jupyterapp.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Dark'
    })
  );
  await expect(raw.locator('body')).toHaveAttribute(
    'data-jp-theme-light',
    'false'
  );
  await writeCourse(raw);
  panel = await openEnvironmentPanel(page);
  section = panel.locator('#jp-envbuilder-build');
  await section.getByTestId('envbuilder-build-button').click();
  // The student is asked about their own files, as anyone is before a first build.
  await expect(raw.locator('.jp-Dialog')).toContainText(
    'This is the first build of environment/'
  );
  await shot(raw, testInfo, 'send-files-dark');
  // Escape sends nothing; the next Build asks again.
  await raw.keyboard.press('Escape');
  await expect(raw.locator('.jp-Dialog')).toHaveCount(0);
  await expect(section.getByTestId('envbuilder-build-status')).toContainText(
    'Not built: the files were not sent'
  );
  await section.getByTestId('envbuilder-build-button').click();
  await agreeToSend(raw, [
    ['postBuild', '28 bytes'],
    ['requirements.txt', '13 bytes']
  ]);

  // One build: the student's is the instructor's image, found, not built again.
  await expect(section.getByTestId('envbuilder-build-cache-hit')).toBeVisible({
    timeout: 60 * 1000
  });
  await expect(section.getByTestId('envbuilder-build-image')).toHaveAttribute(
    'data-image',
    image
  );
  await expectNotification(page, 'Nothing changed', 'info');
  for (const name of [instructor, student]) {
    expect(image).not.toContain(name);
  }
  await shot(raw, testInfo, 'shared-build-dark');
});
