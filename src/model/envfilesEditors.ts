/**
 * The editors open on the environment files, followed so that unsaved text is checked as
 * the user types (after a pause) and the saved file counts again when an editor closes.
 */
import { Debouncer } from '@lumino/polling';
import { ISignal } from '@lumino/signaling';

/** An environment file open in an editor, as far as checking it needs. */
export interface IOpenEnvFile {
  /** Relative to the server root. */
  readonly path: string;
  /** Resolves when the editor has loaded the file. */
  readonly ready: Promise<void>;
  /** The text as in the editor, saved or not. */
  text(): string;
  /** Emitted on every change of the text. */
  readonly textChanged: ISignal<unknown, unknown>;
  /** Emitted once when the editor closes or the file is renamed. */
  readonly closed: ISignal<unknown, unknown>;
}

/** The editors open in JupyterLab. */
export interface IOpenEnvFiles {
  /** The editor open on a path, or null. */
  find(path: string): IOpenEnvFile | null;
  /** Emitted with a path when a document opens. */
  readonly opened: ISignal<unknown, string>;
}

/** One followed editor. */
interface IFollowed {
  file: IOpenEnvFile;
  /** The editor has loaded the file, so its text is the file's. */
  loaded: boolean;
  debouncer: Debouncer;
  disconnect: () => void;
}

/** The editors followed for the files of the environment folder, by server path. */
export class FollowedEditors {
  constructor(options: FollowedEditors.IOptions) {
    this._documents = options.documents;
    this._delay = options.delay;
    this._onEdited = options.onEdited;
    this._onClosed = options.onClosed;
  }

  /** Whether the editor on a path is followed (loaded or not). */
  has(path: string): boolean {
    return this._followed.has(path);
  }

  /** The loaded editor on a path, or null: until it has loaded, the saved file counts. */
  loaded(path: string): IOpenEnvFile | null {
    const followed = this._followed.get(path);
    return followed?.loaded ? followed.file : null;
  }

  /** Follow the editors open on exactly these paths. */
  followOnly(paths: readonly string[]): void {
    const wanted = new Set(paths);
    for (const path of [...this._followed.keys()]) {
      if (!wanted.has(path)) {
        this.unfollow(path);
      }
    }
    for (const path of paths) {
      this.follow(path);
    }
  }

  /** Follow the editor open on a path, if there is one that is not followed yet. */
  follow(path: string): void {
    if (this._followed.has(path)) {
      return;
    }
    const file = this._documents?.find(path);
    if (!file) {
      return;
    }
    const debouncer = new Debouncer(() => this._onEdited(path), this._delay);
    const onChange = () => void debouncer.invoke();
    const onClosed = () => {
      this.unfollow(path);
      this._onClosed(path);
    };
    file.textChanged.connect(onChange);
    file.closed.connect(onClosed);
    const followed: IFollowed = {
      file,
      loaded: false,
      debouncer,
      disconnect: () => {
        file.textChanged.disconnect(onChange);
        file.closed.disconnect(onClosed);
        debouncer.dispose();
      }
    };
    this._followed.set(path, followed);
    // Until the editor has loaded, its text is empty: the saved file counts until then.
    file.ready.then(
      () => {
        followed.loaded = true;
        void debouncer.invoke();
      },
      () => undefined
    );
  }

  unfollow(path: string): void {
    this._followed.get(path)?.disconnect();
    this._followed.delete(path);
  }

  unfollowAll(): void {
    for (const path of [...this._followed.keys()]) {
      this.unfollow(path);
    }
  }

  /** Drop the checks that typing has scheduled: the caller checks everything now. */
  cancelPending(): void {
    for (const followed of this._followed.values()) {
      void followed.debouncer.stop();
    }
  }

  private readonly _documents: IOpenEnvFiles | null;
  private readonly _delay: number;
  private readonly _onEdited: (path: string) => void;
  private readonly _onClosed: (path: string) => void;
  private readonly _followed = new Map<string, IFollowed>();
}

export namespace FollowedEditors {
  export interface IOptions {
    documents: IOpenEnvFiles | null;
    /** How long typing must pause before the text is checked (ms). */
    delay: number;
    /** The text of a loaded editor changed (after the pause). */
    onEdited: (path: string) => void;
    /** The editor closed or its file was renamed: no longer followed. */
    onClosed: (path: string) => void;
  }
}
