import { parseRuntime } from '../../envfiles';

describe('parseRuntime', () => {
  it.each([
    ['python-3.12', { name: 'python', version: '3.12', date: null }],
    ['  python-3\n', { name: 'python', version: '3', date: null }],
    ['r-4.3-2024-01-10', { name: 'r', version: '4.3', date: '2024-01-10' }],
    ['r-2023-06-01\r\n', { name: 'r', version: null, date: '2023-06-01' }],
    ['r-4.3', { name: 'r', version: '4.3', date: null }],
    ['julia-1.9', { name: 'julia', version: '1.9', date: null }],
    // repo2docker accepts this and ignores the date for Python.
    [
      'python-3.10-2020-01-01',
      { name: 'python', version: '3.10', date: '2020-01-01' }
    ],
    // Spaces inside are kept, so the name is not "python".
    ['python - 3.10', { name: 'python ', version: ' 3.10', date: null }]
  ])('reads %j as repo2docker does', (text, spec) => {
    expect(parseRuntime(text).spec).toEqual(spec);
  });

  it.each([
    ['', 'empty'],
    ['python3.11', 'part-count'],
    ['a-b-c', 'part-count'],
    ['python-', 'empty-part'],
    ['r--2020-01-01', 'empty-part'],
    ['r-2020-13-01', 'date'],
    ['r-2021-02-29', 'date'],
    ['r-4.1-2021-9-01', 'date']
  ])('refuses %j (%s), as repo2docker does', (text, failure) => {
    const parse = parseRuntime(text);
    expect(parse.spec).toBeNull();
    expect(parse.failure).toBe(failure);
  });

  it('keeps a byte-order mark in the name, as Python strip() does', () => {
    expect(parseRuntime('\ufeffpython-3.10').spec?.name).toBe('\ufeffpython');
  });

  it('records where each part starts', () => {
    const parse = parseRuntime('  r-4.3-2024-01-10');
    expect(parse.offset).toBe(2);
    expect(parse.parts.map(p => [p.value, p.offset])).toEqual([
      ['r', 2],
      ['4.3', 4],
      ['2024', 8],
      ['01', 13],
      ['10', 16]
    ]);
  });
});
