import { check, found } from './helpers';

const env = (text: string) => found('environment.yml', text);

describe('environment.yml', () => {
  it('accepts flow style, quotes, anchors and every allowed key', () => {
    expect(
      env(
        [
          'name: demo',
          'channels: [conda-forge]',
          'dependencies: &deps',
          "  - 'python=3.11'",
          '  - "numpy >=1.24, <2"',
          '  - pytorch::pytorch',
          '  - blas=*=openblas',
          "  - numpy[version='>=1.20',build=py*]",
          '  - https://conda.anaconda.org/conda-forge/noarch/tqdm-4.66.2-pyhd8ed1ab_0.conda',
          '  - pip',
          '  - pip: [requests, "rich>=13"]',
          'variables: {OMP_NUM_THREADS: "1"}'
        ].join('\n')
      )
    ).toEqual([]);
  });

  it('points inside a quoted value at the offending character', () => {
    const [problem] = check(
      'environment.yml',
      'dependencies:\n  - "numpy=>1"\n'
    );
    expect(problem).toMatchObject({ line: 2, column: 11, endColumn: 13 });
  });

  it('points at the whole value when it is not written literally', () => {
    const [problem] = check(
      'environment.yml',
      'dependencies:\n  - "numpy\\u003d>1"\n'
    );
    expect(problem).toMatchObject({
      code: 'conda-bad-operator',
      line: 2,
      column: 5,
      endColumn: 20
    });
  });

  it('checks aliased entries once, without expanding alias chains', () => {
    const text = [
      'x: &bad "numpy=>1"',
      'dependencies:',
      '  - *bad',
      '  - *bad'
    ].join('\n');
    expect(env(text)).toEqual([
      '1:1 env-unknown-key',
      '1:15 conda-bad-operator',
      '1:15 conda-bad-operator'
    ]);
  });

  it('warns that an empty file installs nothing', () => {
    expect(env('')).toEqual(['1:1 env-empty']);
    expect(env('# only a comment\n')).toEqual(['1:1 env-empty']);
  });

  it('refuses a single value at the top level', () => {
    expect(env('numpy\n')).toEqual(['1:1 env-not-mapping']);
  });

  it.each([
    ['channels:\n  - conda forge\ndependencies: []\n', 'env-channel'],
    ['channels:\n  - [a]\ndependencies: []\n', 'env-channel'],
    ['name: [a, b]\ndependencies: []\n', 'env-name'],
    ['variables: [A]\ndependencies: []\n', 'env-variables'],
    ['dependencies:\n  - - numpy\n', 'env-dependency-nested'],
    ['dependencies:\n  - 3.10\n', 'env-dependency-not-text'],
    ['dependencies:\n  - pip:\n      - 1.0\n', 'env-pip-item'],
    ['dependencies:\n  - pip: requests\n', 'env-pip-not-list'],
    ['dependencies:\n  - Pip:\n      - x\n', 'env-dependency-mapping'],
    ['dependencies:\n  - ::numpy\n', 'conda-channel'],
    ['dependencies:\n  - numpy@1.2\n', 'conda-pip-syntax'],
    ['dependencies:\n  - numpy 1.2 py_0 extra\n', 'conda-too-many-parts'],
    ['dependencies:\n  - numpy 1.2 py-0\n', 'conda-build'],
    ['dependencies:\n  - numpy>=1.2,\n', 'conda-missing-version'],
    ['dependencies:\n  - numpy>=1.2;\n', 'conda-pip-syntax'],
    ['dependencies:\n  - numpy/1.2\n', 'conda-name-char'],
    ['dependencies:\n  - numpy!1\n', 'conda-bad-operator'],
    ['dependencies:\n  - numpy[version=1\n', 'conda-bracket'],
    ['dependencies:\n  - git+https://github.com/o/r\n', 'conda-url'],
    ['dependencies:\n  - python=3.99\n', 'env-python-newer'],
    ['dependencies:\n  - python=4\n', 'env-python-unsupported'],
    ['dependencies: [numpy]\nfoo: 1\n', 'env-unknown-key']
  ])('%j', (text, code) => {
    expect(check('environment.yml', text).map(p => p.code)).toEqual([code]);
  });

  it('checks every pip list, since mamba installs each of them', () => {
    const text = [
      'dependencies:',
      '  - pip',
      '  - pip:',
      '      - rich',
      '  - pip:',
      '      - requests=2.31.0'
    ].join('\n');
    expect(env(text)).toEqual(['5:5 env-pip-twice', '6:17 pip-single-equals']);
  });

  it('reports the first YAML error of a line only', () => {
    expect(env('dependencies:\n  - numpy\n - pandas\n')).toEqual([
      '3:1 yaml-block_as_implicit_key'
    ]);
  });

  it('refuses flow collections nested deeper than any environment needs', () => {
    expect(env('x: ' + '['.repeat(300))).toEqual(['1:204 yaml-too-deep']);
  });
});
