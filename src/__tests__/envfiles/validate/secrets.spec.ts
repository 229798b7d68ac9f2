import { found } from './helpers';

describe('secrets in environment files', () => {
  it('warns about a password in an index URL', () => {
    expect(
      found(
        'requirements.txt',
        'numpy\n--extra-index-url https://alice:s3cret@pypi.example.org/simple\n'
      )
    ).toEqual(['2:27 secret-in-url']);
  });

  it('warns about a token in a git URL', () => {
    expect(
      found(
        'requirements.txt',
        'git+https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r.git\n'
      )
    ).toEqual(['1:13 secret-in-url']);
    expect(
      found(
        'environment.yml',
        'dependencies:\n  - pip:\n    - git+https://oauth2:glpat-abcdefghij0123456789@gitlab.com/o/r.git\n'
      )
    ).toContain('3:19 secret-in-url');
  });

  it('warns about a token anywhere, in any file', () => {
    expect(
      found(
        'postBuild',
        '#!/bin/bash\nexport HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456789\n'
      )
    ).toEqual(['2:17 secret-token']);
  });

  it('leaves URLs without credentials and variables alone', () => {
    expect(
      found(
        'requirements.txt',
        [
          '--index-url https://pypi.org/simple',
          'git+https://github.com/o/r.git@v1.0',
          'git+ssh://git@github.com/o/r.git',
          'git+https://${GITHUB_TOKEN}@github.com/o/r.git',
          ''
        ].join('\n')
      )
    ).toEqual([]);
  });
});
