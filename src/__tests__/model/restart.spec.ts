import { HubApi, IHubAnswer } from '../../api/hub';
import {
  IRestartOptions,
  IRollbackInfo,
  RestartModel,
  RestartState
} from '../../model/restart';

/** A hub that answers DELETE with the given statuses in order (the last one repeats). */
function fakeHub(statuses: number[], server = 'work') {
  const calls: { url: string; method?: string; body?: unknown }[] = [];
  let i = 0;
  const fetcher = (async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method, body: init?.body });
    const status = statuses[Math.min(i, statuses.length - 1)];
    i += 1;
    return new Response(status === 204 || status === 202 ? null : '{}', {
      status
    });
  }) as unknown as typeof fetch;
  const hub = new HubApi(
    { hubPrefix: '/hub/', owner: 'alice', server },
    'page-token',
    fetcher
  );
  return { hub, calls };
}

function options(
  hub: HubApi,
  overrides: Partial<IRestartOptions> = {}
): IRestartOptions & { navigated: string[]; recorded: (string | null)[] } {
  const navigated: string[] = [];
  const recorded: (string | null)[] = [];
  return {
    hub,
    hubVersion: '6.1.1',
    optionsTemplate: 'image={image}',
    currentImage: 'old/image:1',
    documents: { dirty: () => [], saveAll: async () => undefined },
    running: async () => ({ kernels: [], terminals: [] }),
    currentLabPath: () => '/user/alice/work/lab/tree/notes/a b.ipynb',
    recordLastKnownGood: async image => {
      recorded.push(image);
    },
    navigate: url => navigated.push(url),
    sleep: async () => undefined,
    navigated,
    recorded,
    ...overrides
  };
}

const yes = async () => true;

describe('RestartModel', () => {
  it('stops the named server, waits, then opens the spawn page with the image and next', async () => {
    const { hub, calls } = fakeHub([202, 202, 204]);
    const o = options(hub);
    const model = new RestartModel(o);
    const phases: string[] = [];
    model.changed.connect((_, s) => phases.push(s.phase));

    const state = await model.restart('new/image:2', yes);

    expect(state.phase).toBe('starting');
    expect(calls.map(c => c.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
    expect(calls[0].url).toBe('/hub/api/users/alice/servers/work');
    // Never {"remove": true}: that would delete a named server's volume on KubeSpawner.
    expect(calls.every(c => c.body === undefined)).toBe(true);
    expect(o.recorded).toEqual(['old/image:1']);
    const url = new URL(o.navigated[0], 'http://hub.test');
    expect(url.pathname).toBe('/hub/spawn/alice/work');
    expect(url.searchParams.get('opt-image')).toBe('new/image:2');
    expect(url.searchParams.get('next')).toBe(
      '/user/alice/work/lab/tree/notes/a b.ipynb'
    );
    expect(phases[0]).toBe('stopping');
  });

  it('takes a 403 after the stop was accepted as the token being revoked: done', async () => {
    const { hub } = fakeHub([202, 403]);
    const o = options(hub);
    const state = await new RestartModel(o).restart('new/image:2', yes);
    expect(state.phase).toBe('starting');
    expect(o.navigated).toHaveLength(1);
  });

  it('uses unprefixed options on JupyterHub 5 and the default server path', async () => {
    const { hub, calls } = fakeHub([204], '');
    const o = options(hub, { hubVersion: '5.3.0' });
    await new RestartModel(o).restart('new/image:2', yes);
    expect(calls[0].url).toBe('/hub/api/users/alice/server');
    const url = new URL(o.navigated[0], 'http://hub.test');
    expect(url.pathname).toBe('/hub/spawn/alice');
    expect(url.searchParams.get('image')).toBe('new/image:2');
    expect(url.searchParams.has('opt-image')).toBe(false);
  });

  it('a 403 at once means missing scopes: nothing stopped, the admin setting named', async () => {
    const { hub } = fakeHub([403]);
    const o = options(hub);
    const state = (await new RestartModel(o).restart(
      'new/image:2',
      yes
    )) as Extract<RestartState, { phase: 'failed' }>;
    expect(state.phase).toBe('failed');
    expect(state.message).toContain('oauth_client_allowed_scopes');
    expect(o.navigated).toHaveLength(0);
  });

  it('keeps waiting through 429 and reports a stop that never completes', async () => {
    const { hub } = fakeHub([429, 202]);
    const o = options(hub, { stopTimeoutMs: 20000 });
    const state = (await new RestartModel(o).restart(
      'new/image:2',
      yes
    )) as Extract<RestartState, { phase: 'failed' }>;
    expect(state.phase).toBe('failed');
    expect(state.message).toMatch(/has not stopped after \d+ seconds/);
    expect(o.navigated).toHaveLength(0);
  });

  it('reports a 400 from the hub with its status', async () => {
    const { hub } = fakeHub([400]);
    const state = (await new RestartModel(options(hub)).restart(
      'new/image:2',
      yes
    )) as Extract<RestartState, { phase: 'failed' }>;
    expect(state.message).toContain('HTTP 400');
  });

  it('saves unsaved documents first, and stops nothing when the user cancels', async () => {
    let dirty = ['a.ipynb'];
    const saved: string[] = [];
    const documents = {
      dirty: () => dirty,
      saveAll: async () => {
        saved.push(...dirty);
        dirty = [];
      }
    };
    const cancelled = fakeHub([204]);
    const o1 = options(cancelled.hub, { documents });
    const s1 = await new RestartModel(o1).restart(
      'new/image:2',
      async () => false
    );
    expect(s1.phase).toBe('cancelled');
    expect(cancelled.calls).toHaveLength(0);
    expect(saved).toEqual([]);

    const accepted = fakeHub([204]);
    const asked: string[][] = [];
    const o2 = options(accepted.hub, { documents });
    const s2 = await new RestartModel(o2).restart('new/image:2', async p => {
      asked.push(p.dirty);
      return true;
    });
    expect(asked).toEqual([['a.ipynb']]);
    expect(saved).toEqual(['a.ipynb']);
    expect(s2.phase).toBe('starting');
  });

  it('does not stop the server when a document could not be saved', async () => {
    const { hub, calls } = fakeHub([204]);
    const o = options(hub, {
      documents: {
        dirty: () => ['b.ipynb'],
        saveAll: async () => undefined
      }
    });
    const state = (await new RestartModel(o).restart(
      'new/image:2',
      yes
    )) as Extract<RestartState, { phase: 'failed' }>;
    expect(state.phase).toBe('failed');
    expect(state.message).toContain('b.ipynb');
    expect(calls).toHaveLength(0);
  });

  it('remembers how to go back to the previous image', async () => {
    const { hub } = fakeHub([204]);
    const remembered: IRollbackInfo[] = [];
    const o = options(hub, { rememberRollback: i => remembered.push(i) });
    await new RestartModel(o).restart('new/image:2', yes);
    expect(remembered[0].previousImage).toBe('old/image:1');
    const back = new URL(remembered[0].previousSpawnUrl!, 'http://hub.test');
    expect(back.searchParams.get('opt-image')).toBe('old/image:1');
  });

  it('refuses an image the template cannot carry before stopping anything', async () => {
    const { hub, calls } = fakeHub([204]);
    const state = await new RestartModel(options(hub)).restart(
      'bad image',
      yes
    );
    expect(state.phase).toBe('failed');
    expect(calls).toHaveLength(0);
  });
});

describe('HubApi', () => {
  it('reports a network failure as status 0', async () => {
    const hub = new HubApi(
      { hubPrefix: '/hub/', owner: 'alice', server: 'work' },
      't',
      (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch
    );
    const answer: IHubAnswer = await hub.stopServer();
    expect(answer.status).toBe(0);
    expect(answer.message).toContain('Failed to fetch');
  });
});
