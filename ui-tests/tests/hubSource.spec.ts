/**
 * A Binder-style link opened on the hub (`hub/envbuilder/v2/<provider>/<spec>`): a new named
 * server is created only under a name JupyterHub 6 accepts. JupyterHub 6 checks it with its
 * own rule; JupyterHub 5 has none, so the page applies the same one: run on both (@hub5).
 */
import { expect, hubPage, login, openEnvironmentPanel, test } from './hub';
import { showOnly } from './panel';

test('the hub page of a Binder link refuses a bad server name and starts a good one @hub5', async ({
  page,
  user
}) => {
  const raw = hubPage(page);
  await login(page, user);
  // The page only describes the link: the repository need not exist.
  const repoUrl = 'https://git.example.org/lab/analysis-env.git';
  const sha = '0123456789abcdef0123456789abcdef01234567';
  const link = `/hub/envbuilder/v2/git/${encodeURIComponent(repoUrl)}/${sha}`;
  await raw.goto(link);
  await expect(raw.locator('#envbuilder-source-repository')).toHaveText(
    repoUrl
  );
  const name = raw.locator('#envbuilder-source-new-name');
  const submit = raw.locator('#envbuilder-source-new-submit');
  const servers = raw.locator('#envbuilder-source-servers [data-server]');
  await expect(servers).toHaveCount(1);

  for (const bad of ['Course 101', 'course--101']) {
    await name.fill(bad);
    await submit.click();
    await expect(raw.getByRole('alert')).toContainText(
      'A server name has 1 to 30 lowercase letters'
    );
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveValue(bad);
    // Nothing was created: still only the default server to build from.
    await expect(servers).toHaveCount(1);
  }

  // A good name: JupyterHub's spawn page (the dev spawner asks for an image), then that
  // server's Lab with the link in the Sources section.
  await name.fill('course-101');
  await submit.click();
  await raw.locator('#spawn_form button[type="submit"]').click();
  await raw.waitForURL(new RegExp(`/user/${user}/course-101/lab`), {
    timeout: 150 * 1000
  });
  const panel = await openEnvironmentPanel(page);
  await showOnly(raw, 'sources');
  await expect(panel.locator('#jp-envbuilder-sources-source')).toHaveValue(
    new RegExp(`/hub/envbuilder/v2/git/.*/${sha}$`)
  );
});
