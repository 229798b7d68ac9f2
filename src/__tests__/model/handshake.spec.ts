import { EnvBuilderRequestError } from '../../api/request';
import { defaultServerSettings } from '../../contract';
import {
  HandshakeModel,
  HandshakeState,
  RECHECK_INTERVAL,
  RECHECK_SOON,
  recheckInterval
} from '../../model/handshake';
import { IHandshake } from '../../api/types';

function handshake(version: string): IHandshake {
  return {
    version,
    frontendVersion: version,
    versionMatches: true,
    hub: {
      user: 'alice',
      serverName: 'work',
      hubPrefix: '/hub/',
      publicUrl: '',
      hubVersion: '6.1.1'
    },
    image: 'example/image:tag',
    settings: defaultServerSettings(),
    capabilities: {
      build: { available: false, code: 'notConfigured' },
      restart: { available: true }
    }
  };
}

describe('HandshakeModel', () => {
  it('becomes ready when the server answers with the same version', async () => {
    const model = new HandshakeModel(async () => handshake('1.2.3'), '1.2.3');
    const seen: string[] = [];
    model.changed.connect((_, state) => seen.push(state.kind));
    await model.refresh();
    expect(seen).toEqual(['loading', 'ready']);
    expect(model.handshake?.hub?.serverName).toBe('work');
  });

  it('checks again quietly: the last answer stays until the new one says the service is back', async () => {
    let answer = handshake('1.2.3');
    const model = new HandshakeModel(async () => answer, '1.2.3');
    await model.refresh();
    expect(model.handshake?.capabilities.build.available).toBe(false);
    const seen: string[] = [];
    model.changed.connect((_, state) => seen.push(state.kind));
    answer = {
      ...answer,
      capabilities: { ...answer.capabilities, build: { available: true } }
    };
    await model.refresh({ quiet: true });
    expect(seen).toEqual(['ready']);
    expect(model.handshake?.capabilities.build.available).toBe(true);
  });

  it('reports a version mismatch with both versions', async () => {
    const model = new HandshakeModel(async () => handshake('1.0.0'), '1.2.3');
    await model.refresh();
    const state = model.state as Extract<
      HandshakeState,
      { kind: 'version-mismatch' }
    >;
    expect(state.kind).toBe('version-mismatch');
    expect(state.handshake.version).toBe('1.0.0');
    expect(model.handshake).toBeNull();
  });

  it('tells a missing server extension (404) apart from other failures', async () => {
    const missing = new HandshakeModel(async () => {
      throw new EnvBuilderRequestError('404 Not Found', 404);
    }, '1.2.3');
    await missing.refresh();
    expect(missing.state.kind).toBe('missing-extension');

    const broken = new HandshakeModel(async () => {
      throw new EnvBuilderRequestError('500 boom', 500);
    }, '1.2.3');
    await broken.refresh();
    expect(broken.state).toEqual({
      kind: 'error',
      failure: { kind: 'serverError', message: '500 boom', status: 500 }
    });
  });

  it('shares one request between concurrent refreshes', async () => {
    let calls = 0;
    const model = new HandshakeModel(async () => {
      calls += 1;
      return handshake('1.2.3');
    }, '1.2.3');
    await Promise.all([model.refresh(), model.refresh()]);
    expect(calls).toBe(1);
  });
});

describe('recheckInterval', () => {
  const base = handshake('1.2.3');
  const withCapabilities = (
    capabilities: Partial<IHandshake['capabilities']>
  ): IHandshake => ({
    ...base,
    capabilities: { ...base.capabilities, ...capabilities }
  });

  it('asks again soon while the build service does not answer, so its return is seen', () => {
    expect(
      recheckInterval(
        withCapabilities({ build: { available: false, code: 'unreachable' } })
      )
    ).toBe(RECHECK_SOON);
  });

  it('asks again soon while the snapshot store does not answer', () => {
    expect(
      recheckInterval(
        withCapabilities({
          build: { available: true },
          snapshotStore: {
            available: false,
            code: 'unreachable',
            lost: ['build']
          }
        })
      )
    ).toBe(RECHECK_SOON);
  });

  it('keeps the usual interval when everything answers or something is just not set up', () => {
    expect(
      recheckInterval(withCapabilities({ build: { available: true } }))
    ).toBe(RECHECK_INTERVAL);
    // notConfigured does not come back by itself: no reason to ask often.
    expect(recheckInterval(base)).toBe(RECHECK_INTERVAL);
    expect(RECHECK_SOON).toBeLessThan(RECHECK_INTERVAL);
  });
});
