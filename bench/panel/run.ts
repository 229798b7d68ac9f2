/**
 * The Environment panel while a 50,000-line build log streams in, in Chromium on the dev hub:
 * the dev hub's build service prints 50,000 lines at once for users named `biglog*`
 * (dev/paced_repo2docker.py), which reach the panel through the gateway as fast as they go.
 * Each round changes requirements.txt (a new build), clicks Build in the panel's Build
 * section and watches the gaps between animation frames from the click until the log's last
 * line is in the section. Before each round, with the frames watched the same way, the same
 * page sits idle twice: for as long as the round before took (the first: 1.5 s), and while a
 * build of other files streams its 50,000 lines through the same gateway to this script, not
 * to the page: what this machine's JupyterLab gives with nothing to do, and with the machine
 * as busy as during a build. With the frames goes the CPU time of Chromium's renderer (from
 * /proc: its main thread, and its other threads such as the garbage collector's): what the
 * page itself spent, which the frames show only as far as the two cores let it run.
 * A few more rounds, not counted with the others, record what each task of the page did
 * (the click, drawing a frame, the stream's events and the garbage collections among
 * them), so that a task of more than one frame can be told by its kind.
 * Writes the raw samples as JSON; bench/panel_ingest.py summarises.
 *
 * Settings from the environment: BENCH_HUB_URL, BENCH_USER, BENCH_SERVER, BENCH_PASSWORD,
 * BENCH_ROUNDS, BENCH_NAMED_ROUNDS, BENCH_OUT.
 */
import { readdirSync, readFileSync } from 'node:fs';

import type { CDPSession, Locator } from 'playwright-core';

import { launchChromium, logInToHub, Page, writeJson } from '../browser';

const HUB = process.env.BENCH_HUB_URL ?? 'http://127.0.0.1:8070';
const TOKEN = process.env.BENCH_TOKEN ?? '';
const USER = process.env.BENCH_USER ?? 'biglogpanel';
const SERVER = process.env.BENCH_SERVER ?? 'pi';
const PASSWORD = process.env.BENCH_PASSWORD ?? 'envbuilder-demo';
const ROUNDS = parseInt(process.env.BENCH_ROUNDS ?? '3', 10);
/**
 * Rounds after those, not counted with them, whose tasks are named by what they did (a
 * category of Chromium's trace that costs more to record, so not in the counted rounds).
 */
const NAMED_ROUNDS = parseInt(process.env.BENCH_NAMED_ROUNDS ?? '3', 10);
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

/** What Chromium's renderer processes have had so far, in ms. */
interface IRendererTime {
  /** CPU time of their main threads. */
  main: number;
  /** CPU time of their other threads. */
  others: number;
  /**
   * Time their main threads were ready to run but waited for a core (the scheduler's count);
   * null where the kernel keeps no such count.
   */
  mainWaiting: number | null;
}

function rendererTime(): IRendererTime {
  const used: IRendererTime = { main: 0, others: 0, mainWaiting: null };
  for (const pid of readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('--type=renderer')) {
        continue;
      }
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        // utime and stime, in clock ticks of 10 ms, after the name in parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ms = (Number(fields[11]) + Number(fields[12])) * 10;
        used[tid === pid ? 'main' : 'others'] += ms;
      }
      // Nanoseconds on a core, waiting in the run queue, and time slices.
      const schedstat = readFileSync(
        `/proc/${pid}/task/${pid}/schedstat`,
        'utf8'
      );
      used.mainWaiting =
        (used.mainWaiting ?? 0) + Number(schedstat.split(' ')[1]) / 1e6;
    } catch {
      // The process ended meanwhile (or the kernel keeps no scheduler counts).
    }
  }
  return used;
}

/** What one task of the main thread did, in CPU ms. */
interface ITaskParts {
  cpu: number;
  /** V8's garbage collections in it. */
  collection: number;
  /** Style, layout, paint and the rest of drawing a frame. */
  drawing: number;
}

/**
 * The longest task of each kind, and the longest one's own work with garbage collections
 * left out: `input` dispatched a click or a key, `drawing` was mostly the drawing of a frame,
 * `script` the rest: the build stream's events taken in (network reads and the slices after
 * each frame), and Lab's own timers.
 */
type TaskKinds = Record<
  'input' | 'drawing' | 'script',
  { longest: ITaskParts; withoutCollection: number } | null
>;

const DRAWING = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'UpdateLayer',
  'UpdateLayerTree',
  'HitTest',
  'IntersectionObserverController::computeIntersections',
  'Commit'
]);

/** Each outermost task's parts, from a trace with Chromium's `devtools.timeline` events. */
function taskKinds(tasks: any[], events: any[]): TaskKinds {
  const kinds: TaskKinds = { input: null, drawing: null, script: null };
  const thread = tasks[0] ? `${tasks[0].pid}:${tasks[0].tid}` : '';
  const inside = events
    .filter(e => e.ph === 'X' && `${e.pid}:${e.tid}` === thread)
    .sort((a, b) => a.ts - b.ts);
  let at = 0;
  for (const task of tasks) {
    const parts: ITaskParts = {
      cpu: task.tdur / 1000,
      collection: 0,
      drawing: 0
    };
    let input = false;
    // Parts nested in a part already counted (a layout inside a style update) count once.
    let counted = -1;
    while (at < inside.length && inside[at].ts < task.ts) {
      at++;
    }
    for (
      let i = at;
      i < inside.length && inside[i].ts < task.ts + task.dur;
      i++
    ) {
      const e = inside[i];
      const ms = (e.tdur ?? e.dur ?? 0) / 1000;
      const gc = e.name === 'MajorGC' || e.name === 'MinorGC';
      if ((gc || DRAWING.has(e.name)) && e.ts >= counted) {
        parts[gc ? 'collection' : 'drawing'] += ms;
        counted = e.ts + (e.dur ?? 0);
      } else if (
        e.name === 'EventDispatch' &&
        /^(click|pointer|mouse|key)/.test(e.args?.data?.type ?? '')
      ) {
        input = true;
      }
    }
    const kind = input
      ? 'input'
      : parts.drawing >= parts.cpu / 2
        ? 'drawing'
        : 'script';
    const own = Math.max(0, parts.cpu - parts.collection);
    const known = kinds[kind];
    kinds[kind] = {
      longest: !known || known.longest.cpu < parts.cpu ? parts : known.longest,
      withoutCollection: Math.max(known?.withoutCollection ?? 0, own)
    };
  }
  return kinds;
}

/** The CPU time of each task the page's main thread ran (ms), from Chromium's trace. */
interface ITasks {
  /** Of the longest task. */
  longest: number;
  /** The longest wall time of a task: its CPU time plus its waits for a core. */
  longestWall: number;
  /** How many took more CPU time than one frame (16.7 ms at 60 Hz). */
  overFrame: number;
  /** With `named`: the longest task of each kind. */
  kinds?: TaskKinds;
}

/**
 * Chromium's trace of top-level tasks (a cheap category) while `work` runs: how much CPU
 * time each task of the page's main thread took. Unlike the frames, this does not depend on
 * whether a core was free: it is the work the page did in one piece.
 */
async function tasksDuring(
  cdp: CDPSession,
  work: () => Promise<void>,
  named = false
): Promise<ITasks> {
  const events: any[] = [];
  const collect = ({ value }: { value: any[] }) => events.push(...value);
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'toplevel',
        '__metadata',
        ...(named ? ['devtools.timeline'] : [])
      ],
      enableSampling: false,
      recordMode: 'recordAsMuchAsPossible'
    },
    transferMode: 'ReportEvents'
  });
  try {
    await work();
  } finally {
    const complete = new Promise(resolve =>
      cdp.once('Tracing.tracingComplete', resolve)
    );
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  const mains = new Set(
    events
      .filter(e => e.ph === 'M' && e.args?.name === 'CrRendererMain')
      .map(e => `${e.pid}:${e.tid}`)
  );
  // The page's renderer is the one whose main thread ran the most tasks.
  const byThread = new Map<string, any[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (
      e.ph === 'X' &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      mains.has(thread)
    ) {
      byThread.set(thread, [...(byThread.get(thread) ?? []), e]);
    }
  }
  const tasks =
    [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  // Only the outermost of nested tasks.
  tasks.sort((a, b) => a.ts - b.ts);
  const outermost: any[] = [];
  let end = -1;
  for (const task of tasks) {
    if (task.ts >= end && typeof task.tdur === 'number') {
      outermost.push(task);
      end = task.ts + task.dur;
    }
  }
  const cpu = outermost.map(task => task.tdur / 1000);
  const wall = outermost.map(task => task.dur / 1000);
  return {
    longest: Math.max(0, ...cpu),
    longestWall: Math.max(0, ...wall),
    overFrame: cpu.filter(ms => ms > 1000 / 60).length,
    ...(named ? { kinds: taskKinds(outermost, events) } : {})
  };
}

/**
 * The gaps between frames, the long animation frames, the CPU time of the page's renderer
 * and of the main thread's tasks while `work` runs.
 */
async function framesDuring(
  page: Page,
  cdp: CDPSession,
  work: () => Promise<unknown>,
  named = false
): Promise<{
  gaps: number[];
  loaf: number[];
  cpu: IRendererTime;
  tasks: ITasks;
}> {
  await page.evaluate(() => {
    const f = (window as any).__benchFrames;
    f.gaps = [];
    f.loaf = [];
    f.last = 0;
    f.on = true;
  });
  const before = rendererTime();
  const tasks = await tasksDuring(
    cdp,
    async () => {
      await work();
    },
    named
  );
  const after = rendererTime();
  const seen = await page.evaluate(() => {
    const f = (window as any).__benchFrames;
    f.on = false;
    return { gaps: f.gaps as number[], loaf: f.loaf as number[] };
  });
  return {
    ...seen,
    tasks,
    cpu: {
      main: after.main - before.main,
      others: after.others - before.others,
      mainWaiting:
        after.mainWaiting === null || before.mainWaiting === null
          ? null
          : Math.round(after.mainWaiting - before.mainWaiting)
    }
  };
}

const longest = (values: number[]) => Math.max(0, ...values);

/** The longest task of each kind in words. */
function kindsText(kinds: TaskKinds): string {
  return Object.entries(kinds)
    .map(([kind, found]) =>
      found
        ? `longest ${kind} task ${found.longest.cpu.toFixed(1)} ms of CPU ` +
          `(collection ${found.longest.collection.toFixed(1)}, drawing ` +
          `${found.longest.drawing.toFixed(1)}; without collections at most ` +
          `${found.withoutCollection.toFixed(1)})`
        : `no ${kind} task`
    )
    .join(', ');
}

/**
 * Build the environment folder as it is, following the build here (in Node) and not in the
 * page, through the same gateway as the panel; resolves when the log's last line has come,
 * as a round ends. Not at the build's end: after its 50,000 lines the build still runs for
 * 20 s (dev/paced_repo2docker.py), and frames watched that long catch Lab's own polls and
 * collections, which a round of 1.5 s mostly misses.
 */
async function buildElsewhere(server: string): Promise<void> {
  const headers = {
    Authorization: `token ${TOKEN}`,
    'Content-Type': 'application/json'
  };
  const snapshot = await fetch(`${server}/envbuilder/snapshots`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ folder: 'environment' })
  });
  if (!snapshot.ok) {
    throw new Error(`build elsewhere: snapshot HTTP ${snapshot.status}`);
  }
  const { spec } = (await snapshot.json()) as { spec: string };
  const started = await fetch(`${server}/envbuilder/builds`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ spec })
  });
  if (!started.ok) {
    throw new Error(`build elsewhere: build HTTP ${started.status}`);
  }
  const stream = await fetch(
    `${server}/envbuilder/build/${spec}?build_only=true`,
    { headers: { ...headers, Accept: 'text/event-stream' } }
  );
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let tail = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      throw new Error('build elsewhere: the stream ended before the build');
    }
    tail = (tail + decoder.decode(value, { stream: true })).slice(-4096);
    if (tail.includes(LAST_LINE) || /"phase": ?"(ready|failed)"/.test(tail)) {
      await reader.cancel();
      return;
    }
  }
}

/** Write requirements.txt through the page, and wait until the panel can build it. */
async function changeFiles(
  page: Page,
  section: Locator,
  comment: string
): Promise<void> {
  await page.evaluate(async comment => {
    const app = (window as any).jupyterapp;
    await app.serviceManager.contents.save('environment/requirements.txt', {
      type: 'file',
      format: 'text',
      content: `requests==2.32.3\n# ${comment} ${Date.now()}\n`
    });
  }, comment);
  await section
    .getByTestId('envbuilder-build-button')
    .waitFor({ state: 'visible' });
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
}

/** Wait until the Build section shows the log's last line, agreeing to send the files. */
async function untilLastLine(page: Page): Promise<void> {
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
    // The first build of a folder asks which files to send: agree. With the button, not
    // Enter: a key pressed as the dialog opens can reach the page before the dialog has the
    // focus, and the dialog then waited forever (about one run in eight).
    await page.locator('.jp-Dialog .jp-mod-accept').click();
    await page.waitForFunction(
      () => !document.querySelector('.jp-Dialog'),
      null,
      {
        polling: 100
      }
    );
  }
}

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
  const cdp = await context.newCDPSession(page);
  // What the page prints as warnings and errors: a build should print none.
  const printed: string[] = [];
  page.on('console', message => {
    if (message.type() === 'warning' || message.type() === 'error') {
      printed.push(`${message.type()}: ${message.text()}`.slice(0, 300));
    }
  });
  const samples: any[] = [];
  let idleMs = 1500;
  // Round 0 warms up (the log view's code, the gateway) and is not counted; the named
  // rounds come last.
  for (let round = 0; round <= ROUNDS + NAMED_ROUNDS; round++) {
    const named = round > ROUNDS;
    // The two idle measures first, then the round.
    await changeFiles(page, section, `elsewhere ${round}`);
    const idle = await framesDuring(
      page,
      cdp,
      () => new Promise(resolve => setTimeout(resolve, idleMs))
    );
    const busy = await framesDuring(page, cdp, () =>
      buildElsewhere(`${HUB}/user/${USER}/${SERVER}`)
    );
    await changeFiles(page, section, `round ${round}`);
    const button = section.getByTestId('envbuilder-build-button');
    let started = 0;
    const printedBefore = printed.length;
    const frames = await framesDuring(
      page,
      cdp,
      async () => {
        started = Date.now();
        await button.click();
        await untilLastLine(page);
      },
      named
    );
    const took = Date.now() - started;
    idleMs = took;
    samples.push({
      round,
      warmup: round === 0,
      named,
      taskKinds: frames.tasks.kinds ?? null,
      idleLongestFrameMs: longest(idle.gaps),
      busyLongestFrameMs: longest(busy.gaps),
      busyCpuMs: busy.cpu,
      cpuMs: frames.cpu,
      clickToLastLineMs: took,
      longestFrameMs: longest(frames.gaps),
      frames: frames.gaps.length,
      gaps: frames.gaps,
      longestLoafMs: longest(frames.loaf),
      consoleProblems: printed.slice(printedBefore),
      longestTaskCpuMs: frames.tasks.longest,
      longestTaskWallMs: frames.tasks.longestWall,
      tasksOverFrame: frames.tasks.overFrame,
      idleLongestTaskCpuMs: idle.tasks.longest,
      busyLongestTaskCpuMs: busy.tasks.longest
    });
    process.stdout.write(
      `round ${round}: longest frame ${longest(frames.gaps).toFixed(1)} ms ` +
        `(idle page: ${longest(idle.gaps).toFixed(1)} ms, while a build streams elsewhere: ` +
        `${longest(busy.gaps).toFixed(1)} ms), ` +
        `${frames.gaps.length} frames, ${took} ms; renderer CPU ${frames.cpu.main} ms ` +
        `main thread + ${frames.cpu.others} ms others, main thread waiting for a core ` +
        `${frames.cpu.mainWaiting} ms (while a build streams elsewhere: ` +
        `${busy.cpu.main} + ${busy.cpu.others} ms, waiting ${busy.cpu.mainWaiting} ms); ` +
        `longest main-thread task ${frames.tasks.longest.toFixed(1)} ms of CPU ` +
        `(${frames.tasks.longestWall.toFixed(1)} ms on the clock), ` +
        `${frames.tasks.overFrame} over one frame (idle page: ` +
        `${idle.tasks.longest.toFixed(1)} ms, while a build streams elsewhere: ` +
        `${busy.tasks.longest.toFixed(1)} ms)` +
        (frames.tasks.kinds ? `; ${kindsText(frames.tasks.kinds)}` : '') +
        '\n'
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
