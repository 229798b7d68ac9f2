import { IEnvironments, IHandshake } from '../../api/types';
import { buildOffReason, noAnswerReason } from '../../components/buildOff';
import { defaultServerSettings } from '../../contract';

const trans = {
  __: (text: string, ...args: unknown[]) =>
    text.replace(/%(\d)/g, (_, i) => String(args[Number(i) - 1]))
};

function handshake(
  build: IHandshake['capabilities']['build'],
  snapshotStore?: IHandshake['capabilities']['snapshotStore']
): IHandshake {
  return {
    version: '1',
    frontendVersion: '1',
    versionMatches: true,
    hub: null,
    image: null,
    settings: defaultServerSettings(),
    capabilities: { build, restart: { available: true }, snapshotStore }
  } as IHandshake;
}

const folder = (extra: Partial<IEnvironments>): IEnvironments => ({
  runningImage: null,
  lastKnownGood: null,
  folder: 'environment',
  folderSha: 'a'.repeat(40),
  folderProblem: null,
  entries: [],
  ...extra
});

describe('buildOffReason', () => {
  it('is null when the service is reachable and the folder has files', () => {
    expect(
      buildOffReason(handshake({ available: true }), folder({}), trans)
    ).toBeNull();
  });

  it('says the build service cannot be reached', () => {
    const reason = buildOffReason(
      handshake({ available: false, code: 'unreachable' }),
      folder({}),
      trans
    );
    expect(reason).toMatch(/^No build service: /);
  });

  it('is off while the snapshot store that builds go through does not answer', () => {
    const reason = buildOffReason(
      handshake(
        { available: true },
        {
          available: false,
          code: 'unreachable',
          url: 'http://store/',
          lost: ['build']
        }
      ),
      folder({}),
      trans
    );
    expect(reason).toMatch(
      /^No build until the snapshot store answers: the snapshot store cannot be reached/
    );
  });

  it('stays on without a snapshot store: this server serves its own snapshots', () => {
    const reason = buildOffReason(
      handshake(
        { available: true },
        {
          available: false,
          code: 'notConfigured',
          lost: ['sharedBuilds', 'buildWithoutServer']
        }
      ),
      folder({}),
      trans
    );
    expect(reason).toBeNull();
  });

  it('says there is nothing to build without a folder', () => {
    const reason = buildOffReason(
      handshake({ available: true }),
      folder({ folderSha: null, folderProblem: 'noFolder' }),
      trans
    );
    expect(reason).toMatch(
      /^Nothing to build: there is no folder environment\/ yet/
    );
  });
});

describe('noAnswerReason', () => {
  it('turns Build off, with the reason, while the check got no answer', () => {
    const failure = { kind: 'unavailable' as const, status: 503, message: '' };
    expect(noAnswerReason({ kind: 'error', failure }, trans)).toMatch(
      /^No build while the server extension does not answer/
    );
    expect(
      noAnswerReason({ kind: 'missing-extension', message: '404' }, trans)
    ).not.toBeNull();
  });

  it('leaves Build to the answer once there is one, and to nothing while asking', () => {
    expect(noAnswerReason({ kind: 'loading' }, trans)).toBeNull();
    expect(
      noAnswerReason(
        { kind: 'ready', handshake: handshake({ available: true }) },
        trans
      )
    ).toBeNull();
  });
});
