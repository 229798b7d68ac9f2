import {
  firstInvalidUtf8Byte,
  LineIndex,
  positionOfByte,
  stripBom,
  utf8ByteLength
} from '../../envfiles/text';

describe('LineIndex', () => {
  it('counts LF, CRLF and lone CR line breaks', () => {
    const index = new LineIndex('a\nbb\r\nccc\rd');
    expect(index.lineCount).toBe(4);
    expect(index.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(index.positionAt(3)).toEqual({ line: 2, column: 2 });
    expect(index.positionAt(6)).toEqual({ line: 3, column: 1 });
    expect(index.positionAt(10)).toEqual({ line: 4, column: 1 });
    expect(index.lineText(2)).toBe('bb');
    expect(index.lineText(3)).toBe('ccc');
  });

  it('clamps offsets past the end', () => {
    expect(new LineIndex('ab\n').positionAt(99)).toEqual({
      line: 2,
      column: 1
    });
  });

  it('counts columns in UTF-16 units, like the editor', () => {
    expect(new LineIndex('😀x').positionAt(2)).toEqual({ line: 1, column: 3 });
  });
});

describe('UTF-8 helpers', () => {
  const encode = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

  it('measures UTF-8 size without encoding', () => {
    for (const text of ['abc', 'café', '😀', '\u20ac\n']) {
      expect(utf8ByteLength(text)).toBe(encode(text).length);
    }
  });

  it('finds the first byte that is not UTF-8', () => {
    expect(firstInvalidUtf8Byte(encode('café 😀'))).toBe(-1);
    expect(firstInvalidUtf8Byte(new Uint8Array([0x61, 0xe9, 0x62]))).toBe(1);
    // Overlong encoding of "/" and a UTF-16 surrogate are refused.
    expect(firstInvalidUtf8Byte(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8Byte(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    // A sequence cut off at the end.
    expect(firstInvalidUtf8Byte(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
  });

  it('gives the line and column of a byte, skipping a BOM', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encode('é\r\nx😀'),
      0xff
    ]);
    expect(positionOfByte(bytes, bytes.length - 1)).toEqual({
      line: 2,
      column: 4
    });
  });

  it('strips only a leading BOM', () => {
    expect(stripBom('\ufeffa\ufeff')).toBe('a\ufeff');
  });
});
