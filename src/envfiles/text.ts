/**
 * Text helpers: positions from offsets, byte-order marks, line breaks, UTF-8.
 */

/** A 1-based line and column. */
export interface IPosition {
  line: number;
  column: number;
}

const BOM = '\uFEFF';

/** Whether the text starts with a byte-order mark. */
export function hasBom(text: string): boolean {
  return text.startsWith(BOM);
}

/** The text without a leading byte-order mark; all positions are measured on this. */
export function stripBom(text: string): string {
  return hasBom(text) ? text.slice(1) : text;
}

/**
 * Maps string offsets to line and column.
 *
 * `\r\n`, `\n` and a lone `\r` all end a line, as they do in editors and in
 * Python's universal-newline reading that repo2docker relies on.
 */
export class LineIndex {
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        starts.push(i + 1);
      }
    }
    this._starts = starts;
  }

  /** Number of lines (an empty text has one empty line). */
  get lineCount(): number {
    return this._starts.length;
  }

  /** Position of an offset; offsets past the end clamp to the end. */
  positionAt(offset: number): IPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this._starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this._starts[mid] <= clamped) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return { line: low + 1, column: clamped - this._starts[low] + 1 };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this._starts[line - 1];
  }

  /** Content of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this._starts[line - 1];
    const next =
      line < this._starts.length ? this._starts[line] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  private _starts: number[];
}

/** Number of bytes the text takes in UTF-8, without building the encoded copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
    } else if (c < 0x800) {
      bytes += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/**
 * Offset of the first byte that breaks UTF-8 well-formedness (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) {
        min = 0xa0;
      } else if (b === 0xed) {
        max = 0x9f;
      }
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) {
        min = 0x90;
      } else if (b === 0xf4) {
        max = 0x8f;
      }
    } else {
      return i;
    }
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const low = k === 1 ? min : 0x80;
      const high = k === 1 ? max : 0xbf;
      if (next === undefined || next < low || next > high) {
        return i;
      }
    }
    i += length;
  }
  return -1;
}

/**
 * Line and column of a byte offset in UTF-8 bytes, counted like `LineIndex`
 * on the decoded text (a leading BOM is not counted). Only the bytes before
 * `offset` are read, so they are expected to be well-formed.
 */
export function positionOfByte(bytes: Uint8Array, offset: number): IPosition {
  const start =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  let column = 1;
  for (let i = start; i < offset; i++) {
    const b = bytes[i];
    if (b === 10 || (b === 13 && bytes[i + 1] !== 10)) {
      line++;
      column = 1;
    } else if (b < 0x80 || b >= 0xc0) {
      // A lead byte starts a character; four-byte ones take two UTF-16 units.
      column += b >= 0xf0 ? 2 : 1;
    }
  }
  return { line, column };
}
