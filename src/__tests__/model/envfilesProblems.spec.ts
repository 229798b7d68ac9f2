/** Problems in the folder's files, as saved and as typed in open editors. */
import { ENVIRONMENT_FILE_NAMES } from '../../envfiles';
import { Signal } from '@lumino/signaling';

import { DEFAULT_MAX_FILE_BYTES, defaultServerSettings } from '../../contract';
import { EnvFilesModel } from '../../model/envfiles';
import {
  ready,
  setup,
  sleep,
  STARTER_REQUIREMENTS,
  until,
  where
} from './envfilesHarness';

describe('EnvFilesModel: problems in saved files', () => {
  let model: EnvFilesModel;
  afterEach(() => model?.dispose());

  it('checks saved files with exact positions', async () => {
    const { contents, model: m } = setup({
      'environment/requirements.txt': '# deps\nnumpy\npandas>=\n',
      'environment/README.md': 'not checked: pandas>=\n'
    });
    model = m;
    await model.refresh();
    expect(where(model.problems)).toEqual([
      'requirements.txt:3:7 pip-missing-version'
    ]);
    expect(model.problems[0]).toMatchObject({
      severity: 'error',
      endLine: 3,
      endColumn: 9
    });
    expect(ready(model.state).otherFiles).toBe(1);
    expect(contents.saves).toEqual([]);
  });

  it('points at the first byte that is not UTF-8', async () => {
    const latin1 = new Uint8Array([
      ...Buffer.from('numpy\ncaf', 'latin1'),
      0xe9,
      0x0a
    ]);
    const { model: m } = setup({ 'environment/requirements.txt': latin1 });
    model = m;
    await model.refresh();
    expect(where(model.problems)).toEqual(['requirements.txt:2:4 not-utf8']);
    expect(model.problems[0].message).toContain('0xE9');
  });

  it('does not download a file over the size limit', async () => {
    const big = 'x'.repeat(DEFAULT_MAX_FILE_BYTES + 1);
    const { contents, model: m } = setup({
      'environment/environment.yml': big,
      'environment/data.csv': big
    });
    model = m;
    await model.refresh();
    expect(where(model.problems)).toEqual([
      'environment.yml:1:1 too-large',
      'data.csv:1:1 too-large'
    ]);
    expect(contents.gets.filter(g => g.endsWith('text'))).toEqual([]);
  });

  it('checks sizes against the limit the handshake carries', async () => {
    const settings = defaultServerSettings();
    settings.limits.maxFileBytes = 100;
    const handshake = { settings, changed: new Signal<object, void>({}) };
    const { contents, model: m } = setup(
      { 'environment/requirements.txt': 'numpy\n' + '#'.repeat(200) + '\n' },
      { settings: handshake }
    );
    model = m;
    model.setActive(true);
    await until(() => model.problems.length > 0);
    expect(where(model.problems)).toEqual(['requirements.txt:1:1 too-large']);
    expect(contents.gets.filter(g => g.endsWith('text'))).toEqual([]);
    // An admin's larger limit arrives with the next handshake: checked again, and fine.
    handshake.settings = defaultServerSettings();
    handshake.changed.emit();
    await until(() => model.problems.length === 0);
    model.setActive(false);
  });

  it('turns a failed read into a warning on that file', async () => {
    const { contents, model: m } = setup({
      'environment/requirements.txt': 'numpy\n',
      'environment/apt.txt': 'graphviz\n'
    });
    contents.failures.set('environment/apt.txt', 403);
    model = m;
    await model.refresh();
    expect(model.problems).toEqual([
      expect.objectContaining({
        file: 'apt.txt',
        severity: 'warning',
        code: 'unreadable',
        message:
          'This file could not be read, so it was not checked: Server error 403'
      })
    ]);
    expect(ready(model.state).files).toHaveLength(2);
  });

  it('reads a saved file again only when it changed', async () => {
    const { contents, model: m } = setup({
      'environment/requirements.txt': 'numpy\n'
    });
    model = m;
    await model.refresh();
    await model.refresh();
    const reads = () =>
      contents.gets.filter(g => g === 'environment/requirements.txt text');
    expect(reads()).toHaveLength(1);

    contents.put('environment/requirements.txt', 'numpy==\n');
    await model.refresh();
    expect(reads()).toHaveLength(2);
    expect(where(model.problems)).toEqual([
      'requirements.txt:1:6 pip-missing-version'
    ]);
  });

  it('validateAll reads every saved file again, e.g. before a build', async () => {
    const { contents, model: m } = setup({
      'environment/requirements.txt': 'numpy\n'
    });
    model = m;
    await model.refresh();
    // Same timestamp and size: only a fresh read can see this.
    const stamp = Date.parse(ready(model.state).files[0].lastModified);
    contents.put('environment/requirements.txt', 'num=y\n', stamp);

    const problems = await model.validateAll();
    expect(where(problems)).toEqual(['requirements.txt:1:4 pip-single-equals']);
  });

  it.each(ENVIRONMENT_FILE_NAMES.map(name => [name]))(
    'survives any bytes in %s',
    async name => {
      const garbage = [
        '\0\0\0',
        '- [ {{ :\n\t- : !!binary |\n',
        ']]]\u202e\r\r\n\\',
        'é'.repeat(5000),
        '#!/bin/bash\r\nexec "$@"\r\n'
      ];
      for (const text of garbage) {
        const { model: m } = setup({ [`environment/${name}`]: text });
        model = m;
        await model.refresh();
        const state = ready(model.state);
        expect(state.files.map(f => f.path)).toEqual([name]);
        for (const problem of model.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.column).toBeGreaterThanOrEqual(1);
          expect(problem.message.length).toBeGreaterThan(0);
        }
        model.dispose();
      }
    }
  );
});

describe('EnvFilesModel: unsaved text in open editors', () => {
  let model: EnvFilesModel;
  afterEach(() => model?.dispose());

  it('checks what is typed, without saving, and clears when fixed', async () => {
    const {
      contents,
      editors,
      model: m
    } = setup({
      'environment/requirements.txt': STARTER_REQUIREMENTS
    });
    model = m;
    model.setActive(true);
    await until(() => model.state.kind === 'ready');
    const editor = editors.open(
      'environment/requirements.txt',
      STARTER_REQUIREMENTS
    );

    editor.setLine(3, 'numpy==1.26 ;; python_version>');
    expect(model.problems).toEqual([]);
    await until(() => model.problems.length > 0);
    expect(where(model.problems)).toEqual([
      'requirements.txt:3:14 pip-marker-syntax'
    ]);

    editor.setLine(3, 'numpy==1.26');
    await until(() => model.problems.length === 0);
    expect(contents.saves).toEqual([]);
    expect(contents.read('environment/requirements.txt')).toBe(
      STARTER_REQUIREMENTS
    );
  });

  it('waits for typing to pause before checking', async () => {
    const { editors, model: m } = setup(
      { 'environment/requirements.txt': 'numpy\n' },
      // Long against the 10 ms between keys, so a loaded machine cannot make a pause.
      { validationDelay: 1000 }
    );
    model = m;
    await model.refresh();
    const editor = editors.open('environment/requirements.txt', 'numpy\n');
    await sleep(1100);
    let checks = 0;
    model.problemsChanged.connect(() => checks++);
    for (const text of ['p', 'pa', 'pan', 'pand', 'panda', 'pandas>=']) {
      editor.type(text);
      await sleep(10);
    }
    expect(checks).toBe(0);
    await until(() => checks > 0, 5000);
    expect(checks).toBe(1);
    expect(where(model.problems)).toEqual([
      'requirements.txt:1:7 pip-missing-version'
    ]);
  });

  it('follows an editor that was open before the folder was listed', async () => {
    const { editors, model: m } = setup({
      'environment/requirements.txt': 'numpy\n'
    });
    model = m;
    editors.open('environment/requirements.txt', 'numpy\npandas>=\n');
    await model.refresh();
    expect(where(model.problems)).toEqual([
      'requirements.txt:2:7 pip-missing-version'
    ]);
  });

  it('goes back to the saved text when the editor closes unsaved', async () => {
    const { editors, model: m } = setup({
      'environment/requirements.txt': 'numpy\n'
    });
    model = m;
    model.setActive(true);
    await until(() => model.state.kind === 'ready');
    const editor = editors.open('environment/requirements.txt', 'numpy\n');
    editor.type('numpy\npandas>=\n');
    await until(() => model.problems.length === 1);

    editors.close('environment/requirements.txt');
    await until(() => model.problems.length === 0);
  });

  it('explains the folder again as runtime.txt is typed', async () => {
    const { editors, model: m } = setup({
      'environment/runtime.txt': 'python-3.12\n',
      'environment/install.R': 'install.packages("ggplot2")\n'
    });
    model = m;
    await model.refresh();
    expect(ready(model.state).explanation.buildpack?.id).toBe('python');

    const editor = editors.open('environment/runtime.txt', 'python-3.12\n');
    editor.type('r-4.3-2024-01-10\n');
    await until(() => ready(model.state).explanation.buildpack?.id === 'r');
  });

  it('validateAll uses the text being typed right now', async () => {
    const { editors, model: m } = setup(
      { 'environment/requirements.txt': 'numpy\n' },
      { validationDelay: 10_000 }
    );
    model = m;
    await model.refresh();
    const editor = editors.open('environment/requirements.txt', 'numpy\n');
    editor.type('numpy\npandas>=\n');
    const problems = await model.validateAll();
    expect(where(problems)).toEqual([
      'requirements.txt:2:7 pip-missing-version'
    ]);
  });
});
