import { Signal } from '@lumino/signaling';

import { HubApi } from '../../api/hub';
import { parseRollbackInfo, restartArrival } from '../../model/arrival';
import {
  IRestartLosses,
  IRestartOptions,
  RestartModel
} from '../../model/restart';
import { quietConnectionLost } from '../../model/connectionLost';

/** A hub answering DELETE with `statuses` in order; records what happened when. */
function setup(statuses: number[], overrides: Partial<IRestartOptions> = {}) {
  const events: string[] = [];
  let i = 0;
  const fetcher = (async () => {
    events.push('DELETE');
    const status = statuses[Math.min(i++, statuses.length - 1)];
    return new Response(status === 204 || status === 202 ? null : '{}', {
      status
    });
  }) as unknown as typeof fetch;
  const hub = new HubApi(
    { hubPrefix: '/hub/', owner: 'alice', server: 'work' },
    'page-token',
    fetcher
  );
  const options: IRestartOptions = {
    hub,
    hubVersion: '5.3.0',
    optionsTemplate: 'image={image}',
    currentImage: 'old/image:1',
    documents: { dirty: () => [], saveAll: async () => undefined },
    running: async () => ({ kernels: [], terminals: [] }),
    currentLabPath: () => '/user/alice/work/lab',
    recordLastKnownGood: async () => {
      events.push('record');
    },
    navigate: () => events.push('navigate'),
    quietConnectionLost: () => {
      events.push('quiet');
      return () => events.push('loud again');
    },
    sleep: async () => undefined,
    stopTimeoutMs: 1000,
    ...overrides
  };
  return { model: new RestartModel(options), events };
}

const RUNNING = {
  kernels: [
    { name: 'Python 3 (ipykernel)', path: 'analysis.ipynb' },
    { name: 'R', path: null }
  ],
  terminals: ['1']
};

describe('a restart never ends work without asking', () => {
  it('lists running kernels with their notebooks and terminals, and stops nothing when cancelled', async () => {
    const asked: IRestartLosses[] = [];
    const { model, events } = setup([204], { running: async () => RUNNING });
    const state = await model.restart('new/image:2', async losses => {
      asked.push(losses);
      return false;
    });
    expect(asked).toEqual([{ dirty: [], ...RUNNING, unknownRunning: false }]);
    expect(state.phase).toBe('cancelled');
    expect(events).toEqual([]);
  });

  it('goes on once the user agrees', async () => {
    const { model, events } = setup([204], { running: async () => RUNNING });
    const state = await model.restart('new/image:2', async () => true);
    expect(state.phase).toBe('starting');
    expect(events).toEqual(['record', 'quiet', 'DELETE', 'navigate']);
  });

  it('asks when the kernels and terminals cannot be listed', async () => {
    const asked: IRestartLosses[] = [];
    const { model } = setup([204], {
      running: async () => {
        throw new Error('503');
      }
    });
    await model.restart('new/image:2', async losses => {
      asked.push(losses);
      return false;
    });
    expect(asked[0].unknownRunning).toBe(true);
  });

  it('does not ask when nothing would be lost', async () => {
    let asked = 0;
    const { model } = setup([204]);
    const state = await model.restart('new/image:2', async () => {
      asked++;
      return true;
    });
    expect(asked).toBe(0);
    expect(state.phase).toBe('starting');
  });

  it('lets the Lab report a lost server again when the stop fails', async () => {
    const { model, events } = setup([403]);
    const state = await model.restart('new/image:2', async () => true);
    expect(state.phase).toBe('failed');
    expect(events).toEqual(['record', 'quiet', 'DELETE', 'loud again']);
  });
});

describe('quietConnectionLost', () => {
  it("holds back the service manager's connection failures until undone", () => {
    const serviceManager = {};
    const signal = new Signal<object, Error>(serviceManager);
    const heard: string[] = [];
    signal.connect((_, error) => heard.push(error.message));
    const restore = quietConnectionLost({ connectionFailure: signal });
    signal.emit(new Error('during the restart'));
    restore();
    signal.emit(new Error('after a failed restart'));
    expect(heard).toEqual(['after a failed restart']);
  });
});

describe('what became of the last restart', () => {
  const info = {
    previousImage: 'img:good',
    previousSpawnUrl: '/hub/spawn/alice/work?image=img%3Agood',
    newImage: 'img:broken'
  };

  it('reads what the page stored before leaving, and nothing else', () => {
    expect(parseRollbackInfo(JSON.stringify(info))).toEqual(info);
    expect(parseRollbackInfo('{"previousImage": "x"}')).toBeNull();
    expect(parseRollbackInfo('not json')).toBeNull();
    expect(parseRollbackInfo(null)).toBeNull();
  });

  it('tells a rollback from an arrival', () => {
    expect(restartArrival(info, 'img:broken')).toEqual({
      kind: 'arrived',
      image: 'img:broken'
    });
    expect(restartArrival(info, 'img:good')).toEqual({
      kind: 'rolled-back',
      failed: 'img:broken',
      running: 'img:good'
    });
    expect(restartArrival(info, 'hub/default:1')).toEqual({
      kind: 'elsewhere',
      failed: 'img:broken',
      running: 'hub/default:1'
    });
  });
});
