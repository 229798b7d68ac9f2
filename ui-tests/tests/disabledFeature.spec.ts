/**
 * An admin switches one feature of the extension off with JupyterLab's `disabledExtensions`
 * (labconfig/page_config.json): Lab starts, the Environment panel shows the other sections,
 * and the feature's commands are gone.
 */
import * as fs from 'fs';
import * as path from 'path';

import {
  expect,
  hubPage,
  login,
  openEnvironmentPanel,
  startNamedServer,
  test
} from './hub';

const PORT = process.env.ENVBUILDER_E2E_PORT || '8010';
/** The dev hub's data folder for this port (see playwright.config.js). */
const DATA = path.resolve(__dirname, '..', '..', '.dev-data', `e2e-${PORT}`);

test('with the Share feature switched off, Lab starts and the other sections work', async ({
  page,
  user
}) => {
  // What an admin writes for everyone; here in this user's own Jupyter config folder, so
  // the other tests on the shared hub keep every feature.
  const labconfig = path.join(DATA, 'homes', user, '.jupyter', 'labconfig');
  fs.mkdirSync(labconfig, { recursive: true });
  fs.writeFileSync(
    path.join(labconfig, 'page_config.json'),
    JSON.stringify({
      disabledExtensions: { 'jupyterlab-envbuilder:share': true }
    })
  );
  const errors: string[] = [];
  hubPage(page).on('pageerror', error => errors.push(String(error)));

  await login(page, user);
  await startNamedServer(page, user, 'noshare', 'envbuilder-dev/base:latest');
  const panel = await openEnvironmentPanel(page);

  const titles = panel.locator('.jp-AccordionPanel-title');
  await expect(titles.filter({ hasText: 'Environment files' })).toHaveCount(1);
  await expect(titles.filter({ hasText: 'Build' })).toHaveCount(1);
  await expect(titles.filter({ hasText: 'Share' })).toHaveCount(0);
  const commands = await hubPage(page).evaluate(() => {
    const app = (window as any).jupyterapp;
    return [
      'envbuilder:build',
      'envbuilder:share',
      'envbuilder:copy-launch-link'
    ].map(id => app.commands.hasCommand(id));
  });
  expect(commands).toEqual([true, false, false]);
  expect(errors).toEqual([]);
});
