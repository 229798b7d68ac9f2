/**
 * The Environment panel while a 50,000-line build log streams in, in Chromium on the dev hub:
 * the dev hub's build service prints 50,000 lines at once for users named `biglog*`
 * (dev/paced_repo2docker.py), which reach the panel through the gateway as fast as they go.
 * Each round changes requirements.txt (a new build), clicks Build in the panel's Build
 * section and watches the gaps between animation frames from the click until the log's last
 * line is in the section. Writes the raw samples as JSON; bench/panel_ingest.py summarises.
 *
 * Settings from the environment: BENCH_HUB_URL, BENCH_USER, BENCH_SERVER, BENCH_PASSWORD,
 * BENCH_ROUNDS, BENCH_OUT.
 */
import { launchChromium, logInToHub, writeJson } from '../browser';

const HUB = process.env.BENCH_HUB_URL ?? 'http://127.0.0.1:8070';
const USER = process.env.BENCH_USER ?? 'biglogpanel';
const SERVER = process.env.BENCH_SERVER ?? 'pi';
const PASSWORD = process.env.BENCH_PASSWORD ?? 'envbuilder-demo';
const ROUNDS = parseInt(process.env.BENCH_ROUNDS ?? '3', 10);
const OUT = process.env.BENCH_OUT ?? 'panel-raw.json';
const LAB = `${HUB}/user/${USER}/${SERVER}/lab`;
const LAST_LINE = '(line 49999)';

/** In the page: every gap between animation frames, and long animation frames. */
const RECORDER = `
window.__benchFrames = { gaps: [], loaf: [], last: 0, on: false };
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (window.__benchFrames.on) window.__benchFrames.loaf.push(entry.duration);
  }
}).observe({ type: 'long-animation-frame', buffered: false });
(function tick(now) {
  const f = window.__benchFrames;
  if (f.on && f.last) f.gaps.push(now - f.last);
  f.last = now;
  requestAnimationFrame(tick);
})(0);`;

async function main(): Promise<void> {
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 }
  });
  const page = await context.newPage();
  await page.addInitScript(RECORDER);
  await logInToHub(page, HUB, USER, PASSWORD);
  await page.goto(LAB);
  await page.waitForFunction(
    () => (window as any).jupyterapp?.commands.hasCommand('envbuilder:build'),
    null,
    { timeout: 120_000 }
  );
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.restored;
    await app.serviceManager.contents.save('environment', {
      type: 'directory'
    });
    await app.commands.execute('envbuilder:open-panel');
  });
  const section = page.locator('#jp-envbuilder-build');
  const samples: any[] = [];
  // Round 0 warms up (the log view's code, the gateway) and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    await page.evaluate(async round => {
      const app = (window as any).jupyterapp;
      await app.serviceManager.contents.save('environment/requirements.txt', {
        type: 'file',
        format: 'text',
        content: `requests==2.32.3\n# round ${round} ${Date.now()}\n`
      });
    }, round);
    const button = section.getByTestId('envbuilder-build-button');
    await button.waitFor({ state: 'visible' });
    await page.waitForFunction(
      () =>
        !(
          document.querySelector(
            '#jp-envbuilder-build [data-testid="envbuilder-build-button"]'
          ) as HTMLButtonElement | null
        )?.disabled,
      null,
      { timeout: 120_000 }
    );
    await page.evaluate(() => {
      const f = (window as any).__benchFrames;
      f.gaps = [];
      f.loaf = [];
      f.last = 0;
      f.on = true;
    });
    const started = Date.now();
    await button.click();
    // Watched with a cheap check ten times a second: Playwright's own locators look up roles,
    // names and styles in the whole page at every frame, which took 30-45 ms of the page's
    // frames while the log came in, and was measured as the panel's.
    for (;;) {
      const seen = await page.waitForFunction(
        lastLine => {
          const dialog = document.querySelector('.jp-Dialog');
          if (dialog?.textContent?.includes('Send and Build')) {
            return 'asked';
          }
          const text = document.getElementById(
            'jp-envbuilder-build'
          )?.textContent;
          return text?.includes(lastLine) ? 'done' : false;
        },
        LAST_LINE,
        { polling: 100, timeout: 180_000 }
      );
      if ((await seen.jsonValue()) === 'done') {
        break;
      }
      // The first build of a folder asks which files to send: agree.
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => !document.querySelector('.jp-Dialog'),
        null,
        {
          polling: 100
        }
      );
    }
    const frames = await page.evaluate(() => {
      const f = (window as any).__benchFrames;
      f.on = false;
      return { gaps: f.gaps as number[], loaf: f.loaf as number[] };
    });
    samples.push({
      round,
      warmup: round === 0,
      clickToLastLineMs: Date.now() - started,
      longestFrameMs: Math.max(0, ...frames.gaps),
      frames: frames.gaps.length,
      gaps: frames.gaps,
      longestLoafMs: Math.max(0, ...frames.loaf)
    });
    process.stdout.write(
      `round ${round}: longest frame ${Math.max(0, ...frames.gaps).toFixed(1)} ms, ` +
        `${frames.gaps.length} frames, ${Date.now() - started} ms\n`
    );
  }
  const chromium = browser.version();
  await browser.close();
  writeJson(OUT, { chromium, samples });
}

void main().catch(error => {
  console.error(error);
  process.exit(1);
});
