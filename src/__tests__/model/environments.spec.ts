import { EnvironmentsModel } from '../../model/environments';
import { EnvironmentFolder } from '../../model/folder';
import { IEnvironments } from '../../api/types';

function answer(overrides: Partial<IEnvironments> = {}): IEnvironments {
  return {
    runningImage: 'img:3',
    lastKnownGood: 'img:2',
    runningBuild: null,
    folder: 'environment',
    folderSha: 'a'.repeat(40),
    folderProblem: null,
    changedSinceStart: null,
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
      new EnvironmentFolder()
    );
    await model.refresh();
    expect(model.rollbackImages).toEqual(['img:2', 'img:1']);
  });

  it('asks for the folder as set now and keeps the error when the server fails', async () => {
    const asked: string[] = [];
    const folder = new EnvironmentFolder('binder/');
    const model = new EnvironmentsModel(async path => {
      asked.push(path);
      throw new Error('500 boom');
    }, folder);
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
});
