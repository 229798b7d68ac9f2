/**
 * The log of the history build the Build section shows after a reload. It is read when
 * someone looks, not at every start: its last events only (the log view pages the rest).
 */
import type { RecordPage } from '../api/build';
import { IBuildRecord } from '../api/types';
import { IBuildEvent } from '../buildlog/events';

/** Events of the shown history build read first: a screenful and the failure around it. */
const SHOWN_TAIL = 500;

export class ShownRecord {
  constructor(
    private readonly _fetch: (
      id: string,
      page: RecordPage
    ) => Promise<IBuildRecord>
  ) {}

  /** Someone asked to see the log. */
  get wanted(): boolean {
    return this._wanted;
  }

  /** The history build shown, or null. */
  get id(): string | null {
    return this._id;
  }

  /** The history build `id` is shown now: nothing of its log is read yet. */
  show(id: string): void {
    this._id = id;
    this._read = false;
  }

  /** Someone looks at the log. */
  want(): void {
    this._wanted = true;
  }

  /** The last events of the shown record; null when read already. */
  async read(): Promise<IBuildEvent[] | null> {
    const id = this._id;
    if (!id || this._read) {
      return null;
    }
    this._read = true;
    try {
      const record = await this._fetch(id, { tail: SHOWN_TAIL });
      return record.events.map(e => e.event);
    } catch (error) {
      this._read = false;
      console.warn(
        'jupyterlab-envbuilder: the last build log failed to load',
        error
      );
      return null;
    }
  }

  private _id: string | null = null;
  private _read = false;
  private _wanted = false;
}
