/**
 * Environment files on the dev hub: create the environment folder from the panel's
 * empty state, see what repo2docker will do, type a broken requirement without saving,
 * jump to it from the problem list, fix it; nothing on disk changes but by the user.
 */
import * as fs from 'fs';
import * as path from 'path';

import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { TestInfo } from '@playwright/test';

import { expect, login, startNamedServer, test } from './hub';

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
const FILE = 'environment/requirements.txt';
const BROKEN = 'numpy==1.26 ;; python_version>';

/** A file or folder as the server's contents API answers it, or null when missing. */
async function onServer(
  page: IJupyterLabPageFixture,
  filePath: string
): Promise<{ content: unknown; last_modified: string } | null> {
  return page.evaluate(async p => {
    const contents = (window as any).jupyterapp.serviceManager.contents;
    try {
      const model = await contents.get(p, { content: true });
      return { content: model.content, last_modified: model.last_modified };
    } catch {
      return null;
    }
  }, filePath);
}

/** The open file editor's cursor, 0-based as CodeMirror counts. */
async function cursor(
  page: IJupyterLabPageFixture
): Promise<{ path: string; line: number; column: number }> {
  return page.evaluate(() => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    const position = widget.content.editor.getCursorPosition();
    return { path: widget.context.path, ...position };
  });
}

/** Attach a screenshot of the page and one of the Environment files section. */
async function snap(
  page: IJupyterLabPageFixture,
  testInfo: TestInfo,
  name: string
): Promise<void> {
  for (const [suffix, shot] of [
    ['', () => page.screenshot()],
    ['-section', () => page.locator('#jp-envbuilder-envfiles').screenshot()]
  ] as const) {
    const file = testInfo.outputPath(`${name}${suffix}.png`);
    await fs.promises.writeFile(file, await shot());
    await testInfo.attach(`${name}${suffix}`, {
      path: file,
      contentType: 'image/png'
    });
  }
}

/** Select the whole of a 1-based line in the focused editor and type over it. */
async function replaceLine(
  page: IJupyterLabPageFixture,
  line: number,
  text: string
): Promise<void> {
  const editor = page.locator('.jp-FileEditor .cm-content');
  await editor
    .locator('.cm-line')
    .nth(line - 1)
    .click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text);
}

test.describe('Environment files', () => {
  test('create the folder, see a problem while typing, jump to it, fix it', async ({
    page,
    user
  }, testInfo) => {
    await login(page, user);
    await startNamedServer(page, user, 'envfiles', 'example.org/envfiles:1');
    expect(await onServer(page, 'environment')).toBeNull();

    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('envbuilder:open-panel')
    );
    const section = page.locator('#jp-envbuilder-envfiles');
    await expect(section).toBeVisible();

    // The empty state offers to create the folder with a starter file.
    const empty = section.getByTestId('envbuilder-envfiles-empty');
    await expect(empty).toContainText('No environment folder yet');
    await empty.getByLabel('First file').selectOption('requirements.txt');
    await expect(empty).toContainText('Python packages to install with pip');
    await snap(page, testInfo, 'envfiles-empty');
    // As a user reaching the button at the foot of a short section would.
    const scrolled = await section.evaluate(node => {
      node.scrollTop = node.scrollHeight;
      return node.scrollTop;
    });
    expect(scrolled).toBeGreaterThan(0);
    await empty.getByRole('button', { name: 'Create Folder and File' }).click();

    // The list shows the file and what repo2docker will do with it.
    const files = section.getByTestId('envbuilder-envfiles-files');
    const entry = files.locator('[data-path="requirements.txt"]');
    await expect(entry).toHaveAttribute('data-status', 'used');
    await expect(entry).toContainText('installed with pip');
    await expect(section.getByTestId('envbuilder-envfiles-plan')).toContainText(
      'requirements.txt selects a Python environment installed with pip.'
    );
    await expect(
      section.getByTestId('envbuilder-envfiles-problems')
    ).toContainText('No problems found');
    await expect(section.locator('.jp-EnvBuilder-notice')).toHaveText(
      'Created environment/ with requirements.txt.'
    );
    // Reaching the chooser scrolled the section down; the new folder shows from its top.
    await expect(
      section.getByTestId('envbuilder-envfiles-folder')
    ).toBeInViewport();
    await expect(entry).toBeInViewport();
    await snap(page, testInfo, 'envfiles-created');
    const created = await onServer(page, FILE);
    expect(created).not.toBeNull();
    const starter = created!.content as string;
    expect(starter.split('\n')[2]).toBe('numpy>=1.26');

    // Open it from the list (by keyboard) and type a broken requirement on line 3.
    await entry.getByRole('button', { name: 'requirements.txt' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.jp-FileEditor .cm-content')).toBeVisible();
    await expect.poll(async () => (await cursor(page)).path).toBe(FILE);
    await replaceLine(page, 3, BROKEN);

    const problems = section.locator('.jp-EnvBuilder-problemItem');
    const problem = problems.filter({ hasText: 'requirements.txt:3:14' });
    await expect(problem).toHaveCount(1, { timeout: 5000 });
    await expect(problem).toHaveAttribute('data-severity', 'error');
    await expect(problem).toContainText('This condition is not valid');
    await expect(problems).toHaveCount(1);
    await expect(entry).toContainText('1 problem');

    await problem.scrollIntoViewIfNeeded();
    await snap(page, testInfo, 'envfiles-problem');

    // Unsaved: the file on disk is still the starter.
    expect((await onServer(page, FILE))!.content).toBe(starter);

    // Move the cursor away, then jump back from the problem list.
    await page.locator('.jp-FileEditor .cm-line').first().click();
    expect((await cursor(page)).line).toBe(0);
    await problem.click();
    await expect
      .poll(async () => cursor(page))
      .toEqual({ path: FILE, line: 2, column: 13 });
    await expect(page.locator('.jp-FileEditor .cm-content')).toBeFocused();

    // Fix the line where the cursor now is: the problem clears.
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('numpy==1.26');
    await expect(problems).toHaveCount(0, { timeout: 5000 });
    await expect(
      section.getByTestId('envbuilder-envfiles-problems')
    ).toContainText('No problems found');
    await section
      .getByTestId('envbuilder-envfiles-problems')
      .scrollIntoViewIfNeeded();
    await snap(page, testInfo, 'envfiles-fixed');

    // Nothing was written by the panel: still the starter, same timestamp, one file.
    const before = await onServer(page, FILE);
    expect(before).toEqual(created);
    const folder = await onServer(page, 'environment');
    expect(
      (folder!.content as { name: string }[]).map(child => child.name)
    ).toEqual(['requirements.txt']);

    expect(fs.readFileSync(path.join(HOMES, user, FILE), 'utf8')).toBe(starter);

    // The user's own save is what changes the file, on the real disk too.
    await page.keyboard.press('Control+s');
    const edited = starter.replace('numpy>=1.26', 'numpy==1.26');
    await expect
      .poll(async () => (await onServer(page, FILE))?.content)
      .toBe(edited);
    const onDisk = fs.readFileSync(path.join(HOMES, user, FILE), 'utf8');
    expect(onDisk).toBe(edited);
    // JupyterLab keeps its own checkpoint next to the file; snapshots skip it.
    const names = fs
      .readdirSync(path.join(HOMES, user, 'environment'))
      .filter(name => name !== '.ipynb_checkpoints');
    expect(names).toEqual(['requirements.txt']);

    // After the save, unsaved typing is checked again; the dark theme keeps it readable.
    await replaceLine(page, 4, 'pandas>=');
    const again = problems.filter({ hasText: 'requirements.txt:4:7' });
    await expect(again).toHaveCount(1, { timeout: 5000 });
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Dark'
      })
    );
    await expect(page.locator('body')).toHaveAttribute(
      'data-jp-theme-light',
      'false'
    );
    await again.scrollIntoViewIfNeeded();
    await snap(page, testInfo, 'envfiles-dark');
    expect(fs.readFileSync(path.join(HOMES, user, FILE), 'utf8')).toBe(edited);
  });
});

test.describe('What the build reads', () => {
  test('files a binder/ folder makes ignored never block Build, and runtime.txt is described as repo2docker reads it', async ({
    page,
    user
  }) => {
    await login(page, user);
    await startNamedServer(page, user, 'ignored', 'example.org/ignored:1');
    // Laid out like repo2docker's own binder-dir test repositories: broken files beside binder/.
    await page.evaluate(async () => {
      const contents = (window as any).jupyterapp.serviceManager.contents;
      const write = (path: string, content: string) =>
        contents.save(path, { type: 'file', format: 'text', content });
      await contents.save('environment', { type: 'directory' });
      await contents.save('environment/binder', { type: 'directory' });
      await write('environment/binder/requirements.txt', 'requests\n');
      await write(
        'environment/environment.yml',
        'dependencies:\n  - numpy\n  broken\n'
      );
      await write('environment/runtime.txt', 'python-3.x\n');
    });
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('envbuilder:open-panel')
    );
    const section = page.locator('#jp-envbuilder-envfiles');
    const files = section.getByTestId('envbuilder-envfiles-files');
    const plan = section.getByTestId('envbuilder-envfiles-plan');
    const problems = section.locator('.jp-EnvBuilder-problemItem');
    const buildButton = page.getByTestId('envbuilder-build-button');

    // Ignored files: listed as such, their mistakes information only, Build on.
    await expect(
      files.locator('[data-path="environment.yml"]')
    ).toHaveAttribute('data-status', 'ignored');
    await expect(files.locator('[data-path="runtime.txt"]')).toHaveAttribute(
      'data-status',
      'ignored'
    );
    await expect(
      files.locator('[data-path="binder/requirements.txt"]')
    ).toHaveAttribute('data-status', 'used');
    await expect(problems.first()).toBeVisible();
    const severities = await problems.evaluateAll(items =>
      items.map(item => item.getAttribute('data-severity'))
    );
    expect(severities.length).toBeGreaterThan(0);
    expect(severities.every(severity => severity === 'info')).toBe(true);
    // An ignored runtime.txt is not "the version"; the default Python says why it is chosen.
    await expect(plan.locator('[data-python-source]')).toHaveAttribute(
      'data-python-source',
      'default'
    );
    await expect(plan).not.toContainText('runtime.txt)');
    await expect(plan.locator('.jp-EnvBuilder-blocker')).toHaveCount(0);
    await expect(buildButton).toBeEnabled();

    // Without binder/, runtime.txt is read: "python-3.x" is rejected, not "used" as a version.
    await page.evaluate(async () => {
      const contents = (window as any).jupyterapp.serviceManager.contents;
      await contents.delete('environment/binder/requirements.txt');
      await contents.delete('environment/binder');
      await contents.delete('environment/environment.yml');
      await contents.save('environment/requirements.txt', {
        type: 'file',
        format: 'text',
        content: 'requests\n'
      });
    });
    const runtime = files.locator('[data-path="runtime.txt"]');
    await expect(runtime).toHaveAttribute('data-status', 'used');
    await expect(runtime.locator('.jp-EnvBuilder-reason')).not.toHaveText(
      /^Used/
    );
    await expect(
      plan.locator('[data-blocker="runtime-rejected"]')
    ).toBeVisible();
    await expect(
      problems.filter({ hasText: 'runtime.txt' }).first()
    ).toHaveAttribute('data-severity', 'error');
    await expect(buildButton).toBeDisabled();

    // A version repo2docker accepts: used, named as the Python version, Build on again.
    await page.evaluate(() =>
      (window as any).jupyterapp.serviceManager.contents.save(
        'environment/runtime.txt',
        { type: 'file', format: 'text', content: 'python-3.12\n' }
      )
    );
    await expect(plan.locator('[data-python-source]')).toHaveAttribute(
      'data-python-source',
      'runtime'
    );
    await expect(plan.locator('[data-python-source]')).toContainText('3.12');
    await expect(plan.locator('.jp-EnvBuilder-blocker')).toHaveCount(0);
    await expect(buildButton).toBeEnabled();

    // A warning (one project on two lines) is counted as a warning, never in error red.
    await page.evaluate(() =>
      (window as any).jupyterapp.serviceManager.contents.save(
        'environment/requirements.txt',
        { type: 'file', format: 'text', content: 'requests\nRequests\n' }
      )
    );
    const count = files
      .locator('[data-path="requirements.txt"]')
      .locator('.jp-EnvBuilder-fileCount');
    await expect(count).toHaveText('1 warning');
    await expect(count).toHaveAttribute('data-severity', 'warning');
    await expect(
      problems.filter({ hasText: 'requirements.txt:2:1' })
    ).toHaveAttribute('data-severity', 'warning');
    await expect(buildButton).toBeEnabled();
  });
});
