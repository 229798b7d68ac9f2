/**
 * Build event streams for tests: the stream captured from a real BinderHub (shipped with
 * `@jupyterhub/binderhub-client`), and streams with BinderHub's quirks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IBuildEvent } from '../../buildlog/events';

/** The real stream: a BinderHub building binder-examples/octave, then launching it. */
export const FULLBUILD = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '@jupyterhub',
  'binderhub-client',
  'tests',
  'fixtures',
  'fullbuild.eventsource'
);

/** The events of the recording (one `data: …` line each). */
export function recordedEvents(file = FULLBUILD): IBuildEvent[] {
  return fs
    .readFileSync(file, 'utf-8')
    .split('\n')
    .filter(line => line.startsWith('data: '))
    .map(line => JSON.parse(line.slice('data: '.length)));
}

/** Events on the wire, as BinderHub sends them; `null` stands for a keepalive comment. */
export function eventStream(events: (IBuildEvent | string | null)[]): string {
  return events
    .map(event =>
      event === null
        ? ':keepalive\n\n'
        : `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`
    )
    .join('');
}

export interface IFakeStream {
  /** The events one per batch, as a slow stream brings them. */
  readonly events: AsyncIterable<readonly IBuildEvent[]>;
  close(): void;
  readonly closed: boolean;
}

/**
 * A stream the model can follow: yields `events`, then waits (`hang`) or ends, or
 * breaks off with an error (`breakWith`). `gate` holds it before the event at that index
 * until `release()` is called.
 */
export function fakeStream(
  events: IBuildEvent[],
  options: { hang?: boolean; breakWith?: Error } = {}
): IFakeStream & {
  release(): void;
  gate: number | null;
  /** Every event has been taken and the stream hangs (`hang`). */
  readonly hanging: boolean;
} {
  let closed = false;
  let hanging = false;
  let wake: (() => void) | null = null;
  const state = {
    gate: null as number | null,
    release: () => {
      state.gate = null;
      wake?.();
    }
  };
  async function* run(): AsyncGenerator<IBuildEvent[]> {
    for (let i = 0; i < events.length; i++) {
      while (state.gate === i && !closed) {
        await new Promise<void>(resolve => (wake = resolve));
      }
      if (closed) {
        return;
      }
      await Promise.resolve();
      yield [events[i]];
    }
    if (options.breakWith) {
      throw options.breakWith;
    }
    while (options.hang && !closed) {
      hanging = true;
      await new Promise<void>(resolve => (wake = resolve));
    }
  }
  return {
    events: run(),
    close: () => {
      closed = true;
      wake?.();
    },
    get closed() {
      return closed;
    },
    get hanging() {
      return hanging;
    },
    get gate() {
      return state.gate;
    },
    set gate(value: number | null) {
      state.gate = value;
    },
    release: () => state.release()
  };
}
