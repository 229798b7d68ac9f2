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
 * A slice ends this long after the frame before it began, or sooner: the views draw in the
 * same frame (the log view every few frames), and what they took is not the ingest's to
 * take again. One frame is 16.7 ms at 60 Hz.
 */
export const FRAME_WORK_MS = 10;

/** A slice takes at least this long, so that a frame that drew much still takes some lines. */
export const MIN_SLICE_MS = 2;

/**
 * Resolves once the page has drawn its next frame, with the time (`performance.now()`) that
 * frame began: animation frame callbacks run just before a frame is drawn, a task queued
 * from one runs after it. Waiting for the next task alone is not enough: the browser runs
 * queued tasks one after another and draws only every few of them. A hidden page draws no
 * frames: there, and if the page is hidden meanwhile, the next task will do (and resolves
 * with no time).
 */
export function nextFrame(): Promise<number | void> {
  return new Promise(resolve => {
    if (typeof requestAnimationFrame !== 'function' || document.hidden) {
      setTimeout(resolve, 0);
      return;
    }
    const hidden = setTimeout(resolve, 100);
    requestAnimationFrame(began => {
      clearTimeout(hidden);
      setTimeout(() => resolve(began), 0);
    });
  });
}

/**
 * When the slice that starts at `start` ends: `INGEST_SLICE_MS` later, or earlier when the
 * frame it follows (begun at `frame`) has used up its time, but never before `MIN_SLICE_MS`.
 */
export function sliceEnd(start: number, frame?: number | void): number {
  const end = start + INGEST_SLICE_MS;
  if (typeof frame !== 'number') {
    return end;
  }
  return Math.max(start + MIN_SLICE_MS, Math.min(end, frame + FRAME_WORK_MS));
}

/**
 * The stream's events with its reconnections made plain: the stream reports its trouble
 * connecting as `retrying` events, and after a reconnection the gateway replays the whole
 * build, so the log starts over. Gives up after `maxRetries` of them. The items come in
 * arrays, one per batch of the stream or less: after each slice of work (`sliceEnd`,
 * counting the caller's work on the items before) it waits (`pause`) until the page has
 * drawn a frame.
 */
export async function* streamItems(
  batches: AsyncIterable<readonly IBuildEvent[]>,
  maxRetries: number,
  now: () => number = () => performance.now(),
  pause: () => Promise<number | void> = nextFrame
): AsyncGenerator<StreamItem[]> {
  let retries = 0;
  let replaying = false;
  let first = true;
  let until = sliceEnd(now());
  let items: StreamItem[] = [];
  for await (const batch of batches) {
    for (const event of batch) {
      if (now() >= until) {
        if (items.length > 0) {
          yield items;
          items = [];
        }
        const frame = await pause();
        until = sliceEnd(now(), frame);
      }
      if (event.error === 'retrying') {
        replaying = true;
        if (++retries > maxRetries) {
          yield [...items, { kind: 'gave-up', event }];
          return;
        }
        continue;
      }
      if (replaying) {
        replaying = false;
        first = true;
        items.push({ kind: 'replay' });
      }
      items.push({ kind: 'event', event, first });
      first = false;
    }
    if (items.length > 0) {
      yield items;
      items = [];
    }
  }
}
