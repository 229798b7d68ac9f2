import { EnvironmentsModel } from '../../model/environments';
import { EnvironmentFolder } from '../../model/folder';
import { IBuildSummary, IEnvironments } from '../../api/types';
import { BuildHistoryModel } from '../../model/history';

function answer(overrides: Partial<IEnvironments> = {}): IEnvironments {
  return {
    runningImage: 'img:3',
    lastKnownGood: 'img:2',
    folder: 'environment',
    folderSha: 'a'.repeat(40),
    folderProblem: null,
    entries: [
      { kind: 'started', image: 'img:3', server: 'work', time: 't3' },
      { kind: 'last-known-good', image: 'img:2', server: 'work', time: 't2' },
      { kind: 'started', image: 'img:2', server: 'work', time: 't1' },
      { kind: 'started', image: 'img:1', server: 'work', time: 't0' }
    ],
    ...overrides
  };
}

describe('EnvironmentsModel', () => {
  it('offers earlier images newest first, last-known-good first, never the running one', async () => {
    const model = new EnvironmentsModel(
      async () => answer(),
      new EnvironmentFolder(),
      new BuildHistoryModel(async () => [])
    );
    await model.refresh();
    expect(model.rollbackImages).toEqual(['img:2', 'img:1']);
  });

  it('asks for the folder as set now and keeps the error when the server fails', async () => {
    const asked: string[] = [];
    const folder = new EnvironmentFolder('binder/');
    const model = new EnvironmentsModel(
      async path => {
        asked.push(path);
        throw new Error('500 boom');
      },
      folder,
      new BuildHistoryModel(async () => [])
    );
    let signals = 0;
    model.changed.connect(() => (signals += 1));
    await model.refresh();
    folder.set('course/binder');
    await model.refresh();
    expect(asked).toEqual(['binder', 'course/binder']);
    expect(model.error).toContain('500 boom');
    expect(model.rollbackImages).toEqual([]);
    expect(signals).toBe(2);
  });

  it('finds the running build in the one shared history, and whether the folder changed since', async () => {
    const built = (ref: string, imageName: string): IBuildSummary => ({
      id: ref,
      spec: `git/x/${ref}`,
      repoUrl: 'https://example.org/env.git',
      ref,
      snapshot: true,
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:01:00Z',
      result: 'built',
      imageName,
      cacheHit: false
    });
    let asked = 0;
    let builds = [built('b'.repeat(40), 'img:3')];
    const history = new BuildHistoryModel(async () => {
      asked++;
      return builds;
    });
    let sha = 'a'.repeat(40);
    const model = new EnvironmentsModel(
      async () => answer({ folderSha: sha }),
      new EnvironmentFolder(),
      history
    );
    // Before any answer nothing is known.
    expect(model.runningBuild).toBeNull();
    expect(model.changedSinceStart).toBeNull();
    await model.refresh();
    await history.load();
    expect(model.runningBuild?.ref).toBe('b'.repeat(40));
    expect(model.changedSinceStart).toBe(true);
    sha = 'b'.repeat(40);
    await model.refresh();
    expect(model.changedSinceStart).toBe(false);
    // A second view starting needs no request of its own; a new build is seen by all.
    await history.load();
    expect(asked).toBe(1);
    let signals = 0;
    model.changed.connect(() => signals++);
    builds = [built('c'.repeat(40), 'img:4')];
    await history.refresh();
    expect(signals).toBe(1);
    expect(model.runningBuild).toBeNull();
    expect(model.changedSinceStart).toBeNull();
    // An image built from a source (a repository pasted in Sources) is not the folder's: the
    // folder is neither "changed since" nor "the same", whatever it holds.
    builds = [{ ...built('d'.repeat(40), 'img:3'), snapshot: false }];
    await history.refresh();
    expect(model.runningBuild).toBeNull();
    expect(model.changedSinceStart).toBeNull();
  });
});
