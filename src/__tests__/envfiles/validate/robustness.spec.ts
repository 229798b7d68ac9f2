import {
  ENVIRONMENT_FILE_NAMES,
  MAX_PROBLEMS_PER_FILE,
  validateEnvironmentFile
} from '../../../envfiles';
import { check } from './helpers';

/** Deterministic pseudo-random text covering all byte values. */
function junk(length: number): string {
  let state = 12345;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    text += String.fromCharCode(state % 256);
  }
  return text;
}

const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'dependencies: [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'channels: *f'
].join('\n');

const inputs: Record<string, string> = {
  'binary junk': junk(100000),
  '5 MB of text': 'numpy==1.0\n'.repeat(480000),
  'one long line': 'a'.repeat(900000),
  'deep flow nesting': '['.repeat(100000),
  'deep block nesting': Array.from(
    { length: 1000 },
    (_, i) => ' '.repeat(i) + 'k:'
  ).join('\n'),
  'alias bomb': aliasBomb,
  tabs: 'dependencies:\n\t- numpy\n\t\t- pip:\n\t\t\t- x\n',
  'CRLF and BOM':
    '\ufeffdependencies:\r\n  - numpy=1\r\n  - pip:\r\n    - x=1\r\n',
  'lone surrogates': '\ud800numpy\udc00\n',
  'many bad lines': 'Foo Bar=>1\n'.repeat(20000),
  'nested markers':
    'a; ' + '('.repeat(5000) + 'python_version<"3"' + ')'.repeat(5000)
};

const names = [...ENVIRONMENT_FILE_NAMES, 'environment.yaml'];

describe('validation never throws', () => {
  it.each(Object.keys(inputs))('on %s, for every file name', key => {
    for (const path of names) {
      const problems = validateEnvironmentFile({ path, text: inputs[key] });
      expect(Array.isArray(problems)).toBe(true);
      expect(problems.length).toBeLessThanOrEqual(MAX_PROBLEMS_PER_FILE + 1);
      for (const p of problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.column).toBeGreaterThanOrEqual(1);
        expect(p.message).not.toBe('');
      }
    }
  });

  it('reports binary content instead of parsing it', () => {
    expect(check('environment.yml', inputs['binary junk'])[0].code).toBe(
      'binary'
    );
  });

  it('reports an alias bomb as wrong entries without expanding it', () => {
    const codes = check('environment.yml', aliasBomb).map(p => p.code);
    expect(codes).toContain('env-dependency-nested');
    expect(codes).toContain('env-channel');
  });

  it('caps the number of problems and says that more follow', () => {
    const problems = check('requirements.txt', inputs['many bad lines']);
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    const last = problems[problems.length - 1];
    expect(last.code).toBe('too-many-problems');
    expect(last.line).toBe(MAX_PROBLEMS_PER_FILE);
    expect(last.message).toContain('Further problems');
  });

  it('sorts problems by position', () => {
    const problems = check('apt.txt', 'B\nA\nc d E\n');
    const positions = problems.map(p => [p.line, p.column]);
    expect(positions).toEqual(
      [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1])
    );
  });
});
