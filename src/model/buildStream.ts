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

const nextTask = () => new Promise<void>(resolve => setTimeout(resolve, 0));

/**
 * The stream's events with its reconnections made plain: the stream reports its trouble
 * connecting as `retrying` events, and after a reconnection the gateway replays the whole
 * build, so the log starts over. Gives up after `maxRetries` of them. Every
 * `INGEST_SLICE_MS` of work it waits for the next task, so that the page draws meanwhile.
 */
export async function* streamItems(
  events: AsyncIterable<IBuildEvent>,
  maxRetries: number,
  now: () => number = () => performance.now()
): AsyncGenerator<StreamItem> {
  let retries = 0;
  let replaying = false;
  let first = true;
  let sliceStart = now();
  for await (const event of events) {
    if (now() - sliceStart >= INGEST_SLICE_MS) {
      await nextTask();
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
