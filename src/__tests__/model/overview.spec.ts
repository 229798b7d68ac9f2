import { IBuildSummary, IEnvironments, IHandshake } from '../../api/types';
import { defaultServerSettings } from '../../contract';
import { HandshakeState } from '../../model/handshake';
import { imageWords, shortImage } from '../../model/imageNames';
import { IBuildFacts, IOverviewInput, overviewOf } from '../../model/overview';
import { noTranslation } from '../../translate';

const SHA = 'd099dfd' + '0'.repeat(33);
const OTHER = 'abcdef1' + '0'.repeat(33);

function handshake(build = true, restart = true): HandshakeState {
  const answer: IHandshake = {
    version: '0.1.0',
    frontendVersion: '0.1.0',
    versionMatches: true,
    hub: null,
    image: 'example.org/course/env:base',
    settings: defaultServerSettings(),
    capabilities: {
      build: build
        ? { available: true }
        : { available: false, code: 'unreachable' },
      restart: restart
        ? { available: true }
        : { available: false, code: 'missingScope' }
    }
  };
  return { kind: 'ready', handshake: answer };
}

function built(ref: string, image: string): IBuildSummary {
  return {
    id: ref.slice(0, 4),
    spec: `git/x/${ref}`,
    repoUrl: 'http://store/x.git',
    ref,
    snapshot: true,
    startedAt: '2026-11-29T19:45:00Z',
    finishedAt: '2026-11-29T19:50:00Z',
    result: 'built',
    imageName: image,
    cacheHit: false
  };
}

function environments(extra: Partial<IEnvironments> = {}): IEnvironments {
  return {
    runningImage: 'example.org/course/env:base',
    lastKnownGood: null,
    folder: 'environment',
    folderSha: SHA,
    folderProblem: null,
    entries: [],
    ...extra
  };
}

function input(extra: Partial<IOverviewInput> = {}): IOverviewInput {
  return {
    handshake: handshake(),
    environments: environments(),
    runningBuild: null,
    changedSinceStart: null,
    folder: 'environment',
    builds: [],
    build: null,
    ...extra
  };
}

const overview = (extra: Partial<IOverviewInput> = {}) =>
  overviewOf(input(extra), noTranslation);

describe('the overview', () => {
  it('names the running environment by folder, snapshot and time when built here', () => {
    const running = built(SHA, 'registry/r2d-very-long-escaped-name:' + SHA);
    const view = overview({
      environments: environments({ runningImage: running.imageName }),
      runningBuild: running,
      changedSinceStart: false,
      builds: [running]
    });
    expect(view.running.text).toMatch(/^environment\/ · snapshot d099dfd · /);
    expect(view.running.image).toBe(running.imageName);
    expect(view.folder.tone).toBe('ok');
    expect(view.next).toBeNull();
  });

  it('shortens a long image name in the middle, keeping the whole one to copy', () => {
    const image = 'registry.example.org/' + 'r2d-'.repeat(30) + ':tag';
    expect(shortImage(image).length).toBeLessThanOrEqual(40);
    expect(shortImage(image)).toContain('…');
    expect(shortImage('example.org/course/env:base')).toBe('env:base');
  });

  it('names an image a folder build made by its folder and snapshot', () => {
    const image = 'envbuilder-http-3a-2f-2f127-2e0-2e0-2e1-2fsnapshots:' + SHA;
    const builds = [built(SHA, image)];
    expect(imageWords(image, builds, 'environment', noTranslation)).toBe(
      'environment/ · snapshot d099dfd'
    );
    const source = [{ ...builds[0], snapshot: false }];
    expect(imageWords(image, source, 'environment', noTranslation)).toBe(
      shortImage(image)
    );
  });

  it('says rebuild needed and offers Build when the folder changed since the start', () => {
    const view = overview({
      changedSinceStart: true
    });
    expect(view.rebuildNeeded).toBe(true);
    expect(view.folder.tone).toBe('warning');
    expect(view.next?.kind).toBe('build');
    // Once the new files are built, the rebuild is done: what is left is the restart.
    const image = 'registry/env:' + SHA;
    const rebuilt = overview({
      changedSinceStart: true,
      builds: [built(SHA, image)]
    });
    expect(rebuilt.rebuildNeeded).toBe(false);
    expect(rebuilt.folder.text).toContain('changed, built: restart to use it');
    expect(rebuilt.next).toEqual(
      expect.objectContaining({ kind: 'restart', image })
    );
  });

  it('sends to the Environment files when there is no folder to build', () => {
    const view = overview({
      environments: environments({
        folderSha: null,
        folderProblem: 'noFolder'
      })
    });
    expect(view.next).toEqual(
      expect.objectContaining({ kind: 'section', section: 'envfiles' })
    );
  });

  it('on a Binder session, sends to the reason Build is off, not to files that would build nothing', () => {
    const binder = handshake(false, false);
    const answer = (binder as { handshake: IHandshake }).handshake;
    answer.capabilities.build = { available: false, code: 'binderSession' };
    answer.capabilities.restart = { available: false, code: 'binderSession' };
    const view = overview({
      handshake: binder,
      environments: environments({
        folderSha: null,
        folderProblem: 'noFolder'
      })
    });
    expect(view.next).toEqual({
      kind: 'section',
      section: 'status',
      label: 'See why Build is off'
    });
    expect(view.folder).toEqual({
      text: 'environment/ — no files',
      tone: 'info'
    });
    // Anywhere else, a missing folder is the thing to fix.
    const elsewhere = overview({
      handshake: handshake(false, false),
      environments: environments({ folderSha: null, folderProblem: 'noFolder' })
    });
    expect(elsewhere.next).toEqual(
      expect.objectContaining({ section: 'envfiles' })
    );
    expect(elsewhere.folder.tone).toBe('warning');
  });

  it('offers the restart once the folder is built and not running', () => {
    const image = 'registry/env:' + SHA;
    const view = overview({ builds: [built(SHA, image)] });
    expect(view.next).toEqual(
      expect.objectContaining({ kind: 'restart', image })
    );
  });

  it('points at why restarting is off, instead of a restart that cannot work', () => {
    const view = overview({
      handshake: handshake(true, false),
      builds: [built(SHA, 'registry/env:new')]
    });
    expect(view.next).toEqual(
      expect.objectContaining({ kind: 'section', section: 'status' })
    );
  });

  it('does not offer Build while the build service cannot be reached', () => {
    const view = overview({
      handshake: handshake(false),
      changedSinceStart: true
    });
    expect(view.next?.kind).toBe('section');
  });

  it('offers the log while a build runs, and after it failed for this folder', () => {
    const busy: IBuildFacts = {
      kind: 'busy',
      label: noTranslation('Building the image'),
      sha: SHA,
      imageName: null,
      cacheHit: false,
      dryRun: false,
      filesProblem: null
    };
    expect(overview({ build: busy }).next?.kind).toBe('showLog');
    expect(overview({ build: busy }).lastBuild.tone).toBe('busy');
    const failed = {
      ...busy,
      kind: 'failed' as const,
      label: noTranslation('Build failed')
    };
    expect(overview({ build: failed }).next?.kind).toBe('showLog');
    // A failure of an older snapshot: the folder changed since, so build again.
    const older = { ...failed, sha: OTHER };
    expect(overview({ build: older }).next?.kind).toBe('build');
  });

  it('offers nothing while the files question waits for an answer', () => {
    const asking: IBuildFacts = {
      kind: 'asking',
      label: noTranslation('Waiting for you to agree to the files to send'),
      sha: SHA,
      imageName: null,
      cacheHit: false,
      dryRun: false,
      filesProblem: null
    };
    const view = overview({ build: asking });
    expect(view.next).toBeNull();
    expect(view.idle).toMatch(/files to send/);
  });

  it('tells a cache hit as such', () => {
    const hit: IBuildFacts = {
      kind: 'ready',
      label: noTranslation('Image ready'),
      sha: SHA,
      imageName: 'registry/env:x',
      cacheHit: true,
      dryRun: false,
      filesProblem: null
    };
    expect(overview({ build: hit }).lastBuild.text).toContain('cache hit');
  });

  it('after a dry run offers its Dockerfile, not a restart into an image that was not built', () => {
    const image = 'registry/env:' + SHA;
    const dry = { ...built(SHA, image), result: 'dry-run' };
    const hit = { ...dry, id: 'later' };
    const view = overview({ builds: [hit, dry] });
    expect(view.next).toEqual(
      expect.objectContaining({ kind: 'showLog', record: dry.id })
    );
    expect(view.folder.text).toContain('dry run done, no image');
    expect(view.lastBuild.text).toMatch(/^Dry run, no image/);
    expect(view.lastBuild.tone).toBe('info');
    const live: IBuildFacts = {
      kind: 'ready',
      label: noTranslation('Done (dry run: no image was built)'),
      sha: SHA,
      imageName: image,
      cacheHit: true,
      dryRun: true,
      filesProblem: null
    };
    const after = overview({ builds: [dry], build: live });
    expect(after.next?.kind).toBe('showLog');
    expect(after.lastBuild.text).not.toMatch(/already built|ready/i);
    // The Dockerfile is in the record that wrote it, the oldest that was no cache hit.
    expect(after.next).toEqual(
      expect.objectContaining({ kind: 'showLog', record: dry.id })
    );
    // Every dry run here found it done (another user's build ran repo2docker): no log
    // here holds a Dockerfile, so none is promised, and nothing more can be done.
    const theirs = overview({
      builds: [{ ...dry, cacheHit: true }],
      build: live
    });
    expect(theirs.next).toBeNull();
    expect(theirs.idle).toMatch(/only does dry runs/);
    expect(overview({ builds: [{ ...dry, cacheHit: true }] }).next).toBeNull();
    // A dry run that ran here, before the history lists it: its log is the current one.
    const ranHere = overview({
      builds: [],
      build: { ...live, cacheHit: false }
    });
    expect(ranHere.next).toEqual(
      expect.objectContaining({ kind: 'showLog', record: undefined })
    );
  });

  it('says a server started under a dry run name runs no image of the folder', () => {
    const image = 'registry/env:' + SHA;
    const dry = { ...built(SHA, image), result: 'dry-run' };
    const view = overview({
      environments: environments({ runningImage: image }),
      runningBuild: dry,
      changedSinceStart: false,
      builds: [dry]
    });
    expect(view.running.text).toMatch(/dry run, no image$/);
    expect(view.next).toBeNull();
    expect(view.idle).toMatch(/only does dry runs/);
  });

  it('does not offer Build while the snapshot store builds need does not answer', () => {
    const state = handshake();
    if (state.kind === 'ready') {
      state.handshake.capabilities.snapshotStore = {
        available: false,
        code: 'unreachable',
        lost: ['build']
      };
    }
    const view = overview({ handshake: state, changedSinceStart: true });
    expect(view.next).toEqual(
      expect.objectContaining({ kind: 'section', section: 'status' })
    );
  });

  it('asks to check again when the server did not answer', () => {
    const view = overview({
      handshake: {
        kind: 'error',
        failure: {
          kind: 'unavailable',
          message: '502 Bad Gateway',
          status: 502
        }
      },
      environments: null
    });
    expect(view.next?.kind).toBe('check');
    // Whether the spawner sets an image is the server's to say: not known is all that is true.
    expect(view.running.text).toBe('not known until the check succeeds');
  });
});
