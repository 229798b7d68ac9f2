import { explainEnvironment } from '../../envfiles';
import { explain, roles } from './explainHelpers';

describe('explainEnvironment: where repo2docker looks', () => {
  it('uses the default Python environment for an empty folder', () => {
    const result = explain([]);
    expect(result.folder).toBe('');
    expect(result.buildpack?.id).toBe('python');
    expect(result.buildpack?.reason).toBe('python-default');
    expect(result.buildpack?.decidedBy).toBeNull();
    expect(result.files).toEqual([]);
    expect(result.blockers).toEqual([]);
  });

  it('lists only configuration files, not notebooks or data', () => {
    const result = explain(['analysis.ipynb', 'data/table.csv', 'README.md']);
    expect(result.files).toEqual([]);
    expect(result.buildpack?.reason).toBe('python-default');
  });

  it('reads binder/ instead of the top level when binder/ exists', () => {
    const result = explain([
      'requirements.txt',
      'environment.yml',
      'binder/requirements.txt',
      'analysis.ipynb'
    ]);
    expect(result.folder).toBe('binder');
    expect(result.buildpack?.id).toBe('python');
    expect(result.buildpack?.decidedBy).toBe('binder/requirements.txt');
    expect(roles(result)).toEqual({
      'requirements.txt': 'ignored:binder-folder-wins',
      'environment.yml': 'ignored:binder-folder-wins',
      'binder/requirements.txt': 'used:pip-installs'
    });
    expect(result.files[0].message).toContain('binder/');
  });

  it('reads .binder/ the same way', () => {
    const result = explain(['.binder/environment.yml', 'requirements.txt']);
    expect(result.folder).toBe('.binder');
    expect(result.buildpack?.id).toBe('conda');
    expect(roles(result)).toEqual({
      '.binder/environment.yml': 'used:installs-conda-packages',
      'requirements.txt': 'ignored:binder-folder-wins'
    });
  });

  it('counts binder/ as present even when its only file is not a configuration file', () => {
    const result = explain(['binder/README.md', 'requirements.txt']);
    expect(result.folder).toBe('binder');
    expect(roles(result)).toEqual({
      'requirements.txt': 'ignored:binder-folder-wins'
    });
    expect(result.buildpack?.reason).toBe('python-default');
  });

  it('refuses a folder with both binder/ and .binder/, as repo2docker does', () => {
    const result = explain(['binder/requirements.txt', '.binder/apt.txt']);
    expect(result.folder).toBeNull();
    expect(result.buildpack).toBeNull();
    expect(result.blockers.map(b => b.id)).toEqual(['both-binder-folders']);
    expect(result.blockers[0].message).toContain(
      'Move the files into one of them'
    );
    expect(roles(result)).toEqual({
      'binder/requirements.txt': 'ignored:both-binder-folders',
      '.binder/apt.txt': 'ignored:both-binder-folders'
    });
  });

  it('ignores configuration files in other sub-folders', () => {
    const result = explain(['docs/requirements.txt', 'binder/sub/apt.txt']);
    expect(result.folder).toBe('binder');
    expect(roles(result)).toEqual({
      'docs/requirements.txt': 'ignored:not-looked-at',
      'binder/sub/apt.txt': 'ignored:not-looked-at'
    });
  });

  it('ignores files whose name differs only in case, naming the right spelling', () => {
    const result = explain(['Requirements.txt', 'postbuild']);
    expect(roles(result)).toEqual({
      'Requirements.txt': 'ignored:misnamed',
      postbuild: 'ignored:misnamed'
    });
    expect(result.files[0].message).toContain('requirements.txt');
    expect(result.files[1].message).toContain('postBuild');
    expect(result.buildpack?.reason).toBe('python-default');
  });

  it('skips paths outside the folder and accepts Windows separators', () => {
    const result = explain([
      '../requirements.txt',
      '/etc/apt.txt',
      'binder\\environment.yml'
    ]);
    expect(result.folder).toBe('binder');
    expect(result.buildpack?.id).toBe('conda');
    expect(roles(result)).toEqual({
      'binder\\environment.yml': 'used:installs-conda-packages'
    });
  });
});

describe('explainEnvironment: Dockerfile', () => {
  it('builds from the Dockerfile alone and ignores every other file', () => {
    const result = explain(
      [
        'Dockerfile',
        'environment.yml',
        'requirements.txt',
        'apt.txt',
        'postBuild',
        'start',
        'runtime.txt'
      ],
      { 'runtime.txt': 'python-3.12' }
    );
    expect(result.buildpack?.id).toBe('dockerfile');
    expect(result.buildpack?.decidedBy).toBe('Dockerfile');
    expect(roles(result)).toEqual({
      Dockerfile: 'used:builds-image',
      'environment.yml': 'ignored:dockerfile-wins',
      'requirements.txt': 'ignored:dockerfile-wins',
      'apt.txt': 'ignored:dockerfile-wins',
      postBuild: 'ignored:dockerfile-wins',
      start: 'ignored:dockerfile-wins',
      'runtime.txt': 'ignored:dockerfile-wins'
    });
  });

  it('uses binder/Dockerfile over a top-level one', () => {
    const result = explain(['Dockerfile', 'binder/Dockerfile']);
    expect(result.buildpack?.decidedBy).toBe('binder/Dockerfile');
    expect(roles(result)).toEqual({
      Dockerfile: 'ignored:binder-folder-wins',
      'binder/Dockerfile': 'used:builds-image'
    });
  });

  it('does not read runtime.txt, so a broken one does not stop a Dockerfile build', () => {
    const result = explain(['Dockerfile', 'runtime.txt'], {
      'runtime.txt': 'python3.12'
    });
    expect(result.blockers).toEqual([]);
    expect(result.buildpack?.id).toBe('dockerfile');
  });
});

describe('explainEnvironment: conda', () => {
  it('ignores requirements.txt and the runtime.txt Python version next to environment.yml', () => {
    const result = explain(
      [
        'environment.yml',
        'requirements.txt',
        'runtime.txt',
        'apt.txt',
        'postBuild',
        'start'
      ],
      { 'runtime.txt': 'python-3.11\n' }
    );
    expect(result.buildpack?.id).toBe('conda');
    expect(roles(result)).toEqual({
      'environment.yml': 'used:installs-conda-packages',
      'requirements.txt': 'ignored:conda-ignores-requirements',
      'runtime.txt': 'ignored:conda-python-version',
      'apt.txt': 'used:apt-packages',
      postBuild: 'used:post-build-script',
      start: 'used:start-script'
    });
    expect(result.files[1].message).toContain('"pip:"');
  });

  it('prefers environment.yml over environment.yaml', () => {
    const result = explain(['environment.yaml', 'environment.yml']);
    expect(result.buildpack?.decidedBy).toBe('environment.yml');
    expect(roles(result)).toEqual({
      'environment.yaml': 'ignored:environment-yml-preferred',
      'environment.yml': 'used:installs-conda-packages'
    });
  });

  it('accepts environment.yaml alone', () => {
    const result = explain(['environment.yaml']);
    expect(result.buildpack?.id).toBe('conda');
    expect(roles(result)).toEqual({
      'environment.yaml': 'used:installs-conda-packages'
    });
  });

  it('does not install setup.py with conda', () => {
    const result = explain(['environment.yml', 'setup.py']);
    expect(roles(result)['setup.py']).toBe('ignored:setup-py-not-installed');
  });
});

describe('explainEnvironment: pipenv', () => {
  it('ignores requirements.txt next to a Pipfile', () => {
    const result = explain(['Pipfile', 'requirements.txt']);
    expect(result.buildpack?.id).toBe('pipfile');
    expect(roles(result)).toEqual({
      Pipfile: 'used:pipfile-installed',
      'requirements.txt': 'ignored:pipfile-ignores-requirements'
    });
  });

  it('installs from Pipfile.lock and reads the Pipfile only for the Python version', () => {
    const result = explain(['Pipfile', 'Pipfile.lock']);
    expect(result.buildpack?.decidedBy).toBe('Pipfile.lock');
    expect(roles(result)).toEqual({
      Pipfile: 'used:pipfile-python-version',
      'Pipfile.lock': 'used:pipfile-installed'
    });
  });

  it('takes the Python version from the Pipfile, not runtime.txt', () => {
    const result = explain(['Pipfile', 'runtime.txt'], {
      'runtime.txt': 'python-3.10'
    });
    expect(roles(result)['runtime.txt']).toBe('ignored:pipfile-python-version');
  });

  it('skips pipenv when runtime.txt names another language', () => {
    const result = explain(['Pipfile', 'runtime.txt'], {
      'runtime.txt': 'r-4.3'
    });
    expect(result.buildpack?.id).toBe('python');
    expect(result.buildpack?.reason).toBe('python-default');
    expect(roles(result)).toEqual({
      Pipfile: 'ignored:pipfile-runtime-not-python',
      'runtime.txt': 'ignored:runtime-r-needs-date'
    });
  });

  it('loses to environment.yml', () => {
    const result = explain(['Pipfile', 'environment.yml']);
    expect(result.buildpack?.id).toBe('conda');
    expect(roles(result).Pipfile).toBe('ignored:other-buildpack');
    expect(result.files[0].message).toContain('conda');
  });
});

describe('explainEnvironment: Python and runtime.txt', () => {
  it('sets the Python version from runtime.txt', () => {
    const result = explain(['requirements.txt', 'runtime.txt'], {
      'runtime.txt': 'python-3.12\n'
    });
    expect(result.buildpack?.reason).toBe('python-runtime');
    expect(result.buildpack?.decidedBy).toBe('runtime.txt');
    expect(result.runtime?.spec).toEqual({
      name: 'python',
      version: '3.12',
      date: null
    });
    expect(roles(result)['runtime.txt']).toBe('used:sets-python-version');
    expect(result.files[1].message).toContain('Python 3.12');
  });

  it('explains a major-only Python version', () => {
    const result = explain(['runtime.txt'], { 'runtime.txt': 'python-3' });
    expect(result.runtime?.summary).toBe('Python 3 (repo2docker picks 3.10)');
  });

  it('stops the build on a runtime.txt repo2docker cannot read', () => {
    const result = explain(['runtime.txt', 'requirements.txt'], {
      'runtime.txt': 'python3.12'
    });
    expect(result.buildpack).toBeNull();
    expect(result.blockers.map(b => b.id)).toEqual(['runtime-invalid']);
    expect(result.blockers[0].message).toContain('python-3.12');
    expect(roles(result)).toEqual({
      'runtime.txt': 'used:breaks-build',
      'requirements.txt': 'ignored:build-fails'
    });
  });

  it('stops a Julia build on a broken runtime.txt but not a Nix one', () => {
    expect(
      explain(['Project.toml', 'runtime.txt'], { 'runtime.txt': 'python' })
        .blockers[0]?.id
    ).toBe('runtime-invalid');
    expect(
      explain(['default.nix', 'runtime.txt'], { 'runtime.txt': 'python' })
        .blockers
    ).toEqual([]);
  });

  it('says when runtime.txt contents were not given', () => {
    const result = explain(['runtime.txt', 'requirements.txt']);
    expect(roles(result)['runtime.txt']).toBe('used:runtime-unread');
    expect(result.runtime?.spec).toBeNull();
    expect(result.buildpack?.reason).toBe('python-requirements');
  });

  it('installs setup.py at the top level as a package', () => {
    const result = explain(['setup.py']);
    expect(result.buildpack?.reason).toBe('python-package');
    expect(roles(result)['setup.py']).toBe('used:installs-package');
  });

  it('ignores runtime names repo2docker does not know', () => {
    const result = explain(['runtime.txt'], { 'runtime.txt': 'node-18' });
    expect(roles(result)['runtime.txt']).toBe('ignored:runtime-unknown-name');
    expect(result.files[0].message).toContain('node');
  });
});

describe('explainEnvironment: translation', () => {
  it('passes every sentence through the translation function', () => {
    const seen: string[] = [];
    const trans = (msg: string, ...args: any[]) => {
      seen.push(msg);
      return `T(${msg.replace('%1', String(args[0]))})`;
    };
    const result = explainEnvironment(['Dockerfile', 'apt.txt'], { trans });
    expect(result.buildpack?.label).toBe('T(Dockerfile)');
    expect(result.buildpack?.message.startsWith('T(Dockerfile is there')).toBe(
      true
    );
    expect(result.files.every(f => f.message.startsWith('T('))).toBe(true);
    expect(seen.every(msg => !msg.includes('apt.txt is'))).toBe(true);
  });
});
