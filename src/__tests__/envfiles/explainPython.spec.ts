import { explainEnvironment } from '../../envfiles';

function explain(contents: Record<string, string>) {
  return explainEnvironment(Object.keys(contents), { contents });
}

function roleOf(contents: Record<string, string>, path: string) {
  return explain(contents).files.find(f => f.path === path);
}

describe('the Python version repo2docker picks', () => {
  it('says the default and why when nothing asks for a version', () => {
    const python = explain({ 'requirements.txt': 'numpy\n' }).python;
    expect(python).toMatchObject({ version: '3.10', source: 'default' });
    expect(python?.message).toContain("Python 3.10, repo2docker's default");
    expect(python?.message).toContain('runtime.txt such as python-3.12');
  });

  it('takes the version runtime.txt asks for', () => {
    expect(
      explain({ 'runtime.txt': 'python-3.12\n', 'requirements.txt': 'x\n' })
        .python
    ).toMatchObject({
      version: '3.12',
      source: 'runtime',
      path: 'runtime.txt'
    });
  });

  it('reads a bare major version as repo2docker does', () => {
    const python = explain({ 'runtime.txt': 'python-3' }).python;
    expect(python?.version).toBe('3.10');
    expect(python?.message).toContain(
      'python-3, which repo2docker reads as 3.10'
    );
  });

  it('takes the python dependency of environment.yml, not runtime.txt', () => {
    const explanation = explain({
      'environment.yml': 'dependencies:\n  - python=3.11\n  - numpy\n',
      'runtime.txt': 'python-3.9\n'
    });
    expect(explanation.python).toMatchObject({
      version: '3.11',
      source: 'environment',
      path: 'environment.yml'
    });
    // runtime.txt is ignored, so it is not shown as the version either.
    expect(explanation.runtime).toBeNull();
    expect(explanation.files.find(f => f.path === 'runtime.txt')?.status).toBe(
      'ignored'
    );
  });

  it('says conda falls back to the default without python=', () => {
    const python = explain({
      'environment.yml': 'dependencies:\n  - numpy\n'
    }).python;
    expect(python).toMatchObject({ version: '3.10', source: 'default' });
    expect(python?.message).toContain('no "python=" dependency');
  });

  it('takes python_version from Pipfile.lock before the Pipfile', () => {
    const python = explain({
      Pipfile: '[requires]\npython_version = "3.9"\n',
      'Pipfile.lock': JSON.stringify({
        _meta: { requires: { python_version: '3.11' } }
      })
    }).python;
    expect(python).toMatchObject({ version: '3.11', path: 'Pipfile.lock' });
  });

  it("takes the newest supported version when pyproject.toml's requires-python leaves out the default", () => {
    const python = explain({
      'pyproject.toml':
        '[project]\nname = "x"\nrequires-python = ">=3.11,<3.13"\n',
      'requirements.txt': 'numpy\n'
    }).python;
    expect(python).toMatchObject({ version: '3.12', source: 'pyproject' });
    expect(python?.message).toContain('leaves out the default 3.10');
  });

  it('has no Python to tell for a Dockerfile', () => {
    expect(explain({ Dockerfile: 'FROM python:3.12\n' }).python).toBeNull();
  });
});

describe('runtime.txt: the explanation agrees with the validator', () => {
  it.each([
    ['python-3.x', 'runtime-python-version'],
    ['python-3.10.4', 'runtime-python-patch'],
    ['r-4.1-2017-01-01', 'runtime-r-date-too-old']
  ])('%s is not "Used": the build fails there', text => {
    const explanation = explain({
      'runtime.txt': text,
      'requirements.txt': 'numpy\n'
    });
    const runtime = explanation.files.find(f => f.path === 'runtime.txt');
    expect(runtime).toMatchObject({ status: 'used', reason: 'breaks-build' });
    expect(runtime?.message).not.toMatch(/^Used/);
    expect(explanation.blockers.map(b => b.id)).toEqual(['runtime-rejected']);
    expect(explanation.blockers[0].message).toContain('runtime.txt');
    expect(explanation.runtime).toBeNull();
    expect(explanation.python).toBeNull();
  });

  it('shows a runtime.txt the build uses as the version', () => {
    const explanation = explain({ 'runtime.txt': 'r-4.4-2024-06-01' });
    expect(explanation.runtime?.summary).toContain('R 4.4.2');
    expect(explanation.blockers).toEqual([]);
  });

  it('does not block on a runtime.txt the build ignores', () => {
    const explanation = explain({
      'environment.yml': 'dependencies:\n  - python=3.12\n',
      'runtime.txt': 'python-3.10.4'
    });
    expect(explanation.blockers).toEqual([]);
    expect(explanation.runtime).toBeNull();
  });
});

describe('pyproject.toml and requirements3.txt are listed and explained', () => {
  it('installs a pyproject.toml package, and selects Python for it', () => {
    const contents = {
      'pyproject.toml':
        '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "pkg"\n'
    };
    expect(explain(contents).buildpack).toMatchObject({
      id: 'python',
      reason: 'python-package',
      decidedBy: 'pyproject.toml'
    });
    expect(roleOf(contents, 'pyproject.toml')).toMatchObject({
      status: 'used',
      reason: 'installs-package'
    });
  });

  it('uses a pyproject.toml with only requires-python for the version', () => {
    expect(
      roleOf(
        {
          'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n',
          'requirements.txt': 'x\n'
        },
        'pyproject.toml'
      )
    ).toMatchObject({ status: 'used', reason: 'limits-python-version' });
  });

  it('ignores a tool-only pyproject.toml, and any inside binder/', () => {
    expect(
      roleOf(
        { 'pyproject.toml': '[tool.ruff]\nline-length = 88\n' },
        'pyproject.toml'
      )
    ).toMatchObject({ status: 'ignored', reason: 'pyproject-not-package' });
    expect(
      roleOf(
        { 'binder/pyproject.toml': '[project]\n[build-system]\n' },
        'binder/pyproject.toml'
      )
    ).toMatchObject({ status: 'ignored', reason: 'top-level-only' });
  });

  it('uses requirements3.txt only under a legacy kernel Python', () => {
    const legacy = {
      'runtime.txt': 'python-2.7',
      'requirements.txt': 'numpy\n',
      'requirements3.txt': 'nbgitpuller\n'
    };
    expect(roleOf(legacy, 'requirements3.txt')).toMatchObject({
      status: 'used',
      reason: 'installs-into-server'
    });
    const current = { ...legacy, 'runtime.txt': 'python-3.12' };
    const role = roleOf(current, 'requirements3.txt');
    expect(role).toMatchObject({
      status: 'ignored',
      reason: 'requirements3-needs-old-python'
    });
    expect(role?.message).toContain('requirements.txt');
  });
});
