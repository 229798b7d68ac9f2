/**
 * The build gateway's event stream read here, not by BinderHub's client: that client parses
 * a whole network read (a replayed log brings megabytes) and queues every event at once,
 * which held the page for hundreds of milliseconds. Loaded with the first build followed.
 */
import { ServerConnection } from '@jupyterlab/services';

import { fromWire, IBuildEvent } from '../buildlog/events';
import { EventStreamText } from '../buildlog/sse';

/**
 * Events handed over together at most. A few dozen at a time, not one by one: each step of
 * an async generator costs promises in every layer it passes, 50,000 times for a big log;
 * and never a whole read at once, so that the caller can still stop within a frame.
 */
export const BATCH_EVENTS = 50;

/**
 * The events of the gateway at `url` (see `openBuildStream`), a few at a time, until
 * `signal` aborts.
 */
export async function* gatewayEvents(
  url: URL,
  settings: ServerConnection.ISettings,
  signal: AbortSignal,
  retryMs: number
): AsyncGenerator<IBuildEvent[]> {
  for (;;) {
    let response: Response | null = null;
    let detail = '';
    try {
      response = await ServerConnection.makeRequest(
        url.href,
        {
          headers: { Accept: 'text/event-stream' },
          // `no-store` would make JupyterLab add a cache buster to the query.
          cache: 'no-cache',
          signal
        },
        settings
      );
    } catch (error) {
      detail = String(error);
    }
    if (signal.aborted) {
      return;
    }
    const status = response?.status ?? 0;
    if (response?.ok) {
      yield* readEvents(response, signal);
      return;
    }
    if (status !== 0 && status < 500 && status !== 429) {
      yield [{ phase: 'failed', error: 'connect', status_code: status }];
      return;
    }
    yield [
      {
        phase: 'unknown',
        error: 'retrying',
        ...(status ? { status_code: status } : {}),
        detail: detail || `HTTP ${status}`
      }
    ];
    await new Promise(resolve => setTimeout(resolve, retryMs));
    if (signal.aborted) {
      return;
    }
  }
}

/** The events of an open stream, parsed a batch at a time as they are asked for. */
async function* readEvents(
  response: Response,
  signal: AbortSignal
): AsyncGenerator<IBuildEvent[]> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const text = new EventStreamText();
  let detail = '';
  try {
    for (;;) {
      for (let batch = takeBatch(text); batch.length > 0;) {
        yield batch;
        if (batch[batch.length - 1].phase === 'failed') {
          return;
        }
        batch = takeBatch(text);
      }
      const read = await reader?.read();
      if (!read || read.done) {
        break;
      }
      text.push(decoder.decode(read.value, { stream: true }));
    }
  } catch (error) {
    detail = String(error);
  } finally {
    // Ends the request when the caller stops early.
    void reader?.cancel().catch(() => undefined);
  }
  if (!signal.aborted) {
    yield [{ phase: 'failed', error: 'cut', ...(detail ? { detail } : {}) }];
  }
}

/** Up to `BATCH_EVENTS` events of the text read so far; a `failed` one ends the batch. */
function takeBatch(text: EventStreamText): IBuildEvent[] {
  const batch: IBuildEvent[] = [];
  while (batch.length < BATCH_EVENTS) {
    const data = text.next();
    if (data === null) {
      break;
    }
    const event = fromWire(data);
    batch.push(event);
    if (event.phase === 'failed') {
      break;
    }
  }
  return batch;
}
