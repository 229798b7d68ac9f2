/** repo2docker's R, Julia and Nix buildpacks: which files each reads and which it ignores. */
import { explain, roles } from './explainHelpers';

describe('explainEnvironment: R', () => {
  it('selects R from runtime.txt with a date and runs install.R', () => {
    const result = explain(['runtime.txt', 'install.R', 'requirements.txt'], {
      'runtime.txt': 'r-4.3-2024-01-10\n'
    });
    expect(result.buildpack?.id).toBe('r');
    expect(result.buildpack?.reason).toBe('r-runtime');
    expect(result.runtime?.summary).toBe(
      'R 4.3.3 with CRAN packages as of 2024-01-10'
    );
    expect(roles(result)).toEqual({
      'runtime.txt': 'used:sets-r-version',
      'install.R': 'used:runs-install-r',
      // The R buildpack extends the Python one, which installs requirements.txt.
      'requirements.txt': 'used:pip-installs'
    });
  });

  it('describes a date-only runtime as the default R version', () => {
    const result = explain(['runtime.txt'], { 'runtime.txt': 'r-2023-06-01' });
    expect(result.buildpack?.id).toBe('r');
    expect(result.runtime?.summary).toBe(
      'R 4.4.2 (the default) with CRAN packages as of 2023-06-01'
    );
  });

  it('does not run install.R unless R is selected', () => {
    const result = explain(['install.R', 'requirements.txt']);
    expect(result.buildpack?.id).toBe('python');
    expect(roles(result)['install.R']).toBe('ignored:install-r-needs-r');
    expect(result.files[0].message).toContain('runtime.txt');
  });

  it('does not select R from a runtime.txt without a date', () => {
    const result = explain(['runtime.txt', 'install.R'], {
      'runtime.txt': 'r-4.3'
    });
    expect(result.buildpack?.reason).toBe('python-default');
    expect(roles(result)).toEqual({
      'runtime.txt': 'ignored:runtime-r-needs-date',
      'install.R': 'ignored:install-r-needs-r'
    });
  });

  it('selects R from a top-level DESCRIPTION and then uses the R version without a date', () => {
    const result = explain(['DESCRIPTION', 'runtime.txt'], {
      'runtime.txt': 'r-4.3'
    });
    expect(result.buildpack?.reason).toBe('r-description');
    expect(roles(result)).toEqual({
      DESCRIPTION: 'used:installs-r-package',
      'runtime.txt': 'used:sets-r-version'
    });
  });

  it('reads DESCRIPTION only at the top level without a binder folder', () => {
    expect(roles(explain(['binder/DESCRIPTION']))).toEqual({
      'binder/DESCRIPTION': 'ignored:top-level-only'
    });
    expect(roles(explain(['DESCRIPTION', 'binder/apt.txt']))).toEqual({
      DESCRIPTION: 'ignored:binder-folder-wins',
      'binder/apt.txt': 'used:apt-packages'
    });
  });

  it('picks R before conda and then installs environment.yml too', () => {
    const result = explain(['environment.yml', 'runtime.txt'], {
      'runtime.txt': 'r-2023-06-01'
    });
    expect(result.buildpack?.id).toBe('r');
    expect(roles(result)['environment.yml']).toBe('used:also-installs-conda');
  });
});

describe('explainEnvironment: Julia', () => {
  it('selects Julia and still installs Python packages and the Python version', () => {
    const result = explain(
      ['Project.toml', 'requirements.txt', 'environment.yml', 'runtime.txt'],
      { 'runtime.txt': 'python-3.11' }
    );
    expect(result.buildpack?.id).toBe('julia');
    expect(roles(result)).toEqual({
      'Project.toml': 'used:installs-julia-packages',
      'requirements.txt': 'used:pip-installs',
      'environment.yml': 'used:also-installs-conda',
      'runtime.txt': 'used:sets-python-version'
    });
  });

  it('does not take the Julia version from runtime.txt', () => {
    const result = explain(['runtime.txt', 'requirements.txt'], {
      'runtime.txt': 'julia-1.9'
    });
    expect(result.buildpack?.reason).toBe('python-default');
    expect(roles(result)['runtime.txt']).toBe('ignored:runtime-julia');
    expect(result.files[0].message).toContain('Project.toml');
  });

  it('comes before Nix and prefers JuliaProject.toml', () => {
    const result = explain([
      'Project.toml',
      'JuliaProject.toml',
      'default.nix'
    ]);
    expect(result.buildpack?.decidedBy).toBe('JuliaProject.toml');
    expect(roles(result)).toEqual({
      'Project.toml': 'ignored:julia-project-preferred',
      'JuliaProject.toml': 'used:installs-julia-packages',
      'default.nix': 'ignored:other-buildpack'
    });
  });

  it('fails on a REQUIRE file without Project.toml', () => {
    const result = explain(['REQUIRE', 'requirements.txt']);
    expect(result.buildpack).toBeNull();
    expect(result.blockers.map(b => [b.id, b.path])).toEqual([
      ['julia-require', 'REQUIRE']
    ]);
    expect(roles(result)).toEqual({
      REQUIRE: 'used:breaks-build',
      'requirements.txt': 'ignored:build-fails'
    });
  });

  it('ignores REQUIRE next to Project.toml', () => {
    expect(roles(explain(['REQUIRE', 'Project.toml'])).REQUIRE).toBe(
      'ignored:require-superseded'
    );
  });
});

describe('explainEnvironment: Nix', () => {
  it('uses default.nix with apt.txt, postBuild and start, and nothing else', () => {
    const result = explain(
      [
        'default.nix',
        'requirements.txt',
        'apt.txt',
        'postBuild',
        'runtime.txt'
      ],
      { 'runtime.txt': 'python-3.12' }
    );
    expect(result.buildpack?.id).toBe('nix');
    expect(roles(result)).toEqual({
      'default.nix': 'used:builds-nix-environment',
      'requirements.txt': 'ignored:nix-only',
      'apt.txt': 'used:apt-packages',
      postBuild: 'used:post-build-script',
      'runtime.txt': 'ignored:nix-only'
    });
  });
});
