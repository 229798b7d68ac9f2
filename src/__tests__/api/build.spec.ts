import { ServerConnection } from '@jupyterlab/services';

import { gatewayUrl, openBuildStream } from '../../api/build';
import { BATCH_EVENTS } from '../../api/buildEvents';
import { eventStream, recordedEvents } from '../buildlog/streams';
import { IBuildEvent } from '../../buildlog/events';

const SPEC =
  'git/http%3A%2F%2F127.0.0.1%3A8000%2Fuser%2Falice%2Fwork%2Fenvbuilder%2Fsnapshots%2Fabc.git/' +
  '0123456789abcdef0123456789abcdef01234567';

interface ICall {
  url: string;
  headers: Headers;
}

interface IServed {
  calls: ICall[];
  /** The request's body reader was cancelled (the request ended from this side). */
  cancelled: () => boolean;
}

/**
 * A fetch answering each request with the next of `answers`: a status and a body sent in
 * chunks of `chunk` characters, one network read each; the stream ends after its body.
 */
function serve(answers: { status?: number; body?: string; chunk?: number }[]): {
  fetch: typeof fetch;
  served: IServed;
} {
  const calls: ICall[] = [];
  let cancelled = false;
  const fake = async (request: Request) => {
    calls.push({ url: request.url, headers: request.headers });
    const answer = answers[Math.min(calls.length, answers.length) - 1];
    const bytes = new TextEncoder().encode(answer.body ?? '');
    const size = answer.chunk ?? 1000;
    const status = answer.status ?? 200;
    let at = 0;
    return {
      ok: status < 300,
      status,
      body: {
        getReader: () => ({
          read: async () => {
            // As the network would: one chunk at a time, and nothing once aborted.
            await new Promise(resolve => setTimeout(resolve, 0));
            if (request.signal?.aborted || cancelled) {
              throw new DOMException(
                'The operation was aborted.',
                'AbortError'
              );
            }
            if (at >= bytes.length) {
              return { done: true, value: undefined };
            }
            const value = bytes.slice(at, at + size);
            at += size;
            return { done: false, value };
          },
          cancel: async () => {
            cancelled = true;
          }
        })
      }
    } as unknown as Response;
  };
  return {
    fetch: fake as unknown as typeof fetch,
    served: { calls, cancelled: () => cancelled }
  };
}

function settings(
  fetch: typeof window.fetch,
  token = 't'
): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: 'http://127.0.0.1:8000/user/alice/work/',
    token,
    fetch
  });
}

async function collect(
  batches: AsyncIterable<readonly IBuildEvent[]>
): Promise<IBuildEvent[]> {
  const all: IBuildEvent[] = [];
  for await (const batch of batches) {
    all.push(...batch);
  }
  return all;
}

describe('the build stream through the gateway', () => {
  it('asks the gateway of this server for an event stream, with the page’s token and build_only', async () => {
    const { fetch, served } = serve([
      { body: eventStream([{ phase: 'ready', imageName: 'img:1' }]) }
    ]);
    expect(String(gatewayUrl(settings(fetch)))).toBe(
      'http://127.0.0.1:8000/user/alice/work/envbuilder/build/'
    );
    const stream = openBuildStream(SPEC, settings(fetch, 'secret-token'));
    const events = await collect(stream.events);
    expect(served.calls).toHaveLength(1);
    expect(served.calls[0].url).toBe(
      `http://127.0.0.1:8000/user/alice/work/envbuilder/build/${SPEC}?build_only=true`
    );
    expect(served.calls[0].headers.get('Authorization')).toBe(
      'token secret-token'
    );
    expect(served.calls[0].headers.get('Accept')).toBe('text/event-stream');
    // A stream that ends without being closed from here broke off.
    expect(events.map(e => e.phase)).toEqual(['ready', 'failed']);
    expect(events[1].error).toBe('cut');
  });

  it('sends the _xsrf cookie when the page has no token (cookie login)', async () => {
    document.cookie = '_xsrf=2|abc|def|123; path=/';
    const { fetch, served } = serve([
      { body: eventStream([{ phase: 'ready', imageName: 'img:1' }]) }
    ]);
    await collect(openBuildStream(SPEC, settings(fetch, '')).events);
    expect(served.calls[0].headers.get('Authorization')).toBeNull();
    expect(served.calls[0].headers.get('X-XSRFToken')).toBe('2|abc|def|123');
  });

  it('passes every event of the recorded build through, keepalives dropped, whatever the reads', async () => {
    const recorded = recordedEvents();
    const wire = eventStream([
      recorded[0],
      null,
      ...recorded.slice(1, 50),
      null
    ]);
    // Reads of 7 bytes cut lines, and characters, anywhere.
    const { fetch } = serve([{ body: wire, chunk: 7 }]);
    const events = await collect(openBuildStream(SPEC, settings(fetch)).events);
    expect(events.slice(0, 50)).toEqual(recorded.slice(0, 50));
  });

  it('takes a read of thousands of events apart a few at a time, as they are asked for, losing none', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      phase: 'building',
      message: `line ${i}\n`
    }));
    const { fetch } = serve([
      {
        body: eventStream([...lines, { phase: 'ready', imageName: 'img:1' }]),
        chunk: 1 << 20
      }
    ]);
    const parse = jest.spyOn(JSON, 'parse');
    const warn = jest
      .spyOn(console, 'warn')
      .mockImplementation(() => undefined);
    try {
      const events: IBuildEvent[] = [];
      const parsedWhenTaken: number[] = [];
      for await (const batch of openBuildStream(SPEC, settings(fetch)).events) {
        events.push(...batch);
        parsedWhenTaken.push(parse.mock.calls.length);
      }
      expect(events.slice(0, 3000)).toEqual(lines);
      expect(events[3000]).toEqual({ phase: 'ready', imageName: 'img:1' });
      // The whole log came in one read, yet the first batch waited for no more than its own.
      expect(parsedWhenTaken[0]).toBe(BATCH_EVENTS);
      // Batches, not one step per event, and not one for the whole read (the last batch
      // is the stream's end, which closed without a word: cut).
      expect(parsedWhenTaken).toHaveLength(Math.ceil(3001 / BATCH_EVENTS) + 1);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
      warn.mockRestore();
    }
  });

  it('lower-cases odd phases, keeps events without one, and closes the stream after `failed`', async () => {
    const { fetch, served } = serve([
      {
        body: eventStream([
          { phase: 'Building', message: 'Step 1\n' },
          { message: 'no phase\n' },
          'not json',
          { phase: 'FAILED' },
          {
            phase: 'building',
            message: 'BinderHub keeps a failed stream open\n'
          }
        ])
      }
    ]);
    const events = await collect(openBuildStream(SPEC, settings(fetch)).events);
    expect(events).toEqual([
      { phase: 'building', message: 'Step 1\n' },
      { message: 'no phase\n' },
      { phase: 'unknown', message: 'not json\n' },
      { phase: 'failed' }
    ]);
    expect(served.cancelled()).toBe(true);
  });

  it('turns a refused connection into a failure with its status', async () => {
    const { fetch, served } = serve([{ status: 403 }]);
    const events = await collect(openBuildStream(SPEC, settings(fetch)).events);
    expect(events).toEqual([
      { phase: 'failed', error: 'connect', status_code: 403 }
    ]);
    expect(served.calls).toHaveLength(1);
  });

  it('asks again after a 5xx answer, saying so, and then takes the stream', async () => {
    const { fetch, served } = serve([
      { status: 503 },
      { body: eventStream([{ phase: 'ready', imageName: 'img:1' }]) }
    ]);
    const stream = openBuildStream(SPEC, settings(fetch), 0);
    const events: IBuildEvent[] = [];
    for await (const batch of stream.events) {
      events.push(...batch);
      if (batch.some(event => event.phase === 'ready')) {
        stream.close();
      }
    }
    expect(served.calls).toHaveLength(2);
    expect(events).toEqual([
      {
        phase: 'unknown',
        error: 'retrying',
        status_code: 503,
        detail: 'HTTP 503'
      },
      { phase: 'ready', imageName: 'img:1' }
    ]);
  });

  it('stops when closed, without a made-up failure', async () => {
    const { fetch, served } = serve([
      {
        body: eventStream([{ phase: 'waiting', message: 'Waiting\n' }]),
        chunk: 1
      }
    ]);
    const stream = openBuildStream(SPEC, settings(fetch));
    const seen: IBuildEvent[] = [];
    for await (const batch of stream.events) {
      seen.push(...batch);
      stream.close();
    }
    expect(seen).toEqual([{ phase: 'waiting', message: 'Waiting\n' }]);
    expect(served.cancelled()).toBe(true);
  });
});
