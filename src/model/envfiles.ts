/**
 * State of the "Environment files" section: what the environment folder holds,
 * what repo2docker will do with it, and the problems in its files, checked on the
 * editors' unsaved text as the user types and on saved files otherwise.
 */
import { Debouncer, Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import {
  EnvironmentFileName,
  environmentFiles,
  explainEnvironment,
  IEnvironmentExplanation,
  IEnvironmentFileInfo,
  IProblem,
  isConfigFileName,
  MAX_ENVIRONMENT_FILE_BYTES,
  settleProblems,
  validateEnvironmentFile
} from '../envfiles';
import { noTranslation, Translate } from '../translate';
import {
  createFile,
  CreateOutcome,
  describeError,
  DiskRead,
  IEnvFileEntry,
  IEnvFilesContents,
  joinPath,
  listFolder,
  readSavedFile,
  relativeTo
} from './envfilesDisk';
import { EnvironmentFolder, publishableFolder } from './folder';

export type { CreateOutcome, IEnvFileEntry, IEnvFilesContents };

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

/** What the environment folder holds. */
export type EnvFolderState =
  | { kind: 'loading'; folder: string }
  | { kind: 'missing'; folder: string }
  | { kind: 'not-a-folder'; folder: string }
  | { kind: 'error'; folder: string; message: string }
  | {
      kind: 'ready';
      folder: string;
      /** The repo2docker configuration files, in listing order. */
      files: IEnvFileEntry[];
      /** How many other files the folder holds (they go into the snapshot too). */
      otherFiles: number;
      explanation: IEnvironmentExplanation;
    };

/** What the section is doing or has just done. */
export interface IEnvFilesActivity {
  /** A create request is running. */
  busy: boolean;
  /** The outcome of the last create, in plain words; null when there is none. */
  notice: { kind: 'success' | 'error'; message: string } | null;
}

export class EnvFilesModel {
  constructor(options: EnvFilesModel.IOptions) {
    this._contents = options.contents;
    this._documents = options.documents ?? null;
    this.__ = options.trans ?? noTranslation;
    this._catalogue = environmentFiles(this.__);
    this._folderSource = options.folder ?? new EnvironmentFolder();
    this._folder = this._folderSource.path;
    this._state = { kind: 'loading', folder: this._folder };
    this._delay = options.validationDelay ?? 300;
    const interval = options.pollInterval ?? 5000;
    this._poll = new Poll({
      auto: false,
      name: 'envbuilder:environment-files',
      factory: async () => {
        await this.refresh();
        if (this._state.kind === 'error') {
          // Rejecting makes the poll back off while the server does not answer.
          throw new Error(this._state.message);
        }
      },
      frequency: { interval, backoff: true, max: interval * 12 },
      // Nothing runs while the section is hidden or the browser tab is in the background.
      standby: () => !this._active || 'when-hidden'
    });
    this._contents.fileChanged.connect(this._onFileChanged, this);
    this._documents?.opened.connect(this._onOpened, this);
    this._folderSource.changed.connect(this._onFolder, this);
  }

  /** The environment folder, relative to the server root ('' is the root itself). */
  get folder(): string {
    return this._folder;
  }

  get state(): EnvFolderState {
    return this._state;
  }

  get stateChanged(): ISignal<this, EnvFolderState> {
    return this._stateChanged;
  }

  /** Every problem, file by file in listing order, each file's sorted by position. */
  get problems(): readonly IProblem[] {
    return this._problemList;
  }

  get problemsChanged(): ISignal<this, readonly IProblem[]> {
    return this._problemsChanged;
  }

  get activity(): IEnvFilesActivity {
    return this._activity;
  }

  get activityChanged(): ISignal<this, IEnvFilesActivity> {
    return this._activityChanged;
  }

  /**
   * Whether the environment folder differs from what the running server's image was
   * built from; null while that is not known, and then the section says nothing about it.
   * The build section sets it from the build history with `setDiffersFromRunningImage`.
   */
  get differsFromRunningImage(): boolean | null {
    return this._differs;
  }

  /** Hook for the build history: see `differsFromRunningImage`. */
  setDiffersFromRunningImage(differs: boolean | null): void {
    if (differs !== this._differs) {
      this._differs = differs;
      this._activityChanged.emit(this._activity);
    }
  }

  /** The catalogue of files a user can create, with descriptions and starters. */
  get catalogue(): readonly IEnvironmentFileInfo[] {
    return this._catalogue;
  }

  /** Catalogue files not yet in the folder repo2docker reads. */
  get missingFiles(): IEnvironmentFileInfo[] {
    if (this._state.kind !== 'ready') {
      return [...this._catalogue];
    }
    const present = new Set(this._state.files.map(f => f.path));
    const where = this._state.explanation.folder ?? '';
    return this._catalogue.filter(
      info => !present.has(joinPath(where, info.name))
    );
  }

  /** A path inside the folder, relative to the server root. */
  serverPath(path: string): string {
    return joinPath(this._folder, path);
  }

  /** The environment folder changed (the `environmentFolder` setting): start over. */
  private _onFolder(_: EnvironmentFolder, normalized: string): void {
    if (normalized === this._folder) {
      return;
    }
    this._folder = normalized;
    this._generation++;
    this._detachAll();
    this._reads.clear();
    this._problemsByFile.clear();
    this._setState({ kind: 'loading', folder: normalized });
    this._publishProblems();
    this._activity = { busy: false, notice: null };
    this._activityChanged.emit(this._activity);
    if (this._active) {
      void this._poll.refresh();
    }
  }

  /** The section is shown (poll for outside changes) or hidden (stop polling). */
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

  /**
   * Look at the folder again: list it, read saved files that changed, check everything.
   * Concurrent calls share one run (plus one more if a call came in during it).
   */
  refresh(): Promise<void> {
    if (this._refreshing) {
      this._refreshAgain = true;
      return this._refreshing;
    }
    this._refreshing = (async () => {
      do {
        this._refreshAgain = false;
        await this._load();
      } while (this._refreshAgain && !this._disposed);
    })().finally(() => {
      this._refreshing = null;
    });
    return this._refreshing;
  }

  /**
   * Check every file again, saved files re-read from disk and open editors as they
   * are now, e.g. right before a build. Resolves with all problems.
   */
  async validateAll(): Promise<IProblem[]> {
    this._reads.clear();
    for (const doc of this._attached.values()) {
      void doc.debouncer.stop();
    }
    await this.refresh();
    return [...this._problemList];
  }

  /**
   * Create a file from the catalogue with its starter content in the folder
   * repo2docker reads, creating the environment folder first when it is missing.
   * Never replaces anything.
   */
  async create(name: EnvironmentFileName): Promise<CreateOutcome> {
    const __ = this.__;
    const info = this._catalogue.find(f => f.name === name);
    const where =
      this._state.kind === 'ready'
        ? (this._state.explanation.folder ?? '')
        : '';
    const folder = this._folder;
    const generation = this._generation;
    this._setActivity({ busy: true, notice: this._activity.notice });
    const outcome = await createFile(
      this._contents,
      folder,
      joinPath(where, name),
      info?.starter ?? ''
    );
    if (generation !== this._generation) {
      return outcome;
    }
    let notice: IEnvFilesActivity['notice'];
    switch (outcome.kind) {
      case 'created':
        notice = {
          kind: 'success',
          message: outcome.folderCreated
            ? __('Created %1 with %2.', `${folder}/`, name)
            : __('Created %1.', outcome.serverPath)
        };
        break;
      case 'exists':
        notice = {
          kind: 'error',
          message: __(
            '%1 already exists and was left unchanged.',
            outcome.serverPath
          )
        };
        break;
      case 'blocked':
        notice = {
          kind: 'error',
          message: __(
            '%1 is a file, not a folder, so nothing was created. Rename it or choose another environment folder in the settings.',
            outcome.serverPath
          )
        };
        break;
      case 'failed':
        notice = {
          kind: 'error',
          message: __(
            'Could not create %1: %2',
            outcome.serverPath,
            outcome.message
          )
        };
        break;
    }
    this._setActivity({ busy: false, notice });
    await this.refresh();
    return outcome;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._poll.dispose();
    this._detachAll();
    this._contents.fileChanged.disconnect(this._onFileChanged, this);
    this._documents?.opened.disconnect(this._onOpened, this);
    this._folderSource.changed.disconnect(this._onFolder, this);
    Signal.clearData(this);
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  private async _load(): Promise<void> {
    const folder = this._folder;
    const generation = this._generation;
    const stale = () => this._disposed || generation !== this._generation;
    if (publishableFolder(folder) === null) {
      // What a build would refuse, this section never shows as the environment.
      this._setState({
        kind: 'error',
        folder,
        message: this.__(
          "The environment folder must be a subfolder, e.g. 'environment', not '%1': everything in it is copied into the image.",
          folder
        )
      });
      return;
    }
    let listing;
    try {
      listing = await listFolder(this._contents, folder);
    } catch (error) {
      if (!stale()) {
        this._setState({
          kind: 'error',
          folder,
          message: describeError(error)
        });
      }
      return;
    }
    if (stale()) {
      return;
    }
    if (listing.kind !== 'folder') {
      this._detachAll();
      this._problemsByFile.clear();
      this._setState({ kind: listing.kind, folder });
      this._publishProblems();
      return;
    }
    const paths = listing.entries.map(e => e.path);
    const configPaths = new Set(
      explainEnvironment(paths).files.map(f => f.path)
    );
    const files = listing.entries.filter(e => configPaths.has(e.path));
    const others = listing.entries.filter(e => !configPaths.has(e.path));

    this._attachOpen(files);
    await Promise.all(
      files
        .filter(entry => !this._editorOf(entry))
        .map(async entry => {
          const stamp = `${entry.lastModified}|${entry.size}`;
          if (this._reads.get(entry.serverPath)?.stamp !== stamp) {
            const read = await readSavedFile(this._contents, entry);
            if (!stale()) {
              this._reads.set(entry.serverPath, { stamp, read });
            }
          }
        })
    );
    if (stale()) {
      return;
    }
    const known = new Set(files.map(f => f.serverPath));
    for (const path of [...this._reads.keys()]) {
      if (!known.has(path)) {
        this._reads.delete(path);
      }
    }

    this._entries = files;
    this._otherFiles = others;
    this._problemsByFile.clear();
    for (const entry of files) {
      this._problemsByFile.set(entry.path, this._check(entry));
    }
    this._setReady();
    this._publishProblems();
  }

  /** The listing's state with the explanation as the files read now. */
  private _setReady(): void {
    const contents: Record<string, string> = {};
    for (const entry of this._entries) {
      const text = this._textOf(entry);
      if (text !== null) {
        contents[entry.path] = text;
      }
    }
    const explanation = explainEnvironment(
      this._entries.map(e => e.path),
      { contents, trans: this.__ }
    );
    this._setState({
      kind: 'ready',
      folder: this._folder,
      files: this._entries,
      otherFiles: this._otherFiles.length,
      explanation
    });
  }

  /** The file's text, from its editor when it is open, else as saved; null if unknown. */
  private _textOf(entry: IEnvFileEntry): string | null {
    const doc = this._editorOf(entry);
    if (doc) {
      return doc.text();
    }
    const read = this._reads.get(entry.serverPath)?.read;
    return read?.kind === 'text' ? read.text : null;
  }

  /** The loaded editor open on the file, if any. */
  private _editorOf(entry: IEnvFileEntry): IOpenEnvFile | null {
    const record = this._attached.get(entry.serverPath);
    return record?.loaded ? record.file : null;
  }

  /** Problems of one configuration file, never throwing. */
  private _check(entry: IEnvFileEntry): IProblem[] {
    const __ = this.__;
    const doc = this._editorOf(entry);
    const read: DiskRead | undefined = doc
      ? { kind: 'text', text: doc.text() }
      : this._reads.get(entry.serverPath)?.read;
    const at = { file: entry.path, line: 1, column: 1 };
    try {
      switch (read?.kind) {
        case undefined:
        case 'gone':
          return [];
        case 'text':
          return validateEnvironmentFile(
            {
              path: entry.path,
              text: read.text,
              // Unsaved text's size is its own; the listing gives the saved size.
              facts: doc ? {} : { size: entry.size ?? undefined }
            },
            { trans: this.__ }
          );
        case 'bytes':
          return validateEnvironmentFile(
            { path: entry.path, text: '', facts: { bytes: read.bytes } },
            { trans: this.__ }
          );
        case 'too-large':
          return validateEnvironmentFile(
            {
              path: entry.path,
              text: '',
              facts: { size: entry.size ?? MAX_ENVIRONMENT_FILE_BYTES + 1 }
            },
            { trans: this.__ }
          );
        case 'unreadable':
          return [
            {
              ...at,
              severity: 'warning',
              code: 'unreadable',
              message:
                read.message === null
                  ? __(
                      'This file could not be read as text, so it was not checked.'
                    )
                  : __(
                      'This file could not be read, so it was not checked: %1',
                      read.message
                    )
            }
          ];
      }
    } catch (error) {
      return [
        {
          ...at,
          severity: 'warning',
          code: 'check-failed',
          message: __(
            'This file could not be checked (%1).',
            describeError(error)
          )
        }
      ];
    }
  }

  /** Files that are not configuration files still count against the size limit. */
  private _sizeProblems(): IProblem[] {
    return this._otherFiles
      .filter(e => e.size !== null && e.size > MAX_ENVIRONMENT_FILE_BYTES)
      .flatMap(e =>
        validateEnvironmentFile(
          { path: e.path, text: '', facts: { size: e.size ?? 0 } },
          { trans: this.__ }
        )
      );
  }

  private _publishProblems(): void {
    const found = this._entries.flatMap(
      e => this._problemsByFile.get(e.path) ?? []
    );
    const list =
      this._state.kind === 'ready'
        ? [
            ...settleProblems(found, this._state.explanation),
            ...this._sizeProblems()
          ]
        : found;
    const key = JSON.stringify(list);
    if (key !== this._problemsKey) {
      this._problemsKey = key;
      this._problemList = list;
      this._problemsChanged.emit(list);
    }
  }

  /** Follow the editors open on the folder's configuration files. */
  private _attachOpen(files: IEnvFileEntry[]): void {
    const wanted = new Set(files.map(f => f.serverPath));
    for (const path of [...this._attached.keys()]) {
      if (!wanted.has(path)) {
        this._detach(path);
      }
    }
    for (const entry of files) {
      if (!this._attached.has(entry.serverPath)) {
        const file = this._documents?.find(entry.serverPath);
        if (file) {
          this._attach(file);
        }
      }
    }
  }

  private _attach(file: IOpenEnvFile): void {
    const path = file.path;
    const debouncer = new Debouncer(() => this._onEdited(path), this._delay);
    const onChange = () => void debouncer.invoke();
    const onClosed = () => {
      this._detach(path);
      // The unsaved text is gone: check the file as saved again.
      this._reads.delete(path);
      void this.refresh();
    };
    file.textChanged.connect(onChange);
    file.closed.connect(onClosed);
    const record = {
      file,
      loaded: false,
      debouncer,
      disconnect: () => {
        file.textChanged.disconnect(onChange);
        file.closed.disconnect(onClosed);
        debouncer.dispose();
      }
    };
    this._attached.set(path, record);
    // Until the editor has loaded, its text is empty: the saved file counts until then.
    file.ready.then(
      () => {
        record.loaded = true;
        void debouncer.invoke();
      },
      () => undefined
    );
  }

  private _detach(path: string): void {
    this._attached.get(path)?.disconnect();
    this._attached.delete(path);
  }

  private _detachAll(): void {
    for (const path of [...this._attached.keys()]) {
      this._detach(path);
    }
  }

  /** The user typed in an open editor: check that file and explain the folder again. */
  private _onEdited(path: string): void {
    const entry = this._entries.find(e => e.serverPath === path);
    if (!entry || this._state.kind !== 'ready') {
      return;
    }
    if (!this._editorOf(entry) && !this._reads.has(path)) {
      // Loaded after the last look at the folder, which skipped its saved text.
      void this.refresh();
      return;
    }
    this._problemsByFile.set(entry.path, this._check(entry));
    this._setReady();
    this._publishProblems();
  }

  private _onOpened(_: unknown, path: string): void {
    const relative = relativeTo(this._folder, path);
    if (relative === null || this._attached.has(path)) {
      return;
    }
    if (this._entries.some(e => e.serverPath === path)) {
      const file = this._documents?.find(path);
      if (file) {
        this._attach(file);
      }
    } else if (
      isConfigFileName(relative.slice(relative.lastIndexOf('/') + 1))
    ) {
      void this.refresh();
    }
  }

  /** Saves, creations, renames and deletions made in this tab show at once. */
  private _onFileChanged(
    _: unknown,
    change: { oldValue: unknown; newValue: unknown }
  ): void {
    const paths = [change.oldValue, change.newValue].map(
      value => (value as { path?: unknown } | null)?.path
    );
    const touches = paths.some(
      path =>
        typeof path === 'string' &&
        (relativeTo(this._folder, path) !== null ||
          this._folder === path ||
          this._folder.startsWith(`${path}/`))
    );
    if (touches && this._active) {
      void this.refresh();
    }
  }

  private _setState(state: EnvFolderState): void {
    const key = JSON.stringify(state);
    if (key === this._stateKey) {
      return;
    }
    this._stateKey = key;
    this._state = state;
    this._stateChanged.emit(state);
  }

  private _setActivity(activity: IEnvFilesActivity): void {
    this._activity = activity;
    this._activityChanged.emit(activity);
  }

  private readonly _contents: IEnvFilesContents;
  private readonly _documents: IOpenEnvFiles | null;
  private readonly __: Translate;
  private readonly _delay: number;
  private readonly _poll: Poll;
  private readonly _catalogue: readonly IEnvironmentFileInfo[];
  private readonly _folderSource: EnvironmentFolder;
  /** The folder this model shows, which the source's changes replace. */
  private _folder: string;
  private _generation = 0;
  private _active = false;
  private _disposed = false;
  private _refreshing: Promise<void> | null = null;
  private _refreshAgain = false;
  private _state: EnvFolderState;
  private _stateKey = '';
  private _entries: IEnvFileEntry[] = [];
  private _otherFiles: IEnvFileEntry[] = [];
  private _reads = new Map<string, { stamp: string; read: DiskRead }>();
  private _attached = new Map<
    string,
    {
      file: IOpenEnvFile;
      /** The editor has loaded the file, so its text is the file's. */
      loaded: boolean;
      debouncer: Debouncer;
      disconnect: () => void;
    }
  >();
  private _problemsByFile = new Map<string, IProblem[]>();
  private _problemList: IProblem[] = [];
  private _problemsKey = '[]';
  private _activity: IEnvFilesActivity = { busy: false, notice: null };
  private _differs: boolean | null = null;
  private _stateChanged = new Signal<this, EnvFolderState>(this);
  private _problemsChanged = new Signal<this, readonly IProblem[]>(this);
  private _activityChanged = new Signal<this, IEnvFilesActivity>(this);
}

export namespace EnvFilesModel {
  export interface IOptions {
    contents: IEnvFilesContents;
    /** Open editors; without them only saved files are checked. */
    documents?: IOpenEnvFiles | null;
    /** JupyterLab's `trans.__`, bound. */
    trans?: Translate;
    /** The environment folder; `environment` when not given. */
    folder?: EnvironmentFolder;
    /** How often to look for outside changes while shown (ms). */
    pollInterval?: number;
    /** How long typing must pause before the text is checked (ms). */
    validationDelay?: number;
  }
}
