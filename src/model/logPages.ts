/**
 * A build record's log read a page at a time: its end first, earlier pages as the view is
 * scrolled up, and the rest at once before a search, copy or download of the whole log.
 * A 50,000-line record is megabytes of JSON; most people look at its last screen only.
 *
 * Pages are counted in build messages (events), as the server pages them: one message is
 * usually one line, but may be part of one or several. Every page prepended rebuilds the
 * log from all messages read, so a line cut by a page boundary is whole again.
 */
import { ISignal, Signal } from '@lumino/signaling';

import type { RecordPage } from '../api/build';
import { IBuildRecord } from '../api/types';
import { IBuildEvent } from '../buildlog/events';
import { BuildLog } from '../buildlog/log';
import { noTranslation, Translate } from '../translate';
import { messagesOf } from './buildState';
import { errorText } from './errorText';

/** Messages read first and with each scroll to the top: many screens, a fraction of a long log. */
export const PAGE_SIZE = 2000;
/** Messages per request when the whole rest is wanted: fewer, larger requests. */
export const REST_PAGE_SIZE = 10000;

/** What the pages are doing: reading the end, an earlier page, or everything left. */
export type PagesActivity = 'tail' | 'earlier' | 'rest';

export class LogPages {
  /**
   * @param fetch reads one page of the record
   * @param __ words for the failures that came as codes, and for request errors
   */
  constructor(
    private readonly _fetch: (page: RecordPage) => Promise<IBuildRecord>,
    private readonly __: Translate = noTranslation,
    private readonly _pageSize = PAGE_SIZE
  ) {}

  /** The lines read so far, oldest first. */
  readonly log = new BuildLog();

  /** The record as first read (its summary, and the events of its last page). */
  get record(): IBuildRecord | null {
    return this._record;
  }

  /** The messages read so far, oldest first. */
  get events(): readonly IBuildEvent[] {
    return this._events;
  }

  /** The index of the first message read. */
  get offset(): number {
    return this._offset;
  }

  /** How many messages the whole record has. */
  get eventCount(): number {
    return this._count;
  }

  /** Every message of the record is read. */
  get whole(): boolean {
    return this._record !== null && this._offset === 0;
  }

  /** What is being read now, or null. */
  get activity(): PagesActivity | null {
    return this._activity;
  }

  /** Why the last read failed, in words, and what it was reading; null after a success. */
  get error(): { during: PagesActivity; text: string } | null {
    return this._error;
  }

  /** Lines put at the top so far: a view adds the change to its scroll position. */
  get prepended(): number {
    return this._prepended;
  }

  /** Emitted when a read starts, ends or fails. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Read the end of the log; throws when the record cannot be read. */
  async open(): Promise<IBuildRecord> {
    const record = await this._read('tail', { tail: this._pageSize });
    if (!record) {
      throw new Error(this._error?.text);
    }
    return record;
  }

  /** Read the page before the first message read (nothing when all is read or a read runs). */
  async loadEarlier(): Promise<void> {
    if (this._record && !this.whole && this._activity === null) {
      const offset = Math.max(0, this._offset - this._pageSize);
      await this._read('earlier', { offset, limit: this._offset - offset });
    }
  }

  /**
   * Read everything not read yet, a large page at a time (progress: `offset` falls to 0);
   * resolves with whether the whole log is read. A read under way is waited for first.
   */
  loadRest(): Promise<boolean> {
    this._rest ??= this._readRest().finally(() => (this._rest = null));
    return this._rest;
  }

  /** Read again what failed last time. */
  async retry(): Promise<void> {
    const during = this._error?.during;
    if (during === 'tail' && this._record === null) {
      await this._read('tail', { tail: this._pageSize });
    } else if (during === 'earlier') {
      await this.loadEarlier();
    } else if (during === 'rest') {
      await this.loadRest();
    }
  }

  private async _readRest(): Promise<boolean> {
    await this._running;
    while (this._record && !this.whole) {
      const offset = Math.max(0, this._offset - REST_PAGE_SIZE);
      if (
        !(await this._read('rest', { offset, limit: this._offset - offset }))
      ) {
        return false;
      }
    }
    return this.whole;
  }

  private async _read(
    activity: PagesActivity,
    page: RecordPage
  ): Promise<IBuildRecord | null> {
    this._activity = activity;
    this._error = null;
    this._changed.emit();
    let done: () => void = () => undefined;
    this._running = new Promise(resolve => (done = resolve));
    try {
      const record = await this._fetch(page);
      this._take(record);
      return record;
    } catch (error) {
      this._error = { during: activity, text: errorText(error, this.__) };
      return null;
    } finally {
      this._activity = null;
      done();
      this._changed.emit();
    }
  }

  /** Put a page before what is read (or, the first time, start with it). */
  private _take(record: IBuildRecord): void {
    const events = record.events.map(e => e.event);
    const offset = record.offset ?? 0;
    if (this._record === null) {
      this._record = record;
      this._count = record.eventCount ?? events.length;
      this._events = events;
      this._offset = offset;
      this.log.appendAll(messagesOf(events, this.__));
      return;
    }
    // Only what lies before the first message read is new (a page never overlaps it).
    const fresh = events.slice(0, Math.max(0, this._offset - offset));
    this._events = [...fresh, ...this._events];
    this._offset = Math.min(this._offset, offset);
    const before = this.log.length;
    this.log.clear();
    this.log.appendAll(messagesOf(this._events, this.__));
    this._prepended += this.log.length - before;
  }

  private _record: IBuildRecord | null = null;
  private _events: IBuildEvent[] = [];
  private _offset = 0;
  private _count = 0;
  private _activity: PagesActivity | null = null;
  private _error: { during: PagesActivity; text: string } | null = null;
  private _prepended = 0;
  private _running: Promise<void> = Promise.resolve();
  private _rest: Promise<boolean> | null = null;
  private _changed = new Signal<this, void>(this);
}
