import { ansiSegments, markRanges } from '../../buildlog/ansi';

describe('ansiSegments', () => {
  it('turns colours into themed classes', () => {
    expect(ansiSegments('\u001b[1;31mERROR\u001b[0m: boom')).toEqual([
      { text: 'ERROR', className: 'ansi-red-fg ansi-bold' },
      { text: ': boom', className: '' }
    ]);
  });

  it('keeps 24-bit colours as they are and plain lines as one run', () => {
    expect(ansiSegments('\u001b[38;2;10;20;30mx')).toEqual([
      { text: 'x', className: '', color: '10, 20, 30' }
    ]);
    expect(ansiSegments('plain')).toEqual([{ text: 'plain', className: '' }]);
    expect(ansiSegments('')).toEqual([]);
  });
});

describe('markRanges', () => {
  it('marks matches across differently coloured runs', () => {
    const pieces = markRanges(
      [
        { text: 'ERR', className: 'ansi-red-fg' },
        { text: 'OR here', className: '' }
      ],
      [[1, 5]]
    );
    expect(pieces.map(p => [p.text, p.className, p.mark])).toEqual([
      ['E', 'ansi-red-fg', false],
      ['RR', 'ansi-red-fg', true],
      ['OR', '', true],
      [' here', '', false]
    ]);
  });

  it('marks several matches in one run', () => {
    const pieces = markRanges(
      [{ text: 'a-a-a', className: '' }],
      [
        [0, 1],
        [2, 3],
        [4, 5]
      ]
    );
    expect(pieces.filter(p => p.mark).map(p => p.text)).toEqual([
      'a',
      'a',
      'a'
    ]);
    expect(pieces.map(p => p.text).join('')).toBe('a-a-a');
  });
});
