/**
 * Restart overhead, the browser side: in Chromium on the dev hub, move one named server onto
 * a new image again and again, in turns
 *
 * - **extension**: `envbuilder:restart-into-image` with `{image}` in the Lab page, which
 *   stops the server through the hub's API, waits, and leaves for the hub's spawn page,
 *   which starts it and comes back to the Lab;
 * - **hub**: the hub's own REST API — `DELETE` the server, wait until it is stopped,
 *   `POST` it with `{"image": …}`, wait until it is ready (both polled every 100 ms) — then
 *   load the Lab page;
 *
 * each time from a usable Lab to a usable Lab on the new image (`window.jupyterapp` there
 * and `envbuilder:open-panel` registered, as ui-tests/tests/hub.ts waits for it). Writes the
 * raw samples as JSON; bench/restart_overhead.py summarises them.
 *
 * Settings from the environment: BENCH_HUB_URL, BENCH_USER, BENCH_SERVER, BENCH_TOKEN
 * (the user's hub token), BENCH_PASSWORD, BENCH_ROUNDS, BENCH_OUT.
 */
import { performance } from 'perf_hooks';

import { launchChromium, logInToHub, Page, writeJson } from '../browser';

const HUB = process.env.BENCH_HUB_URL ?? 'http://127.0.0.1:8070';
const USER = process.env.BENCH_USER ?? 'benchrestart';
const SERVER = process.env.BENCH_SERVER ?? 'rs';
const TOKEN = process.env.BENCH_TOKEN ?? '';
const PASSWORD = process.env.BENCH_PASSWORD ?? 'envbuilder-demo';
const ROUNDS = parseInt(process.env.BENCH_ROUNDS ?? '5', 10);
const OUT = process.env.BENCH_OUT ?? 'restart-raw.json';
const POLL_MS = 100;
const LONG = 180_000;

const LAB = `${HUB}/user/${USER}/${SERVER}/lab`;
const LAB_URL = new RegExp(`/user/${USER}/${SERVER}/lab`);
const SERVER_API = `${HUB}/hub/api/users/${USER}/servers/${SERVER}`;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function hubApi(
  method: string,
  url: string,
  body?: unknown
): Promise<Response> {
  return fetch(url, {
    method,
    headers: {
      Authorization: `token ${TOKEN}`,
      'Content-Type': 'application/json'
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}

/** The hub's model of the server, or null when there is none. */
async function serverModel(): Promise<any | null> {
  const answer = await hubApi('GET', `${HUB}/hub/api/users/${USER}`);
  if (!answer.ok) {
    throw new Error(`GET user: HTTP ${answer.status}`);
  }
  const user = (await answer.json()) as { servers?: Record<string, any> };
  return user.servers?.[SERVER] ?? null;
}

async function pollUntil(
  what: string,
  done: (model: any | null) => boolean
): Promise<void> {
  const deadline = performance.now() + LONG;
  while (performance.now() < deadline) {
    if (done(await serverModel())) {
      return;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** As ui-tests/tests/hub.ts waitForLab: the app is there with the extension's commands. */
async function waitForLab(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const app = (window as any).jupyterapp;
      return (
        !document.getElementById('jupyterlab-splash') &&
        !!app &&
        app.commands.hasCommand('envbuilder:open-panel')
      );
    },
    null,
    { timeout: LONG }
  );
}

/**
 * Open the Environment panel, as a person restarting from it has it, and wait until its
 * handshake allows a restart into `image` (not timed; the handshake waits for the panel).
 */
async function waitForRestartCommand(page: Page, image: string): Promise<void> {
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.restored;
    await app.commands.execute('envbuilder:open-panel');
  });
  await page.waitForFunction(
    image =>
      (window as any).jupyterapp.commands.isEnabled(
        'envbuilder:restart-into-image',
        {
          image
        }
      ),
    image,
    { timeout: LONG }
  );
}

/** Resolves when the page has left the Lab for one of the hub's pages. */
function leavesForHub(page: Page): Promise<unknown> {
  return page.waitForEvent('framenavigated', {
    predicate: frame =>
      frame === page.mainFrame() &&
      new URL(frame.url()).pathname.startsWith('/hub/'),
    timeout: LONG
  });
}

/**
 * Resolves when the page is back on the Lab's URL; fails at once, with the hub's words, when
 * the hub's progress page says the start failed (it then stays there for good).
 */
async function backInLab(page: Page): Promise<void> {
  const failed = page
    .waitForFunction(
      () =>
        document.querySelector('#progress-bar.bg-danger') !== null &&
        (document.getElementById('progress-message')?.textContent ?? ''),
      null,
      { polling: 250, timeout: LONG }
    )
    .then(
      async message => {
        throw new Error(
          `the hub could not start the server: ${await message.jsonValue()}`
        );
      },
      // The page went on to the Lab (or the wait timed out: waitForURL says so).
      () => new Promise<never>(() => undefined)
    );
  await Promise.race([page.waitForURL(LAB_URL, { timeout: LONG }), failed]);
}

interface ISample {
  side: 'extension' | 'hub';
  round: number;
  image: string;
  /** From the click to a usable Lab on the new image. */
  totalMs: number;
  /** Server stopped (extension: the page leaves for the hub; hub: the API says stopped). */
  stoppedMs: number;
  /** Extension: back on the Lab's URL; hub: the API says the server is ready. */
  startedMs: number;
  imageAfter: string | null;
}

async function viaExtension(
  page: Page,
  image: string,
  round: number
): Promise<ISample> {
  await waitForRestartCommand(page, image);
  const start = performance.now();
  const left = leavesForHub(page);
  await page.evaluate(image => {
    void (window as any).jupyterapp.commands.execute(
      'envbuilder:restart-into-image',
      {
        image
      }
    );
  }, image);
  await left;
  const stopped = performance.now();
  await backInLab(page);
  const started = performance.now();
  await waitForLab(page);
  const end = performance.now();
  return {
    side: 'extension',
    round,
    image,
    totalMs: end - start,
    stoppedMs: stopped - start,
    startedMs: started - start,
    imageAfter: (await serverModel())?.user_options?.image ?? null
  };
}

async function viaHub(
  page: Page,
  image: string,
  round: number
): Promise<ISample> {
  await waitForRestartCommand(page, image);
  const start = performance.now();
  const stop = await hubApi('DELETE', SERVER_API);
  if (stop.status !== 202 && stop.status !== 204) {
    throw new Error(`DELETE server: HTTP ${stop.status}`);
  }
  await pollUntil(
    'the stop',
    model => !model || (!model.ready && !model.pending)
  );
  const stopped = performance.now();
  const spawn = await hubApi('POST', SERVER_API, { image });
  if (spawn.status !== 201 && spawn.status !== 202) {
    throw new Error(`POST server: HTTP ${spawn.status} ${await spawn.text()}`);
  }
  await pollUntil('the start', model => !!model?.ready);
  const started = performance.now();
  await page.goto(LAB, { timeout: LONG });
  await waitForLab(page);
  const end = performance.now();
  return {
    side: 'hub',
    round,
    image,
    totalMs: end - start,
    stoppedMs: stopped - start,
    startedMs: started - start,
    imageAfter: (await serverModel())?.user_options?.image ?? null
  };
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 }
    });
    const page = await context.newPage();
    await logInToHub(page, HUB, USER, PASSWORD);
    await page.goto(LAB);
    await waitForLab(page);

    const samples: (ISample & { warmup: boolean })[] = [];
    // Round 0 warms up both ways (hub, proxy, Lab's assets in the browser cache).
    for (let round = 0; round <= ROUNDS; round++) {
      const sides =
        round % 2 === 0
          ? (['extension', 'hub'] as const)
          : (['hub', 'extension'] as const);
      for (const side of sides) {
        const image = `envbuilder-dev/bench:${side}-${round}`;
        const sample =
          side === 'extension'
            ? await viaExtension(page, image, round)
            : await viaHub(page, image, round);
        if (sample.imageAfter !== image) {
          throw new Error(
            `${side}: the server runs ${sample.imageAfter}, not ${image}`
          );
        }
        console.error(
          `  ${round === 0 ? 'warm-up' : `round ${round}`} ${side}: ` +
            `usable after ${Math.round(sample.totalMs)} ms ` +
            `(stopped ${Math.round(sample.stoppedMs)}, started ${Math.round(sample.startedMs)})`
        );
        samples.push({ ...sample, warmup: round === 0 });
      }
    }
    writeJson(OUT, {
      rounds: ROUNDS,
      pollMs: POLL_MS,
      chromium: browser.version(),
      samples
    });
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
