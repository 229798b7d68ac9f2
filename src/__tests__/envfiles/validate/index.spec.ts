import { validateEnvironmentFile } from '../../../envfiles';

describe('validateEnvironmentFile', () => {
  it('checks by file name, in sub-folders too', () => {
    const codes = (path: string) =>
      validateEnvironmentFile({ path, text: 'numpy=1\n' }).map(p => p.code);
    expect(codes('binder/requirements.txt')).toEqual(['pip-single-equals']);
    expect(codes('.binder/requirements.txt')).toEqual(['pip-single-equals']);
    expect(codes('notes.txt')).toEqual([]);
  });

  it('reports the path it was given', () => {
    const [problem] = validateEnvironmentFile({
      path: 'binder/apt.txt',
      text: 'Curl\n'
    });
    expect(problem.file).toBe('binder/apt.txt');
  });

  it('passes messages and their arguments through the translation function', () => {
    const calls: [string, any[]][] = [];
    const trans = (msg: string, ...args: any[]) => {
      calls.push([msg, args]);
      return 'translated';
    };
    const problems = validateEnvironmentFile(
      { path: 'requirements.txt', text: 'numpy=1\n' },
      { trans }
    );
    expect(problems.map(p => p.message)).toEqual(['translated']);
    expect(calls).toEqual([
      [
        'pip needs "==" to pin a version; a single "=" is conda syntax. Write %1==%2.',
        ['numpy', '1']
      ]
    ]);
  });

  it('fills placeholders without a translation function', () => {
    const [problem] = validateEnvironmentFile({
      path: 'requirements.txt',
      text: 'numpy=1\n'
    });
    expect(problem.message).toBe(
      'pip needs "==" to pin a version; a single "=" is conda syntax. Write numpy==1.'
    );
  });
});
