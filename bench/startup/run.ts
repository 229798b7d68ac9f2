/**
 * What JupyterLab's start costs with this extension against without it, in Chromium on the
 * dev hub, in turns (the side that goes first alternates), on the open network and throttled
 * to 20 Mbit/s (CDP network emulation), each load from an empty cache:
 *
 * - **with**: the Lab page as the server sends it;
 * - **without**: the same page with this extension taken out of its page config's
 *   `federated_extensions`, so Lab never loads it (the server extension still runs).
 *
 * Measured: Lab's `restored` (ms since navigation start), and, with the extension, its
 * JavaScript files fetched until `restored` plus a quiet network: count, raw bytes and gzip
 * bytes (zlib's default level, as a compressing server would send them). Writes the raw
 * samples as JSON; bench/startup.py summarises them.
 *
 * Settings from the environment: BENCH_HUB_URL, BENCH_USER, BENCH_SERVER, BENCH_PASSWORD,
 * BENCH_ROUNDS, BENCH_OUT.
 */
import { gzipSync } from 'zlib';

import {
  Browser,
  launchChromium,
  logInToHub,
  Page,
  writeJson
} from '../browser';

const HUB = process.env.BENCH_HUB_URL ?? 'http://127.0.0.1:8070';
const USER = process.env.BENCH_USER ?? 'benchstartup';
const SERVER = process.env.BENCH_SERVER ?? 'st';
const PASSWORD = process.env.BENCH_PASSWORD ?? 'envbuilder-demo';
const ROUNDS = parseInt(process.env.BENCH_ROUNDS ?? '7', 10);
const OUT = process.env.BENCH_OUT ?? 'startup-raw.json';
const LAB = `${HUB}/user/${USER}/${SERVER}/lab`;
const EXTENSION = 'jupyterlab-envbuilder';
const FILES = `/lab/extensions/${EXTENSION}/static/`;
/** 20 Mbit/s in bytes per second, both ways. */
const THROTTLED = (20 * 1000 * 1000) / 8;

type Side = 'with' | 'without';
type Network = 'open' | '20 Mbit/s';

/** Records when Lab's `restored` resolves, from the moment Lab exposes itself. */
const HOOK = `
Object.defineProperty(window, 'jupyterapp', {
  configurable: true,
  set(app) {
    Object.defineProperty(window, 'jupyterapp', { value: app, writable: true, configurable: true });
    app.restored.then(() => { window.__benchRestoredAt = performance.now(); });
  }
});`;

/** The Lab page without this extension in its page config. */
function withoutExtension(html: string): string {
  return html.replace(
    /(<script id="jupyter-config-data" type="application\/json">)([\s\S]*?)(<\/script>)/,
    (_, open: string, json: string, close: string) => {
      const config = JSON.parse(json);
      config.federated_extensions = (config.federated_extensions ?? []).filter(
        (e: { name: string }) => e.name !== EXTENSION
      );
      return open + JSON.stringify(config) + close;
    }
  );
}

async function login(browser: Browser): Promise<unknown> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logInToHub(page, HUB, USER, PASSWORD);
  // The server's own login (the hub's OAuth) once, so the samples start logged in.
  await page.goto(LAB);
  await page.waitForFunction(() => (window as any).jupyterapp !== undefined, {
    timeout: 120_000
  });
  const state = await context.storageState();
  await context.close();
  return state;
}

async function sample(
  browser: Browser,
  state: unknown,
  side: Side,
  network: Network
) {
  const context = await browser.newContext({ storageState: state as any });
  const page: Page = await context.newPage();
  await page.addInitScript(HOOK);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network !== 'open') {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: THROTTLED,
      uploadThroughput: THROTTLED
    });
  }
  // Both sides go through the same route, so only the page config differs.
  await page.route(/\/lab(\/tree.*)?(\?.*)?$/, async route => {
    const response = await route.fetch();
    const html = await response.text();
    await route.fulfill({
      response,
      body: side === 'with' ? html : withoutExtension(html)
    });
  });
  const files: { url: string; raw: number; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', response => {
    const path = new URL(response.url()).pathname;
    if (path.includes(FILES) && path.endsWith('.js')) {
      pending.push(
        response.body().then(body => {
          files.push({
            url: path,
            raw: body.length,
            gzip: gzipSync(body).length
          });
        })
      );
    }
  });
  await page.goto(LAB);
  await page.waitForFunction(() => (window as any).__benchRestoredAt, null, {
    timeout: 180_000,
    polling: 50
  });
  const restoredMs = await page.evaluate(
    () => (window as any).__benchRestoredAt
  );
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
  return {
    side,
    network,
    restoredMs,
    files: files.length,
    rawBytes: files.reduce((s, f) => s + f.raw, 0),
    gzipBytes: files.reduce((s, f) => s + f.gzip, 0),
    fileList: files
  };
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  const state = await login(browser);
  const samples: any[] = [];
  const networks: Network[] = ['open', '20 Mbit/s'];
  // Round 0 warms the server up (its caches, Python's imports) and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const network of networks) {
      const sides: Side[] =
        round % 2 === 0 ? ['with', 'without'] : ['without', 'with'];
      for (const side of sides) {
        const result = await sample(browser, state, side, network);
        samples.push({ round, warmup: round === 0, ...result });
        process.stdout.write(
          `round ${round} ${network} ${side}: restored ${result.restoredMs.toFixed(0)} ms, ` +
            `${result.files} files, ${result.gzipBytes} B gzip\n`
        );
      }
    }
  }
  const chromium = browser.version();
  await browser.close();
  writeJson(OUT, {
    chromium,
    throttledBytesPerSecond: THROTTLED,
    samples
  });
}

void main().catch(error => {
  console.error(error);
  process.exit(1);
});
