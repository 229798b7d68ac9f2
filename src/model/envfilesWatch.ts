/**
 * When the Environment files section looks at its folder again: at once for changes made in
 * this tab (the contents manager tells), on a poll for changes made elsewhere (a terminal, a
 * `git pull`), and never while the section is hidden or the browser tab is in the background.
 * While the folder does not exist there is no poll: creating it in this tab (the section's
 * own buttons, the file browser) is told by the contents manager, and showing the section
 * again looks once more.
 */
import { Poll } from '@lumino/polling';

import { IEnvFilesContents, touchesFolder } from './envfilesDisk';

export class FolderWatch {
  constructor(options: FolderWatch.IOptions) {
    this._contents = options.contents;
    this._folder = options.folder;
    this._refresh = options.refresh;
    this._absent = options.absent;
    const interval = options.interval;
    this._poll = new Poll({
      auto: false,
      name: 'envbuilder:environment-files',
      // Rejecting (the folder could not be listed) makes the poll back off.
      factory: options.refresh,
      frequency: { interval, backoff: true, max: interval * 12 },
      standby: () => !this._active || this._absent() || 'when-hidden'
    });
    this._contents.fileChanged.connect(this._onFileChanged, this);
  }

  get active(): boolean {
    return this._active;
  }

  /** The section is shown (look now and poll) or hidden (stop). */
  setActive(active: boolean): void {
    if (active === this._active) {
      return;
    }
    this._active = active;
    if (active) {
      if (this._poll.state.phase === 'constructed') {
        void this._poll.start();
      }
      void this._poll.refresh();
    }
  }

  /** Look again now if shown, e.g. after the folder setting changed. */
  refreshIfActive(): void {
    if (this._active) {
      void this._poll.refresh();
    }
  }

  dispose(): void {
    this._poll.dispose();
    this._contents.fileChanged.disconnect(this._onFileChanged, this);
  }

  /** Saves, creations, renames and deletions made in this tab show at once. */
  private _onFileChanged(
    _: unknown,
    change: { oldValue: unknown; newValue: unknown }
  ): void {
    if (this._active && touchesFolder(this._folder(), change)) {
      void this._refresh().catch(() => undefined);
    }
  }

  private readonly _contents: IEnvFilesContents;
  private readonly _folder: () => string;
  private readonly _refresh: () => Promise<void>;
  private readonly _absent: () => boolean;
  private readonly _poll: Poll;
  private _active = false;
}

export namespace FolderWatch {
  export interface IOptions {
    contents: IEnvFilesContents;
    /** The folder watched now. */
    folder: () => string;
    /** Look at the folder; rejects when it could not be listed. */
    refresh: () => Promise<void>;
    /** The folder is known not to exist: nothing to poll for. */
    absent: () => boolean;
    /** How often to look for outside changes while shown (ms). */
    interval: number;
  }
}
