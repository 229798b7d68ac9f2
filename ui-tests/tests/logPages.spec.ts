/**
 * A long build log is read a page at a time: opening it asks for its end only, scrolling to
 * its top asks for the page before, a search reads the rest. The record (50,000 lines, as a
 * long build of the dev hub's build service leaves) is written where this user's server keeps
 * its build history, so no 50,000-line build has to run first.
 */
import * as fs from 'fs';
import * as path from 'path';

import {
  expect,
  hubPage,
  login,
  startNamedServer,
  test,
  waitForLab
} from './hub';

const PORT = process.env.ENVBUILDER_E2E_PORT || '8010';
/** The dev hub's data folder for this port (see playwright.config.js). */
const DATA = path.resolve(__dirname, '..', '..', '.dev-data', `e2e-${PORT}`);
const LINES = 50_000;
const ID = '5e1f0c0ffee0beef';
const SHA = 'd099dfd'.padEnd(40, '0');

/** A finished build record of `LINES` lines in the user's build history. */
function writeRecord(user: string): void {
  const builds = path.join(
    DATA,
    'homes',
    user,
    '.local',
    'share',
    'jupyterlab-envbuilder',
    'builds'
  );
  fs.mkdirSync(builds, { recursive: true });
  const time = '2026-11-30T06:00:00.000000Z';
  const spec = `git/https%3A%2F%2Fexample.org%2Fenv.git/${SHA}`;
  const lines = [
    { kind: 'start', id: ID, time, provider: 'git', spec, ref: SHA }
  ].map(line => JSON.stringify(line));
  for (let i = 0; i < LINES - 1; i++) {
    const event = { phase: 'building', message: `line ${i}\n` };
    lines.push(JSON.stringify({ kind: 'event', time, event }));
  }
  const ready = { phase: 'ready', imageName: 'env:1', message: 'Done!\n' };
  lines.push(JSON.stringify({ kind: 'event', time, event: ready }));
  lines.push(
    JSON.stringify({ kind: 'end', time, result: 'built', imageName: 'env:1' })
  );
  fs.writeFileSync(path.join(builds, `${ID}.jsonl`), lines.join('\n') + '\n');
}

test('a long log opens at its end with one request, and reads earlier pages on scroll', async ({
  page,
  user
}) => {
  writeRecord(user);
  await login(page, user);
  await startNamedServer(page, user, 'logpages', 'envbuilder-dev/base:latest');
  const raw = hubPage(page);
  const asked: string[] = [];
  raw.on('request', request => {
    const url = new URL(request.url());
    if (url.pathname.endsWith(`/envbuilder/builds/${ID}`)) {
      // Without the cache-busting number Jupyter's requests end with.
      const query = [...url.searchParams].filter(
        ([name]) => !/^\d+$/.test(name)
      );
      asked.push(query.map(([name, value]) => `${name}=${value}`).join('&'));
    }
  });

  await raw.evaluate(
    async id =>
      (window as any).jupyterapp.commands.execute('envbuilder:show-build-log', {
        id
      }),
    ID
  );
  const view = raw.getByTestId('envbuilder-log-view');
  const bar = view.getByTestId('envbuilder-log-pages');
  await expect(bar).toHaveText(
    'Build messages 48,001–50,000 of 50,000 read · scroll up for earlier lines'
  );
  expect(asked).toEqual(['tail=2000']);
  // Shown at its end.
  const list = view.locator('.jp-EnvBuilder-logList');
  await expect(list.locator('[data-line="2000"]')).toHaveText('Done!');
  await expect(view.getByTestId('envbuilder-log-matches')).toHaveText(
    '2000 lines read'
  );

  // Scrolled to the top: the page before comes, and the lines on screen stay where they were.
  await list.evaluate(element => (element.scrollTop = 0));
  await expect(bar).toHaveText(
    'Build messages 46,001–50,000 of 50,000 read · scroll up for earlier lines'
  );
  expect(asked).toEqual(['tail=2000', 'offset=46000&limit=2000']);
  const top = await list.evaluate(element => {
    const box = element.getBoundingClientRect();
    return document
      .elementFromPoint(box.left + 20, box.top + 2)
      ?.closest('[data-line]')?.textContent;
  });
  expect(top).toBe('line 48000');

  // A search covers the whole log: the rest is read first.
  await view.getByRole('searchbox').fill('line 12345');
  await expect(view.getByTestId('envbuilder-log-matches')).toHaveText(
    '1 match'
  );
  await expect(bar).toHaveCount(0);
  expect(asked.slice(2).every(query => query.startsWith('offset='))).toBe(true);
  await view.getByRole('searchbox').press('Enter');
  await expect(list.locator('.jp-mod-current')).toHaveText('line 12345');

  // After a reload the last build is the panel's build: Show Build Log reads its end too.
  await raw.reload();
  await waitForLab(page);
  await raw.evaluate(() => (window as any).jupyterapp.restored);
  asked.length = 0;
  await raw.evaluate(() =>
    (window as any).jupyterapp.commands
      .execute('envbuilder:show-build-log')
      .then(() => null)
  );
  const current = raw.locator('#jp-envbuilder-build-log');
  await expect(current.getByTestId('envbuilder-log-pages')).toHaveText(
    'Build messages 48,001–50,000 of 50,000 read · scroll up for earlier lines'
  );
  expect(asked.length).toBeGreaterThan(0);
  // Never the whole record at once (a restored log document asks for its end as well).
  expect(asked.every(query => query.startsWith('tail='))).toBe(true);
});
