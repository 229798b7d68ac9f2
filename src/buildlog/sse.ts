/**
 * The text of a server-sent event stream (`text/event-stream`) taken apart one event at a
 * time, on demand: a network read can bring megabytes of a replayed build log, and parsing
 * it all at once would hold the page for hundreds of milliseconds. The caller pulls events
 * with `next()` and decides when to let the page draw.
 *
 * Only what the build gateway sends is read: `data:` fields (several join with newlines),
 * comments (`:keepalive`), lines ending in `\n` or `\r\n`. Other fields (`id`, `event`,
 * `retry`) are ignored, as the gateway sends none.
 */
const CR = 13;

export class EventStreamText {
  /** Add text as it arrives (decoded, possibly cut mid-line). */
  push(text: string): void {
    this._buffer =
      this._at < this._buffer.length
        ? this._buffer.slice(this._at) + text
        : text;
    this._at = 0;
  }

  /** The data of the next complete event, or null until more text arrives. */
  next(): string | null {
    const buffer = this._buffer;
    for (;;) {
      const end = buffer.indexOf('\n', this._at);
      if (end < 0) {
        return null;
      }
      // Read in place: a 50,000-line log would otherwise make a throw-away copy of every
      // line before taking its data out of it.
      const start = this._at;
      const stop =
        end > start && buffer.charCodeAt(end - 1) === CR ? end - 1 : end;
      this._at = end + 1;
      if (stop === start) {
        const data = this._data;
        this._data = null;
        if (data !== null) {
          return data;
        }
        continue;
      }
      if (buffer.startsWith('data:', start)) {
        const from = buffer.startsWith('data: ', start) ? start + 6 : start + 5;
        const value = buffer.slice(from, stop);
        this._data = this._data === null ? value : `${this._data}\n${value}`;
      }
    }
  }

  private _buffer = '';
  /** Where the unread part of `_buffer` starts. */
  private _at = 0;
  /** The data lines of the event being read. */
  private _data: string | null = null;
}
