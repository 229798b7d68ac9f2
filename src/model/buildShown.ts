/**
 * The log of the history build the Build section shows after a reload. It is read when
 * someone looks, not at every start: its last events first, all of them for the log view.
 */
import { IBuildRecord } from '../api/types';
import { IBuildEvent } from '../buildlog/events';

/** Events of the shown history build read first: a screenful and the failure around it. */
const SHOWN_TAIL = 500;

type Amount = 'none' | 'tail' | 'whole';

export class ShownRecord {
  constructor(
    private readonly _fetch: (
      id: string,
      page?: { tail: number }
    ) => Promise<IBuildRecord>
  ) {}

  /** How much of the log someone asked to see so far. */
  get wanted(): Amount {
    return this._wanted;
  }

  /** All of the shown record's events are read. */
  get whole(): boolean {
    return this._read === 'whole';
  }

  /** The history build `id` is shown now: nothing of its log is read yet. */
  show(id: string): void {
    this._id = id;
    this._read = 'none';
  }

  /** Someone looks at the log: `whole` once asked for stays asked for. */
  want(how: 'tail' | 'whole'): void {
    this._wanted = this._wanted === 'whole' ? 'whole' : how;
  }

  /** The events of the shown record, read as much as `how` says; null when nothing new. */
  async read(how: 'tail' | 'whole'): Promise<IBuildEvent[] | null> {
    const id = this._id;
    if (!id || this._read === how) {
      return null;
    }
    this._read = how;
    try {
      const record = await this._fetch(
        id,
        how === 'tail' ? { tail: SHOWN_TAIL } : undefined
      );
      return record.events.map(e => e.event);
    } catch (error) {
      this._read = 'none';
      console.warn(
        'jupyterlab-envbuilder: the last build log failed to load',
        error
      );
      return null;
    }
  }

  private _id: string | null = null;
  private _read: Amount = 'none';
  private _wanted: Amount = 'none';
}
