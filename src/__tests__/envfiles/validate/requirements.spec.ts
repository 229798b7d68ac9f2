import { check, found } from './helpers';

const req = (text: string) => found('requirements.txt', text);

describe('requirements.txt', () => {
  it('accepts the forms pip documents', () => {
    expect(
      req(
        [
          '# comment',
          '',
          'numpy',
          'pandas>=2.0,<3  # inline comment',
          'Django~=4.2.0',
          'torch==2.2.1+cpu',
          'black[jupyter]==24.2.0',
          'requests[socks,security] >= 2.31',
          'tomli; python_version < "3.11"',
          'pkg @ https://example.org/pkg-1.0.tar.gz',
          'pkg2 @ git+https://github.com/o/r.git@v1#subdirectory=src',
          'https://example.org/wheels/tool-1.0-py3-none-any.whl',
          'git+https://github.com/o/r.git#egg=r',
          './vendor/localpkg',
          'dist/tool-1.0.tar.gz',
          '-e .',
          '-e .[dev]',
          '-e git+ssh://git@github.com/o/r.git#egg=r',
          '--editable=./lib',
          '-r base.txt',
          '--requirement=base.txt',
          '-rbase.txt',
          '-c https://example.org/constraints.txt',
          '-i https://pypi.org/simple',
          '--extra-index-url https://${TOKEN}@example.org/simple',
          '--trusted-host example.org:8080',
          '--find-links=./wheels',
          '--only-binary=:all:',
          '--no-binary numpy,scipy',
          '--pre',
          '--require-hashes',
          'scipy==1.11.* --config-settings=setup-args=-Dblas=openblas'
        ].join('\n')
      )
    ).toEqual([]);
  });

  it('names the earlier line of a project required twice', () => {
    expect(req('numpy\npandas\nNumPy==1.26.4  # pinned\n')).toEqual([
      '3:1 pip-twice'
    ]);
    const [problem] = check('requirements.txt', 'numpy\nNumPy>=2\n');
    expect(problem.message).toContain('"numpy" is already required on line 1');
  });

  it('lets one project appear once per environment marker', () => {
    expect(
      req(
        'numpy==1.24; python_version < "3.9"\nnumpy==1.26; python_version >= "3.9"\n-e .\n-e .\n'
      )
    ).toEqual([]);
  });

  it('maps errors on continuation lines back to the physical line', () => {
    const text =
      'requests==2.31.0 \\\n    --hash=sha256:58cd \\\n    --hash=md5:abc\n';
    expect(req(text)).toEqual(['2:12 pip-hash', '3:12 pip-hash']);
  });

  it('does not continue a comment line ending in a backslash', () => {
    expect(req('# see C:\\\nnumpy=1\n')).toEqual(['2:6 pip-single-equals']);
  });

  it('keeps a URL fragment that looks like a comment', () => {
    expect(
      req('git+https://github.com/o/r.git#egg=r&subdirectory=x\n')
    ).toEqual([]);
  });

  it('reports where pip stops reading, with advice in plain words', () => {
    const [problem] = check('requirements.txt', 'numpy>=\n');
    expect(problem).toMatchObject({
      line: 1,
      column: 6,
      endLine: 1,
      endColumn: 8,
      severity: 'error',
      code: 'pip-missing-version'
    });
    expect(problem.message).toBe('A version number is missing after ">=".');
  });

  it.each([
    ['numpy==1.0 ; python_version >= "3.8" and', 'pip-incomplete-marker'],
    ['numpy;', 'pip-incomplete-marker'],
    ['numpy,', 'pip-unexpected'],
    ['numpy[a b]', 'pip-extras-syntax'],
    ['numpy==1.0 extra', 'pip-unexpected'],
    ['numpy~=1', 'pip-compatible-release'],
    ['numpy>=1.0+local', 'pip-local-operator'],
    ['numpy===anything-goes', null],
    ['--no-index=yes', 'pip-option-no-value'],
    ['-r', 'pip-option-missing-value'],
    ['-r=base.txt', 'pip-short-option-equals'],
    ['-r a.txt b.txt', 'pip-option-extra'],
    ['--only-binary :any:', 'pip-formats'],
    ['numpy=== 1.0', 'pip-unchecked'],
    ['--trusted-host https://example.org', 'pip-host'],
    ['-e /opt/src/tool', 'pip-path-outside'],
    ['--find-links ../wheels', 'pip-path-outside'],
    ['~/projects/tool', 'pip-path-outside'],
    ['https://example.org/a.whl extra', 'pip-url-extra'],
    ['numpy --hash=md5:1234', 'pip-hash'],
    ['numpy --frobnicate', 'pip-unknown-option']
  ])('%j', (line, code) => {
    expect(check('requirements.txt', line).map(p => p.code)).toEqual(
      code ? [code] : []
    );
  });

  it('warns instead of parsing a requirement too long to check', () => {
    expect(req('a'.repeat(3000))).toEqual(['1:1 pip-unchecked']);
  });

  it('stops after the first 5000 requirement lines', () => {
    const lines = Array.from({ length: 5001 }, (_, i) => `pkg${i}\n`);
    const problems = req(lines.join('') + 'numpy=1\n');
    expect(problems).toEqual(['5001:1 requirements-not-all-checked']);
  });
});
