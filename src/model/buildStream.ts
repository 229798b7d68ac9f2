/**
 * A build's event stream as the build model takes it, reconnections included.
 */
import { IBuildEvent } from '../buildlog/events';

/** One step of following a build stream. */
export type StreamItem =
  /** An event of the build; `first` for the first since the stream (re)started. */
  | { kind: 'event'; event: IBuildEvent; first: boolean }
  /** The client connected again and the gateway replays the build from the start. */
  | { kind: 'replay' }
  /** The server kept failing: the client gave up (the last `retrying` event). */
  | { kind: 'gave-up'; event: IBuildEvent };

/**
 * The stream's events with the client's reconnections made plain: `binderhub-client` reports
 * its trouble connecting as `retrying` events, and after a reconnection the gateway replays
 * the whole build, so the log starts over. Gives up after `maxRetries * 2` of them.
 */
export async function* streamItems(
  events: AsyncIterable<IBuildEvent>,
  maxRetries: number
): AsyncGenerator<StreamItem> {
  let retries = 0;
  let replaying = false;
  let first = true;
  for await (const event of events) {
    if (event.error === 'retrying') {
      replaying = true;
      if (++retries > maxRetries * 2) {
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
