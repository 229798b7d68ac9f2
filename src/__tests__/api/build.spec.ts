import { ServerConnection } from '@jupyterlab/services';

/**
 * After a `failed` event or a refused connection the client leaves its request's promise
 * rejected and unhandled (in browsers a console message, nothing more; jest would count
 * it against the test). Here the rejections are collected instead; all else is real.
 */
const rejections: unknown[] = [];
jest.mock('@microsoft/fetch-event-source', () => {
  const real = jest.requireActual('@microsoft/fetch-event-source');
  return {
    ...real,
    fetchEventSource: (...args: unknown[]) => {
      const request: Promise<void> = real.fetchEventSource(...args);
      request.catch((reason: unknown) => rejections.push(reason));
      return request;
    }
  };
});

import { gatewayUrl, openBuildStream } from '../../api/build';
import { eventStream, recordedEvents } from '../buildlog/streams';
import { IBuildEvent } from '../../buildlog/events';

const SPEC =
  'git/http%3A%2F%2F127.0.0.1%3A8000%2Fuser%2Falice%2Fwork%2Fenvbuilder%2Fsnapshots%2Fabc.git/' +
  '0123456789abcdef0123456789abcdef01234567';

interface ICall {
  url: string;
  headers: Record<string, string>;
}

/** window.fetch answering with `body` in chunks of `chunk` characters. */
function serve(
  body: string,
  options: { status?: number; chunk?: number } = {}
): ICall[] {
  const calls: ICall[] = [];
  const bytes = new TextEncoder().encode(body);
  const size = options.chunk ?? 1000;
  (window as any).fetch = async (url: URL, init: RequestInit) => {
    calls.push({
      url: String(url),
      headers: init.headers as Record<string, string>
    });
    let at = 0;
    return {
      ok: (options.status ?? 200) < 300,
      status: options.status ?? 200,
      headers: new Map([['content-type', 'text/event-stream']]),
      body: {
        getReader: () => ({
          read: async () => {
            // As the network would: one chunk at a time, and nothing once aborted.
            await new Promise(resolve => setTimeout(resolve, 0));
            if (init.signal?.aborted) {
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
          }
        })
      }
    };
  };
  return calls;
}

function settings(token = ''): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: 'http://127.0.0.1:8000/user/alice/work/',
    token
  });
}

async function collect(
  events: AsyncIterable<IBuildEvent>
): Promise<IBuildEvent[]> {
  const all: IBuildEvent[] = [];
  for await (const event of events) {
    all.push(event);
  }
  return all;
}

afterEach(() => {
  rejections.length = 0;
  delete (window as any).fetch;
});

describe('the build stream through BinderHub’s own client', () => {
  it('asks the gateway of this server, with the page’s token and build_only', async () => {
    expect(String(gatewayUrl(settings()))).toBe(
      'http://127.0.0.1:8000/user/alice/work/envbuilder/build/'
    );
    const calls = serve(eventStream([{ phase: 'ready', imageName: 'img:1' }]));
    const stream = openBuildStream(SPEC, settings('secret-token'));
    const events = await collect(stream.events);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(
      `http://127.0.0.1:8000/user/alice/work/envbuilder/build/${SPEC}?build_only=true`
    );
    expect(calls[0].headers.Authorization).toBe('Bearer secret-token');
    expect(calls[0].headers.accept).toBe('text/event-stream');
    // The client reports the end of a stream it did not close itself as a failure.
    expect(events.map(e => e.phase)).toEqual(['ready', 'failed']);
    expect(events[1].error).toBe('cut');
  });

  it('sends the _xsrf cookie when the page has no token (cookie login)', async () => {
    document.cookie = '_xsrf=2|abc|def|123; path=/';
    const calls = serve(eventStream([{ phase: 'ready', imageName: 'img:1' }]));
    await collect(openBuildStream(SPEC, settings('')).events);
    expect(calls[0].headers.Authorization).toBeUndefined();
    expect(calls[0].headers['X-Xsrftoken']).toBe('2|abc|def|123');
  });

  it('passes every event of the recorded build through, keepalives dropped', async () => {
    const recorded = recordedEvents();
    const wire = eventStream([
      recorded[0],
      null,
      ...recorded.slice(1, 50),
      null
    ]);
    serve(wire, { chunk: 7 });
    const events = await collect(openBuildStream(SPEC, settings('t')).events);
    expect(events.slice(0, 50)).toEqual(recorded.slice(0, 50));
  });

  it('takes a replayed log of thousands of events without console warnings', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      phase: 'building',
      message: `line ${i}\n`
    }));
    serve(eventStream([...lines, { phase: 'ready', imageName: 'img:1' }]), {
      chunk: 1 << 20
    });
    const warn = jest
      .spyOn(console, 'warn')
      .mockImplementation(() => undefined);
    try {
      const events = await collect(openBuildStream(SPEC, settings('t')).events);
      expect(events.slice(0, 3000)).toEqual(lines);
      expect(events[3000]).toEqual({ phase: 'ready', imageName: 'img:1' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('lower-cases odd phases and keeps events without one', async () => {
    serve(
      eventStream([
        { phase: 'Building', message: 'Step 1\n' },
        { message: 'no phase\n' },
        { phase: 'FAILED' }
      ])
    );
    const events = await collect(openBuildStream(SPEC, settings('t')).events);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(rejections.map(r => (r as Error).constructor.name)).toEqual([
      'EventStreamClose'
    ]);
    expect(events[0]).toEqual({ phase: 'building', message: 'Step 1\n' });
    expect(events[1]).toEqual({ message: 'no phase\n' });
    expect(events[2]).toEqual({ phase: 'failed' });
    // Then its own failure, as the client ends a stream after `failed`.
    expect(events.slice(3)).toEqual([
      { phase: 'failed', error: 'cut', detail: 'Error in event stream: Error' }
    ]);
  });

  it('turns a refused connection into a failure with its status', async () => {
    serve('', { status: 403 });
    const events = await collect(openBuildStream(SPEC, settings('t')).events);
    expect(events[0]).toMatchObject({
      phase: 'failed',
      error: 'connect',
      status_code: 403
    });
  });

  it('stops when closed, without a made-up failure', async () => {
    serve(eventStream([{ phase: 'waiting', message: 'Waiting\n' }]), {
      chunk: 1
    });
    const stream = openBuildStream(SPEC, settings('t'));
    const seen: IBuildEvent[] = [];
    for await (const event of stream.events) {
      seen.push(event);
      stream.close();
    }
    expect(seen).toEqual([{ phase: 'waiting', message: 'Waiting\n' }]);
  });
});
