/**
 * Log view ingest, the browser side: bundle the two pages with esbuild, serve them on
 * 127.0.0.1, and run each view in Chromium in turns (the order rotates every round), a fresh
 * page per run. Writes the raw runs as JSON; bench/logview.py summarises them.
 *
 *   tsx bench/logview/run.ts --rounds 5 --lines 200000 --batch 500 --out raw.json \
 *     [--screenshots DIR]   # a picture of each view after its last run, to see what was measured
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { AddressInfo } from 'net';

import { launchChromium, writeJson } from '../browser';
import type { CDPSession } from 'playwright-core';
import type { IRunResult } from './harness';

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const ROUNDS = parseInt(option('rounds', '5'), 10);
const LINES = parseInt(option('lines', '200000'), 10);
const BATCH = parseInt(option('batch', '500'), 10);
const SCREENSHOTS = option('screenshots', '');
const OUT = option(
  'out',
  path.join(ROOT, 'bench', 'results', 'logview-raw.json')
);

/** Rows a virtual list of a 700 px high box keeps in the page: a screenful and its margins. */
const MAX_ROWS_IN_DOM = 500;

/** The views compared, each a page and its query. */
const VARIANTS = [
  { name: 'logview', page: 'logview.html', query: '' },
  { name: 'xterm-binderhub', page: 'xterm.html', query: '' },
  {
    name: 'xterm-full-scrollback',
    page: 'xterm.html',
    query: `&scrollback=${LINES}`
  }
];

/** JupyterLab's light theme: the --jp-* variables the log view's CSS uses. */
function themeCss(): string {
  const venv = path.join(ROOT, '.venv', 'share', 'jupyter', 'lab', 'themes');
  const file = path.join(
    venv,
    '@jupyterlab',
    'theme-light-extension',
    'index.css'
  );
  return fs.readFileSync(file, 'utf-8');
}

function page(title: string, script: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="theme.css"><link rel="stylesheet" href="${script}.css">
<style>
  html, body { margin: 0; background: var(--jp-layout-color0); }
  /* The size of a build log in Lab's main area on a laptop screen. */
  #view { display: flex; flex-direction: column; width: 1200px; height: 700px; }
  #view > .lm-Widget { display: flex; flex: 1 1 auto; flex-direction: column; min-height: 0; }
</style></head>
<body><div id="view"></div><script src="${script}.js"></script></body></html>
`;
}

async function bundle(dir: string): Promise<void> {
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: {
      logview: path.join(HERE, 'entry.tsx'),
      xterm: path.join(HERE, 'xterm-entry.ts')
    },
    outdir: dir,
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    jsx: 'transform',
    // React's production build, as in a JupyterLab release.
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: {
      '.svg': 'text',
      '.woff': 'empty',
      '.woff2': 'empty',
      '.ttf': 'empty'
    },
    logLevel: 'warning'
  });
  fs.writeFileSync(path.join(dir, 'theme.css'), themeCss());
  fs.writeFileSync(path.join(dir, 'logview.html'), page('LogView', 'logview'));
  fs.writeFileSync(path.join(dir, 'xterm.html'), page('xterm.js', 'xterm'));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8'
};

function serve(dir: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const name = path.basename(
      new URL(request.url ?? '/', 'http://x').pathname
    );
    const file = path.join(dir, name);
    if (!name || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[path.extname(name)] ?? 'application/octet-stream'
    });
    response.end(fs.readFileSync(file));
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server))
  );
}

/**
 * The page's memory after a full garbage collection, in MB: V8's heap and the backing stores
 * of its typed arrays (where xterm.js keeps its lines), as Chromium counts them.
 */
async function heapKept(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    backingStorageSize?: number;
  };
  return (usage.usedSize + (usage.backingStorageSize ?? 0)) / 1e6;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'envbuilder-bench-logview-')
  );
  const server = await serve(dir);
  const browser = await launchChromium();
  try {
    const built = Date.now();
    await bundle(dir);
    console.error(`bundled in ${Date.now() - built} ms`);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 }
    });
    const runs: (IRunResult & {
      variant: string;
      round: number;
      warmup: boolean;
    })[] = [];
    // Round 0 warms up each page (JIT, font caches) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const order = VARIANTS.map(
        (_, i) => VARIANTS[(i + round) % VARIANTS.length]
      );
      for (const variant of order) {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', error => errors.push(String(error)));
        const url = `${base}/${variant.page}?lines=${LINES}&batch=${BATCH}${variant.query}`;
        await page.goto(url);
        await page.waitForFunction(() => window.benchReady === true, null, {
          timeout: 30_000
        });
        const cdp = await context.newCDPSession(page);
        const before = await heapKept(cdp);
        const result = await page.evaluate(() => window.runBench!());
        // What the page keeps of the log once it is all in: the view holds every line.
        const keptMb = (await heapKept(cdp)) - before;
        await cdp.detach();
        if (SCREENSHOTS && round === ROUNDS) {
          fs.mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({
            path: path.join(SCREENSHOTS, `logview-${variant.name}.png`)
          });
        }
        await page.close();
        if (errors.length) {
          throw new Error(`${variant.name}: ${errors.join('; ')}`);
        }
        // A log view that draws every line is not the one Lab shows: its page lacks a style.
        const rows = Number(result.check.rowsInDom ?? 0);
        if (rows > MAX_ROWS_IN_DOM) {
          throw new Error(
            `${variant.name}: ${rows} rows in the page, not a virtual list (check its stylesheet)`
          );
        }
        const run = {
          ...result,
          keptMb,
          variant: variant.name,
          round,
          warmup: round === 0
        };
        console.error(
          `  ${round === 0 ? 'warm-up' : `round ${round}`} ${variant.name}: ` +
            `${Math.round(result.linesPerSecond)} lines/s, ` +
            `longest frame ${result.longestFrameMs.toFixed(0)} ms, ` +
            `${keptMb.toFixed(1)} MB kept`
        );
        runs.push(run);
      }
    }
    writeJson(OUT, {
      lines: LINES,
      batch: BATCH,
      rounds: ROUNDS,
      chromium: browser.version(),
      runs
    });
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
