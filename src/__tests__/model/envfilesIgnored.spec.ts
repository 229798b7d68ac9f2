import { EnvFilesModel } from '../../model/envfiles';
import { BuildModel } from '../../model/build';
import { BuildHistoryModel } from '../../model/history';
import { FakeContents, FakeEditors } from './fakeContents';

/** A folder laid out like repo2docker's binder-dir test: a broken file beside binder/. */
const FILES = {
  'environment/environment.yml': 'dependencies:\n  - numpy\n  broken\n',
  'environment/binder/requirements.txt': 'requests\n'
};

function setup(files: Record<string, string>) {
  const model = new EnvFilesModel({
    contents: new FakeContents(files),
    documents: new FakeEditors(),
    validationDelay: 20,
    pollInterval: 60 * 60 * 1000
  });
  const build = new BuildModel({
    api: {} as BuildModel.IOptions['api'],
    history: new BuildHistoryModel(async () => []),
    precheck: model
  });
  return { model, build };
}

describe('the Build button and files the build ignores', () => {
  let model: EnvFilesModel;
  afterEach(() => model?.dispose());

  it('lists the problem of an ignored file as information and lets Build start', async () => {
    const setupResult = setup(FILES);
    model = setupResult.model;
    const problems = await model.validateAll();
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'environment.yml',
        severity: 'info'
      })
    ]);
    expect(setupResult.build.blockedReason).toBeNull();
  });

  it('keeps blocking on the same mistake in a file the build reads', async () => {
    const setupResult = setup({
      'environment/binder/environment.yml': FILES['environment/environment.yml']
    });
    model = setupResult.model;
    const problems = await model.validateAll();
    expect(problems.map(p => p.severity)).toEqual(['error']);
    expect(setupResult.build.blockedReason).toContain(
      'binder/environment.yml, line 3'
    );
  });
});
