import { ENVIRONMENT_FILE_NAMES } from '../../envfiles';
import { EnvFilesModel } from '../../model/envfiles';
import {
  ready,
  setup,
  sleep,
  STARTER_REQUIREMENTS,
  until
} from './envfilesHarness';

describe('EnvFilesModel: the folder', () => {
  let model: EnvFilesModel;
  afterEach(() => model?.dispose());

  it('does not touch the server until the section is shown', async () => {
    const setupResult = setup({ 'environment/requirements.txt': 'numpy\n' });
    model = setupResult.model;
    await sleep(10);
    expect(setupResult.contents.gets).toEqual([]);
    expect(model.state.kind).toBe('loading');
  });

  it('says when the folder is missing, without creating anything', async () => {
    const { contents, model: m } = setup();
    model = m;
    await model.refresh();
    expect(model.state).toEqual({ kind: 'missing', folder: 'environment' });
    expect(model.problems).toEqual([]);
    expect(contents.saves).toEqual([]);
    expect(model.missingFiles.map(f => f.name)).toEqual([
      ...ENVIRONMENT_FILE_NAMES
    ]);
  });

  it('creates the folder and then the starter file, and lists it', async () => {
    const { contents, model: m } = setup();
    model = m;
    await model.refresh();
    const outcome = await model.create('requirements.txt');

    expect(outcome).toEqual({
      kind: 'created',
      serverPath: 'environment/requirements.txt',
      folderCreated: true
    });
    expect(contents.saves).toEqual([
      'environment directory',
      'environment/requirements.txt file'
    ]);
    expect(contents.read('environment/requirements.txt')).toBe(
      STARTER_REQUIREMENTS
    );
    const state = ready(model.state);
    expect(state.files.map(f => f.path)).toEqual(['requirements.txt']);
    expect(state.explanation.buildpack?.id).toBe('python');
    expect(state.explanation.files[0]).toMatchObject({
      path: 'requirements.txt',
      status: 'used'
    });
    expect(model.problems).toEqual([]);
    expect(model.activity.notice).toEqual({
      kind: 'success',
      message: 'Created environment/ with requirements.txt.'
    });
    expect(model.missingFiles.map(f => f.name)).not.toContain(
      'requirements.txt'
    );
  });

  it('never overwrites a file that appeared since the folder was listed', async () => {
    const { contents, model: m } = setup();
    model = m;
    await model.refresh();
    contents.put('environment/requirements.txt', 'mine==1.0\n');

    const outcome = await model.create('requirements.txt');

    expect(outcome.kind).toBe('exists');
    expect(contents.read('environment/requirements.txt')).toBe('mine==1.0\n');
    expect(contents.saves).toEqual([]);
    expect(model.activity.notice).toEqual({
      kind: 'error',
      message:
        'environment/requirements.txt already exists and was left unchanged.'
    });
    expect(ready(model.state).files.map(f => f.path)).toEqual([
      'requirements.txt'
    ]);
  });

  it('refuses to create inside a path that is a file', async () => {
    const { contents, model: m } = setup({ environment: 'not a folder' });
    model = m;
    await model.refresh();
    expect(model.state.kind).toBe('notAFolder');

    const outcome = await model.create('environment.yml');

    expect(outcome).toEqual({ kind: 'blocked', serverPath: 'environment' });
    expect(contents.saves).toEqual([]);
    expect(contents.read('environment')).toBe('not a folder');
  });

  it('creates every missing level of a nested folder', async () => {
    const { contents, model: m } = setup(
      { 'repos/README.md': '# repos\n' },
      { folder: '/repos/course/binder/' }
    );
    model = m;
    expect(model.folder).toBe('repos/course/binder');
    await model.create('apt.txt');
    expect(contents.saves).toEqual([
      'repos/course directory',
      'repos/course/binder directory',
      'repos/course/binder/apt.txt file'
    ]);
  });

  it('adds a file into binder/ when repo2docker reads that folder', async () => {
    const { contents, model: m } = setup({
      'environment/binder/requirements.txt': 'numpy\n',
      'environment/requirements.txt': 'pandas\n'
    });
    model = m;
    await model.refresh();
    const state = ready(model.state);
    expect(state.explanation.folder).toBe('binder');
    expect(
      state.explanation.files.map(f => `${f.path} ${f.status}`).sort()
    ).toEqual(['binder/requirements.txt used', 'requirements.txt ignored']);
    expect(model.missingFiles.map(f => f.name)).not.toContain(
      'requirements.txt'
    );

    await model.create('apt.txt');
    expect(contents.saves).toEqual(['environment/binder/apt.txt file']);
  });

  it('shows an error that can be recovered from, without crashing', async () => {
    const { contents, model: m } = setup({
      'environment/requirements.txt': 'numpy\n'
    });
    model = m;
    contents.failures.set('environment', 500);
    await model.refresh();
    expect(model.state).toEqual({
      kind: 'error',
      folder: 'environment',
      message: 'Server error 500'
    });

    contents.failures.clear();
    await model.refresh();
    expect(ready(model.state).files).toHaveLength(1);
  });

  it('follows the folder setting', async () => {
    const { model: m, folder } = setup({
      'environment/requirements.txt': 'numpy\n',
      'course/binder/environment.yml': 'dependencies:\n  - numpy\n'
    });
    model = m;
    await model.refresh();
    expect(ready(model.state).files.map(f => f.serverPath)).toEqual([
      'environment/requirements.txt'
    ]);

    const states: string[] = [];
    model.stateChanged.connect((_, state) => states.push(state.kind));
    folder.set('course/binder');
    await model.refresh();
    expect(states).toEqual(['loading', 'ready']);
    const state = ready(model.state);
    expect(state.folder).toBe('course/binder');
    expect(state.files.map(f => f.serverPath)).toEqual([
      'course/binder/environment.yml'
    ]);
    expect(state.explanation.buildpack?.id).toBe('conda');
  });

  it('notices a file created in this tab at once when shown', async () => {
    const { contents, model: m } = setup({
      'environment/requirements.txt': 'numpy\n'
    });
    model = m;
    model.setActive(true);
    await until(() => model.state.kind === 'ready');
    await contents.save('environment/apt.txt', {
      type: 'file',
      format: 'text',
      content: 'graphviz\n'
    });
    await until(() => ready(model.state).files.length === 2);
  });

  it('does not poll while the folder is missing, and sees it created in this tab', async () => {
    const { contents, model: m } = setup({}, { pollInterval: 20 });
    model = m;
    model.setActive(true);
    await until(() => model.state.kind === 'missing');
    await sleep(30);
    const before = contents.gets.length;
    await sleep(150);
    expect(contents.gets.length).toBe(before);

    await model.create('requirements.txt');
    await until(() => model.state.kind === 'ready');
    expect(ready(model.state).files.map(f => f.path)).toEqual([
      'requirements.txt'
    ]);
  });

  it('polls for outside changes only while shown', async () => {
    const { contents, model: m } = setup(
      { 'environment/requirements.txt': 'numpy\n' },
      { pollInterval: 30 }
    );
    model = m;
    model.setActive(true);
    await until(() => model.state.kind === 'ready');

    contents.put('environment/apt.txt', 'graphviz\n');
    await until(() => ready(model.state).files.length === 2);

    model.setActive(false);
    await sleep(50);
    const before = contents.gets.length;
    contents.put('environment/runtime.txt', 'python-3.12\n');
    await sleep(150);
    expect(contents.gets.length).toBe(before);
    expect(ready(model.state).files).toHaveLength(2);
  });
});
