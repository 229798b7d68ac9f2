/**
 * A build log as a terminal shows it: the messages of a build joined, cut into lines.
 *
 * BinderHub sends log text in pieces that need not end a line ("Step 1/51 : FROM …" then
 * "\n"), and progress lines that end in a carriage return and are printed over. Every
 * line is kept; the raw text (ANSI colours and all) for the view, the plain text (made when
 * asked for) for searching, copying and downloading.
 */
import { ISignal, Signal } from '@lumino/signaling';

// CSI sequences (colours, cursor moves), OSC sequences (titles, links), and two-byte escapes.

const ANSI =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The text without ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}

/** What a line printed over with carriage returns shows at the end: the last non-empty part. */
export function overprint(raw: string): string {
  if (!raw.includes('\r')) {
    return raw;
  }
  const parts = raw.split('\r');
  for (let i = parts.length - 1; i >= 0; i--) {
    if (stripAnsi(parts[i]) !== '') {
      return parts[i];
    }
  }
  return '';
}

/** Columns a plain line takes in a monospace font (tabs to the next multiple of 8). */
export function columns(plain: string): number {
  if (!plain.includes('\t')) {
    return plain.length;
  }
  let width = 0;
  for (const char of plain) {
    width = char === '\t' ? width + 8 - (width % 8) : width + 1;
  }
  return width;
}

/**
 * Lines are kept joined, this many to a string, once a later line has come (only the last
 * line of a log can still change). A 50,000-line log is then 200 strings the page keeps and
 * its garbage collector walks, not 50,000 pieces of as many build messages.
 */
export const BLOCK_LINES = 256;

export class BuildLog {
  /** One line as printed, ANSI escapes included; '' past the end. */
  line(index: number): string {
    const sealed = this._blocks.length * BLOCK_LINES;
    if (index >= sealed) {
      return this._recent[index - sealed] ?? '';
    }
    if (index < 0) {
      return '';
    }
    const block = this._blocks[Math.floor(index / BLOCK_LINES)];
    const start = index % BLOCK_LINES === 0 ? 0 : this._ends[index - 1] + 1;
    return block.slice(start, this._ends[index]);
  }

  /**
   * Each line without ANSI escapes, made when first asked for (a search, a copy, a failure
   * to explain), not for every line as it comes: most of a big log is never searched, and
   * a second string per line is memory the page keeps and collects.
   */
  get plainLines(): readonly string[] {
    const length = this.length;
    for (let i = this._plain.length; i < length; i++) {
      this._plain.push(stripAnsi(this.line(i)));
    }
    return this._plain;
  }

  /** One line without ANSI escapes. */
  plainLine(index: number): string {
    return index < this._plain.length
      ? this._plain[index]
      : stripAnsi(this.line(index));
  }

  /** The last `count` lines without ANSI escapes. */
  plainTail(count: number): string[] {
    const tail: string[] = [];
    const length = this.length;
    for (let i = Math.max(0, length - count); i < length; i++) {
      tail.push(this.plainLine(i));
    }
    return tail;
  }

  get length(): number {
    return this._blocks.length * BLOCK_LINES + this._recent.length;
  }

  /** Columns of the widest line so far. */
  get widest(): number {
    return this._widest;
  }

  /** Grows by one with every change, so views can tell whether they are behind. */
  get version(): number {
    return this._version;
  }

  /** Emitted after every change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The whole log as plain text, one line per line. */
  get text(): string {
    return this.length === 0 ? '' : this.plainLines.join('\n') + '\n';
  }

  /** Add a message of the build as it came. */
  append(message: string): void {
    if (this._add(message)) {
      this._emit();
    }
  }

  /** Add several messages with one change notice (e.g. a record read from disk). */
  appendAll(messages: Iterable<string>): void {
    let changed = false;
    for (const message of messages) {
      changed = this._add(message) || changed;
    }
    if (changed) {
      this._emit();
    }
  }

  /**
   * Run `change` (appends, clears) with one change notice at its end, however many changes
   * it made: views draw what a slice of a build stream brought, not each event. The lines
   * are there at once for whoever reads them meanwhile. Returns what `change` returns.
   */
  batch<T>(change: () => T): T {
    this._held++;
    try {
      return change();
    } finally {
      if (--this._held === 0 && this._unsaid) {
        this._unsaid = false;
        this._emit();
      }
    }
  }

  clear(): void {
    this._blocks = [];
    this._recent = [];
    this._ends = new Uint32Array(BLOCK_LINES);
    this._plain = [];
    this._widest = 0;
    this._open = false;
    this._pending = '';
    this._emit();
  }

  private _add(message: string): boolean {
    if (message === '') {
      return false;
    }
    // Cut at newlines in place (no array, no callback): a big log brings tens of thousands
    // of messages, and whatever is made for each of them is garbage for the page to collect.
    const text = message.includes('\r\n')
      ? message.replace(/\r\n/g, '\n')
      : message;
    for (let start = 0; ;) {
      const end = text.indexOf('\n', start);
      const last = end < 0;
      const part = text.slice(start, last ? text.length : end);
      if (start === 0 && this._open) {
        this._pending += part;
        this._set(this.length - 1, this._pending);
        if (!last) {
          this._open = false;
          this._pending = '';
        }
      } else if (!last || part !== '') {
        this._set(this.length, part);
        this._open = last;
        this._pending = last ? part : '';
      }
      if (last) {
        return true;
      }
      start = end + 1;
    }
  }

  /** Set the last line, or add one (`index` is the length). */
  private _set(index: number, raw: string): void {
    const shown = overprint(raw);
    this._recent[index - this._blocks.length * BLOCK_LINES] = shown;
    const known = index < this._plain.length;
    // Stripping escapes only shortens a line, and only tabs widen it: most lines need
    // no plain text to know they are not the widest.
    if (known || shown.length > this._widest || shown.includes('\t')) {
      const plain = stripAnsi(shown);
      if (known) {
        this._plain[index] = plain;
      }
      this._widest = Math.max(this._widest, columns(plain));
    }
    if (this._recent.length > BLOCK_LINES) {
      this._seal();
    }
  }

  /** Join the first `BLOCK_LINES` recent lines, none of them the last, into a block. */
  private _seal(): void {
    const lines = this._recent.splice(0, BLOCK_LINES);
    const first = this._blocks.length * BLOCK_LINES;
    if (this._ends.length < first + BLOCK_LINES) {
      const ends = new Uint32Array(this._ends.length * 2);
      ends.set(this._ends);
      this._ends = ends;
    }
    let end = -1;
    for (let i = 0; i < BLOCK_LINES; i++) {
      end += lines[i].length + 1;
      this._ends[first + i] = end;
    }
    this._blocks.push(lines.join('\n'));
  }

  private _emit(): void {
    if (this._held > 0) {
      this._unsaid = true;
      return;
    }
    this._version += 1;
    this._changed.emit();
  }

  /** Lines in blocks of `BLOCK_LINES`, joined with newlines. */
  private _blocks: string[] = [];
  /** Where each line of the blocks ends in its block. */
  private _ends = new Uint32Array(BLOCK_LINES);
  /** The lines after the blocks, the last one of them open to change. */
  private _recent: string[] = [];
  /** The plain text of the lines from the first on, as far as it was asked for. */
  private _plain: string[] = [];
  private _widest = 0;
  /** The last line has no newline yet: the next message goes on with it. */
  private _open = false;
  /** The raw text of that open line, carriage returns included. */
  private _pending = '';
  private _version = 0;
  /** Inside `batch`: changes are told once at its end. */
  private _held = 0;
  private _unsaid = false;
  private _changed = new Signal<this, void>(this);
}
