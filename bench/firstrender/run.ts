/**
 * Time to first render of the Environment panel, the browser side: in Chromium on the dev
 * hub, load the Lab with the panel closed, then run `envbuilder:open-panel` and time, in
 * the page,
 *
 * - **shown**: until the panel and its overview are on screen (the next animation frame
 *   after they are laid out), with whatever is known then;
 * - **complete**: until the overview tells what runs, the folder and the next action (the
 *   handshake, the environment history and the build history have answered).
 *
 * It also lists the extension's requests (`/envbuilder/`) while the Lab starts, before the
 * panel is opened, and those the opening makes. Writes the raw samples as JSON;
 * bench/panel_render.py summarises them.
 *
 * Settings from the environment: BENCH_HUB_URL, BENCH_USER, BENCH_SERVER, BENCH_PASSWORD,
 * BENCH_ROUNDS, BENCH_OUT.
 */
import { launchChromium, logInToHub, Page, writeJson } from '../browser';

const HUB = process.env.BENCH_HUB_URL ?? 'http://127.0.0.1:8070';
const USER = process.env.BENCH_USER ?? 'benchpanel';
const SERVER = process.env.BENCH_SERVER ?? 'pr';
const PASSWORD = process.env.BENCH_PASSWORD ?? 'envbuilder-demo';
const ROUNDS = parseInt(process.env.BENCH_ROUNDS ?? '5', 10);
const OUT = process.env.BENCH_OUT ?? 'panel-raw.json';
const LONG = 180_000;
const LAB = `${HUB}/user/${USER}/${SERVER}/lab`;

/**
 * In the page: open the panel and time it. A string, so the bundler adds no helpers of its
 * own to code that runs in the page.
 */
const MEASURE = `(async () => {
  const app = window.jupyterapp;
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const find = id => document.querySelector('#jp-envbuilder-panel [data-testid="' + id + '"]');
  const start = performance.now();
  await app.commands.execute('envbuilder:open-panel');
  let shown = 0;
  for (;;) {
    const overview = find('envbuilder-overview');
    const next = find('envbuilder-next');
    const folder = find('envbuilder-overview-folder');
    if (!shown && overview && overview.offsetHeight > 0) {
      await frame();
      shown = performance.now() - start;
    }
    // Complete: the folder's state and a next action (or "nothing to do") are known.
    const folderKnown = folder && folder.textContent.includes('—');
    const nextKnown =
      next && (next.querySelector('button') || next.textContent.startsWith('Nothing to do'));
    if (shown && folderKnown && nextKnown) {
      await frame();
      return { shown, complete: performance.now() - start };
    }
    await frame();
  }
})()`;

interface ISample {
  round: number;
  warmup: boolean;
  shownMs: number;
  completeMs: number;
  startupRequests: string[];
  openRequests: string[];
}

/** `GET envbuilder/status`, without the query: what was asked, not its arguments. */
function requestName(url: string, method: string): string {
  const path = new URL(url).pathname;
  return `${method} ${path.slice(path.indexOf('/envbuilder/') + 1)}`;
}

async function oneRound(page: Page, round: number): Promise<ISample> {
  const requests: string[] = [];
  const listen = (request: { url(): string; method(): string }) => {
    if (request.url().includes('/envbuilder/')) {
      requests.push(requestName(request.url(), request.method()));
    }
  };
  page.on('request', listen);
  await page.goto(LAB, { timeout: LONG });
  await page.waitForFunction(
    () =>
      (window as any).jupyterapp?.commands.hasCommand('envbuilder:open-panel'),
    undefined,
    { timeout: LONG }
  );
  await page.evaluate(() => (window as any).jupyterapp.restored);
  // Lab's own start is done: whatever the extension asks from here on is the opening's.
  await page.waitForTimeout(1000);
  const startupRequests = [...requests];
  const times = (await page.evaluate(MEASURE)) as {
    shown: number;
    complete: number;
  };
  await page.waitForTimeout(500);
  page.off('request', listen);
  // Closed again, so the next load starts without the panel (the layout is saved).
  await page.evaluate(() => (window as any).jupyterapp.shell.collapseLeft());
  await page.waitForTimeout(1500);
  return {
    round,
    warmup: round === 0,
    shownMs: times.shown,
    completeMs: times.complete,
    startupRequests,
    openRequests: requests.slice(startupRequests.length)
  };
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 }
    });
    const page = await context.newPage();
    await logInToHub(page, HUB, USER, PASSWORD);
    const samples: ISample[] = [];
    // Round 0 warms up (Lab's assets in the browser cache, the server's first answers).
    for (let round = 0; round <= ROUNDS; round++) {
      samples.push(await oneRound(page, round));
    }
    writeJson(OUT, { samples });
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
