import { check, found } from './helpers';

const runtime = (text: string) => found('runtime.txt', text);

describe('runtime.txt', () => {
  it.each([
    'python-3.12',
    'python-3.10\n',
    'python-3',
    'python-2.7',
    'r-4.4-2024-06-01',
    'r-2018-12-07',
    'r-4.1.3-2022-01-01',
    '  r-3.6-2019-01-01  \n\n'
  ])('accepts %j', text => {
    expect(runtime(text)).toEqual([]);
  });

  it.each([
    ['python-3.10-2020-01-01', '1:12 runtime-date-ignored'],
    ['python-2020-01-01', '1:8 runtime-python-date'],
    ['python-3.15', '1:8 runtime-python-newer'],
    ['python-4', '1:8 runtime-python-unsupported'],
    ['python-3.x', '1:8 runtime-python-version'],
    ['r-5.0-2024-01-01', '1:3 runtime-r-version'],
    ['r-4-2024-01-01', '1:3 runtime-r-version'],
    ['node-18', '1:1 runtime-unknown'],
    ['python - 3.10', '1:7 runtime-space'],
    ['python-', '1:7 runtime-empty-part'],
    ['python3.11', '1:1 runtime-format'],
    ['r-2021-9-1', '1:3 runtime-date'],
    ['r-4.1-2021', '1:1 runtime-format']
  ])('%j', (text, problem) => {
    expect(runtime(text)).toEqual([problem]);
  });

  it('suggests the dashed form for python==3.11 and python3.11', () => {
    expect(check('runtime.txt', 'python==3.11')[0].message).toContain(
      'python-3.11'
    );
    expect(check('runtime.txt', 'python3.11')[0].message).toContain(
      'python-3.11'
    );
  });

  it('names the patch version to drop', () => {
    expect(check('runtime.txt', 'python-3.10.4')[0].message).toContain(
      'write python-3.10.'
    );
  });
});
