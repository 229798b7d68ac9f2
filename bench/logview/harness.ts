/**
 * The in-page side of the log view benchmark: feed a view the log in batches, as the event
 * stream brings it, and watch the frames meanwhile.
 *
 * Each batch is delivered in a task of its own (a message-channel task, which is not
 * clamped like nested timers), so the page can render between batches as it would
 * between network reads. A view may ask the feeder to wait (xterm.js: its write callback).
 * The run ends when the last line is on screen.
 */
import { buildLogLines } from './lines';

/** A view under test. */
export interface ISink {
  name: string;
  /** Take one batch of messages; resolve when the view is ready for the next one. */
  deliver(batch: string[]): void | Promise<void>;
  /** Resolve once everything delivered is shown (the last line is painted). */
  shown(): Promise<void>;
  /** What the view holds after the run, to check that nothing was lost. */
  check(): Record<string, unknown>;
}

export interface IRunOptions {
  lines: number;
  batch: number;
  seed: number;
}

export interface IRunResult {
  name: string;
  lines: number;
  batch: number;
  /** From the first batch to the last line on screen. */
  ms: number;
  linesPerSecond: number;
  /** Longest gap between two animation frames while the lines came in. */
  longestFrameMs: number;
  p95FrameMs: number;
  frames: number;
  /** Long animation frames (Chromium's LoAF entries, > 50 ms) seen meanwhile. */
  longAnimationFrames: number;
  longestAnimationFrameMs: number;
  /** Long tasks (> 50 ms) and their total time. */
  longTasks: number;
  longTaskMs: number;
  check: Record<string, unknown>;
}

const nextTask = (() => {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>(resolve => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
})();

export const nextFrame = (): Promise<number> =>
  new Promise(resolve => requestAnimationFrame(resolve));

function percentile(values: number[], p: number): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** Watch animation frames and long tasks until `stop()`. */
function watchFrames() {
  const deltas: number[] = [];
  let last = -1;
  let running = true;
  const loop = (now: number) => {
    if (last >= 0) {
      deltas.push(now - last);
    }
    last = now;
    if (running) {
      requestAnimationFrame(loop);
    }
  };
  requestAnimationFrame(loop);
  const loaf: number[] = [];
  const tasks: number[] = [];
  // Entries of frames that began before the run (the log being generated) do not count.
  const since = performance.now();
  const take = (entry: PerformanceEntry) => {
    if (entry.startTime >= since) {
      (entry.entryType === 'longtask' ? tasks : loaf).push(entry.duration);
    }
  };
  const observers: PerformanceObserver[] = [];
  const supported = PerformanceObserver.supportedEntryTypes ?? [];
  for (const type of ['long-animation-frame', 'longtask']) {
    if (supported.includes(type)) {
      const observer = new PerformanceObserver(list =>
        list.getEntries().forEach(take)
      );
      observer.observe({ type, buffered: false });
      observers.push(observer);
    }
  }
  return {
    stop() {
      running = false;
      for (const observer of observers) {
        // Entries not yet handed to the callback.
        observer.takeRecords().forEach(take);
        observer.disconnect();
      }
      return {
        longestFrameMs: deltas.length ? Math.max(...deltas) : 0,
        p95FrameMs: percentile(deltas, 95),
        frames: deltas.length,
        longAnimationFrames: loaf.length,
        longestAnimationFrameMs: loaf.length ? Math.max(...loaf) : 0,
        longTasks: tasks.length,
        longTaskMs: tasks.reduce((a, b) => a + b, 0)
      };
    }
  };
}

/** Run one ingest of the whole log into `sink`. */
export async function ingest(
  sink: ISink,
  options: IRunOptions
): Promise<IRunResult> {
  const all = buildLogLines(options.lines, options.seed);
  const batches: string[][] = [];
  for (let i = 0; i < all.length; i += options.batch) {
    batches.push(all.slice(i, i + options.batch));
  }
  // Start on a quiet page: two frames after the view was mounted.
  await nextFrame();
  await nextFrame();
  const frames = watchFrames();
  const start = performance.now();
  for (const batch of batches) {
    await sink.deliver(batch);
    await nextTask();
  }
  await sink.shown();
  const ms = performance.now() - start;
  const frameStats = frames.stop();
  return {
    name: sink.name,
    lines: options.lines,
    batch: options.batch,
    ms,
    linesPerSecond: (options.lines / ms) * 1000,
    ...frameStats,
    check: sink.check()
  };
}

/** The options of this run, from the page's query string. */
export function runOptions(): IRunOptions {
  const query = new URLSearchParams(window.location.search);
  return {
    lines: parseInt(query.get('lines') ?? '200000', 10),
    batch: parseInt(query.get('batch') ?? '500', 10),
    seed: parseInt(query.get('seed') ?? '4242', 10)
  };
}

declare global {
  interface Window {
    benchReady?: boolean;
    runBench?: () => Promise<IRunResult>;
  }
}
