import { DEFAULT_MAX_FILE_BYTES } from '../../../contract';
import { validateEnvironmentFile } from '../../../envfiles';
import { check, found } from './helpers';

describe('file-level checks', () => {
  it('refuses a path outside the environment folder', () => {
    expect(found('../requirements.txt', 'numpy\n')).toEqual([
      '1:1 outside-folder'
    ]);
    expect(found('/etc/apt.txt', 'curl\n')).toEqual(['1:1 outside-folder']);
  });

  it('refuses a symbolic link', () => {
    expect(found('apt.txt', 'curl\n', { symlink: true })).toEqual([
      '1:1 symlink'
    ]);
  });

  it('refuses a file over the size limit and does not read it further', () => {
    const problems = check('requirements.txt', 'numpy=1\n', {
      size: DEFAULT_MAX_FILE_BYTES + 1
    });
    expect(problems.map(p => p.code)).toEqual(['too-large']);
    expect(problems[0].message).toContain('1.0 MiB');
  });

  it('uses the limit the server set, not the default', () => {
    const text = 'numpy\n' + '#'.repeat(12 * 1024) + '\n';
    const options = { maxFileBytes: 10 * 1024 };
    const problems = validateEnvironmentFile(
      { path: 'requirements.txt', text },
      options
    );
    expect(problems.map(p => p.code)).toEqual(['too-large']);
    expect(problems[0].message).toContain('10 KiB');
    expect(
      validateEnvironmentFile(
        { path: 'requirements.txt', text },
        { maxFileBytes: 20 * 1024 }
      )
    ).toEqual([]);
  });

  it('measures the size of unsaved text in UTF-8 bytes', () => {
    const text = '# ' + 'é'.repeat(DEFAULT_MAX_FILE_BYTES / 2) + '\n';
    expect(found('requirements.txt', text)).toEqual(['1:1 too-large']);
  });

  it('points at the first byte that is not UTF-8', () => {
    const bytes = new Uint8Array(
      Buffer.from('numpy\npandas # caf\xe9\n', 'latin1')
    );
    const [problem] = check(
      'requirements.txt',
      Buffer.from(bytes).toString('utf8'),
      { bytes }
    );
    expect(problem).toMatchObject({ line: 2, column: 13, code: 'not-utf8' });
    expect(problem.message).toContain('0xE9');
  });

  it('accepts a caller that only knows the file is not UTF-8', () => {
    expect(found('apt.txt', 'curl\n', { notUtf8: true })).toEqual([
      '1:1 not-utf8'
    ]);
  });

  it('warns about replacement characters left by a lossy decode', () => {
    expect(found('apt.txt', 'curl\n# caf\ufffd\n')).toEqual([
      '2:6 replacement-character'
    ]);
  });

  it('checks only file-level facts for files without a content check', () => {
    expect(found('Dockerfile', 'not really a Dockerfile\n')).toEqual([]);
    expect(found('install.R', '\0')).toEqual(['1:1 binary']);
  });
});
