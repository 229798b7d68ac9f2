/**
 * A build's event stream as the build model takes it, reconnections included.
 */
import { IBuildEvent } from '../buildlog/events';

/** One step of following a build stream. */
export type StreamItem =
  /** An event of the build; `first` for the first since the stream (re)started. */
  | { kind: 'event'; event: IBuildEvent; first: boolean }
  /** The stream connected again and the gateway replays the build from the start. */
  | { kind: 'replay' }
  /** The server kept failing: gave up (the last `retrying` event). */
  | { kind: 'gave-up'; event: IBuildEvent };

/**
 * Longest run of events taken (with the work the caller does for each) before the page gets
 * to draw a frame: a replayed log brings thousands at once, which would freeze the page.
 */
export const INGEST_SLICE_MS = 8;

/**
 * Resolves once the page has drawn its next frame: animation frame callbacks run just
 * before a frame is drawn, a task queued from one runs after it. Waiting for the next task
 * alone is not enough: the browser runs queued tasks one after another and draws only every
 * few of them. A hidden page draws no frames: there, and if the page is hidden meanwhile,
 * the next task will do.
 */
export function nextFrame(): Promise<void> {
  return new Promise(resolve => {
    if (typeof requestAnimationFrame !== 'function' || document.hidden) {
      setTimeout(resolve, 0);
      return;
    }
    const hidden = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(hidden);
      setTimeout(resolve, 0);
    });
  });
}

/**
 * The stream's events with its reconnections made plain: the stream reports its trouble
 * connecting as `retrying` events, and after a reconnection the gateway replays the whole
 * build, so the log starts over. Gives up after `maxRetries` of them. After every
 * `INGEST_SLICE_MS` of work it waits (`pause`) until the page has drawn a frame.
 */
export async function* streamItems(
  events: AsyncIterable<IBuildEvent>,
  maxRetries: number,
  now: () => number = () => performance.now(),
  pause: () => Promise<void> = nextFrame
): AsyncGenerator<StreamItem> {
  let retries = 0;
  let replaying = false;
  let first = true;
  let sliceStart = now();
  for await (const event of events) {
    if (now() - sliceStart >= INGEST_SLICE_MS) {
      await pause();
      sliceStart = now();
    }
    if (event.error === 'retrying') {
      replaying = true;
      if (++retries > maxRetries) {
        yield { kind: 'gave-up', event };
        return;
      }
      continue;
    }
    if (replaying) {
      replaying = false;
      first = true;
      yield { kind: 'replay' };
    }
    yield { kind: 'event', event, first };
    first = false;
  }
}
