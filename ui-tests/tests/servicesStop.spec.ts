/**
 * "Available" means reachable now. While the panel is open, the hub's build service and then
 * its snapshot store stop for real: their process ends and stays down (dev/held_service.py)
 * until the test lets JupyterHub start it again, as JupyterHub does for a managed service that
 * exited. Without a reload, a failed build turns Build off with the reason; the panel's next
 * checks see the store go and each service come back (Build on again).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Locator, Page } from '@playwright/test';

import {
  expect,
  hubPage,
  login,
  onlySection,
  openEnvironmentPanel,
  startNamedServer,
  test
} from './hub';
import { agreeToSend } from './sendFiles';

const HELD = path.join(process.env.ENVBUILDER_E2E_DATA!, 'held-services');
// JupyterHub looks at its services every 30 s (with jitter) and starts an exited one again;
// the service then needs a few seconds to answer, and the panel asks every 10 s.
const BACK_TIMEOUT = 90 * 1000;

/** Stop the hub service `name` and keep it down until the returned function is called. */
function stopService(name: string): () => void {
  const hold = path.join(HELD, `${name}.hold`);
  fs.writeFileSync(hold, '');
  const pid = parseInt(
    fs.readFileSync(path.join(HELD, `${name}.pid`), 'utf-8'),
    10
  );
  process.kill(pid, 'SIGTERM');
  return () => fs.rmSync(hold, { force: true });
}

async function writeEnvironment(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const contents = (window as any).jupyterapp.serviceManager.contents;
    await contents.save('environment', { type: 'directory' });
    await contents.save('environment/requirements.txt', {
      type: 'file',
      format: 'text',
      content: 'attrs==23.2.0\n'
    });
  });
}

/** Build is on, and "Server and hub" says the capability is there. */
async function expectBuildOn(section: Locator, capability: Locator) {
  await expect(section.getByTestId('envbuilder-build-button')).toBeEnabled({
    timeout: BACK_TIMEOUT
  });
  await expect(section.locator('.jp-EnvBuilder-reason')).toHaveCount(0);
  await expect(capability).toHaveAttribute('data-available', 'true');
}

test('Build goes off when the build service or the snapshot store stops, and on when it is back', async ({
  page,
  user
}, testInfo) => {
  const raw = hubPage(page);
  await raw.setViewportSize({ width: 1366, height: 768 });
  await login(page, user);
  await startNamedServer(page, user, 'outage', 'example.org/outage:base');
  await writeEnvironment(raw);
  const panel = await openEnvironmentPanel(page);
  await onlySection(raw, 'build');
  const section = panel.locator('#jp-envbuilder-build');
  const button = section.getByTestId('envbuilder-build-button');
  const reason = section.locator('.jp-EnvBuilder-reason');
  const build = panel.locator('[data-capability="build"]');
  const store = panel.locator('[data-capability="snapshotStore"]');
  await expectBuildOn(section, build);

  const releases: (() => void)[] = [];
  try {
    // The build service goes away; the panel learns it from a build that fails.
    releases.push(stopService('binder'));
    await button.click();
    await agreeToSend(raw, [['requirements.txt', '14 bytes']]);
    await expect(reason).toContainText(
      'No build service: the build service cannot be reached'
    );
    await expect(button).toBeDisabled();
    await expect(build).toHaveAttribute('data-available', 'false');
    const shot = testInfo.outputPath('build-service-stopped.png');
    await raw.screenshot({ path: shot });
    await testInfo.attach('build-service-stopped', {
      path: shot,
      contentType: 'image/png'
    });
    // The snapshot store goes away too (stopped now, JupyterHub's restart of it overlaps the
    // build service's); the build service comes back. The panel's checks see both without a
    // reload or a click: Build stays off, now for the store.
    releases.push(stopService('snapshots'));
    releases.shift()!();
    await expect(build).toHaveAttribute('data-available', 'true', {
      timeout: BACK_TIMEOUT
    });
    await expect(reason).toContainText(
      'No build until the snapshot store answers: the snapshot store cannot be reached'
    );
    await expect(button).toBeDisabled();
    await expect(store).toHaveAttribute('data-available', 'false');

    // The store comes back: Build is on again.
    releases.shift()!();
    await expectBuildOn(section, store);
  } finally {
    // The specs after this one need both services.
    releases.forEach(release => release());
  }
});
