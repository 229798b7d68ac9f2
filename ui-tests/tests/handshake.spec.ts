import { expect, hubVersion, login, startNamedServer, test } from './hub';

test.describe('Environment panel on the dev hub', () => {
  test('shows the handshake of a named server with its real name and image @hub5', async ({
    page,
    user
  }, testInfo) => {
    await login(page, user);
    const image = 'example.org/course/env:2026-11';
    const server = await startNamedServer(page, user, 'analysis', image);

    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('envbuilder:open-panel')
    );
    const panel = page.locator('#jp-envbuilder-panel');
    await expect(panel).toBeVisible();

    await expect(panel.getByTestId('envbuilder-server')).toHaveText(
      `${server.user} / analysis`
    );
    await expect(panel.getByTestId('envbuilder-image')).toHaveText(image);
    await expect(panel.getByTestId('envbuilder-hub-version')).toHaveText(
      `JupyterHub ${await hubVersion(page)}`
    );
    // The dev hub registers the local build service as `binder`; the server reaches it.
    await expect(panel.locator('[data-capability="build"]')).toHaveAttribute(
      'data-available',
      'true'
    );
    // The dev hub grants the restart scopes and a spawn options template.
    await expect(panel.locator('[data-capability="restart"]')).toHaveAttribute(
      'data-available',
      'true'
    );

    const shot = testInfo.outputPath('environment-panel.png');
    await page.screenshot({ path: shot });
    await testInfo.attach('environment-panel', {
      path: shot,
      contentType: 'image/png'
    });
  });
});
