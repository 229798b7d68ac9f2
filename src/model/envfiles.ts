/**
 * State of the "Environment files" section: what the environment folder holds,
 * what repo2docker will do with it, and the problems in its files, checked on the
 * editors' unsaved text as the user types and on saved files otherwise.
 */
import { ISignal, Signal } from '@lumino/signaling';

import { environmentFiles, IEnvironmentFileInfo } from '../envfiles/files';
import { EnvironmentFileName, isConfigFileName } from '../envfiles/names';
import { IProblem } from '../envfiles/types';
import { noTranslation, Translate } from '../translate';
import {
  checkFile,
  createNotice,
  creationPath,
  EnvFolderState,
  explainFiles,
  CheckSettings,
  IEnvFilesActivity,
  ISettingsSource,
  missingFiles,
  refusedFolder,
  splitListing
} from './envfilesCheck';
import {
  createFile,
  CreateOutcome,
  describeError,
  IEnvFileEntry,
  IEnvFilesContents,
  joinPath,
  listFolder,
  relativeTo,
  SavedReads
} from './envfilesDisk';
import { FolderProblems } from './envfilesProblems';
import { FolderWatch } from './envfilesWatch';
import { Coalesced } from './coalesce';
import { FollowedEditors, IOpenEnvFiles } from './envfilesEditors';
import { EnvironmentFolder } from './folder';

export class EnvFilesModel {
  constructor(options: EnvFilesModel.IOptions) {
    this._contents = options.contents;
    this._documents = options.documents ?? null;
    this.__ = options.trans ?? noTranslation;
    this._catalogue = environmentFiles(this.__);
    this._folderSource = options.folder ?? new EnvironmentFolder();
    this._folder = this._folderSource.path;
    this._checks = new CheckSettings(this.__, options.settings ?? null);
    this._reads = new SavedReads(
      this._contents,
      () => this._checks.maxFileBytes
    );
    this._problems = new FolderProblems(() => this._checks.options);
    this._state = { kind: 'loading', folder: this._folder };
    this._editors = new FollowedEditors({
      documents: this._documents,
      delay: options.validationDelay ?? 300,
      onEdited: path => this._onEdited(path),
      // The unsaved text is gone: check the file as saved again.
      onClosed: path => {
        this._reads.delete(path);
        void this.refresh();
      }
    });
    this._watch = new FolderWatch({
      contents: this._contents,
      folder: () => this._folder,
      refresh: async () => {
        await this.refresh();
        if (this._state.kind === 'error') {
          throw new Error(this._state.message);
        }
      },
      absent: () => this._state.kind === 'missing',
      interval: options.pollInterval ?? 5000
    });
    this._documents?.opened.connect(this._onOpened, this);
    this._folderSource.changed.connect(this._onFolder, this);
    this._checks.source?.changed.connect(this._onSettings, this);
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
    return this._problems.list;
  }

  get problemsChanged(): ISignal<FolderProblems, readonly IProblem[]> {
    return this._problems.changed;
  }

  get activity(): IEnvFilesActivity {
    return this._activity;
  }

  get activityChanged(): ISignal<this, IEnvFilesActivity> {
    return this._activityChanged;
  }

  /** The catalogue of files a user can create, with descriptions and starters. */
  get catalogue(): readonly IEnvironmentFileInfo[] {
    return this._catalogue;
  }

  /** Catalogue files not yet in the folder repo2docker reads. */
  get missingFiles(): IEnvironmentFileInfo[] {
    return missingFiles(this._catalogue, this._state);
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
    this._editors.unfollowAll();
    this._reads.clear();
    this._problems.clear();
    this._setState({ kind: 'loading', folder: normalized });
    this._problems.publish(this._entries, this._otherFiles, this._state);
    this._setActivity({ busy: false, notice: null });
    this._watch.refreshIfActive();
  }

  /** The handshake came (or came again): a new size limit means every file is checked again. */
  private _onSettings(): void {
    if (this._checks.changed) {
      this._reads.clear();
      this._watch.refreshIfActive();
    }
  }

  /** The section is shown (poll for outside changes) or hidden (stop polling). */
  setActive(active: boolean): void {
    this._watch.setActive(active);
  }

  /**
   * Look at the folder again: list it, read saved files that changed, check everything.
   * Concurrent calls share one run (plus one more if a call came in during it).
   */
  refresh(): Promise<void> {
    return this._refresh.run();
  }

  /**
   * Check every file again, saved files re-read from disk and open editors as they
   * are now, e.g. right before a build. Resolves with all problems.
   */
  async validateAll(): Promise<IProblem[]> {
    this._reads.clear();
    this._editors.cancelPending();
    await this.refresh();
    return [...this._problems.list];
  }

  /**
   * Create a file from the catalogue with its starter content in the folder
   * repo2docker reads, creating the environment folder first when it is missing.
   * Never replaces anything.
   */
  async create(name: EnvironmentFileName): Promise<CreateOutcome> {
    const info = this._catalogue.find(f => f.name === name);
    const folder = this._folder;
    const generation = this._generation;
    this._setActivity({ busy: true, notice: this._activity.notice });
    const outcome = await createFile(
      this._contents,
      folder,
      creationPath(this._state, name),
      info?.starter ?? ''
    );
    if (generation !== this._generation) {
      return outcome;
    }
    const notice = createNotice(outcome, folder, name, this.__);
    this._setActivity({ busy: false, notice });
    await this.refresh();
    return outcome;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._watch.dispose();
    this._editors.unfollowAll();
    this._documents?.opened.disconnect(this._onOpened, this);
    this._folderSource.changed.disconnect(this._onFolder, this);
    this._checks.source?.changed.disconnect(this._onSettings, this);
    this._problems.dispose();
    Signal.clearData(this);
  }

  private async _load(): Promise<void> {
    const folder = this._folder;
    this._checks.mark();
    const generation = this._generation;
    const stale = () => this._disposed || generation !== this._generation;
    const refused = refusedFolder(folder, this.__);
    if (refused) {
      this._setState(refused);
      return;
    }
    let listing;
    try {
      [listing] = await Promise.all([
        listFolder(this._contents, folder),
        this._checks.load()
      ]);
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
      this._editors.unfollowAll();
      this._problems.clear();
      this._setState({ kind: listing.kind, folder });
      this._problems.publish(this._entries, this._otherFiles, this._state);
      return;
    }
    const { files, others } = splitListing(
      listing.entries,
      this._checks.options
    );
    this._editors.followOnly(files.map(f => f.serverPath));
    await this._reads.update(
      files.filter(entry => !this._editors.loaded(entry.serverPath)),
      stale
    );
    if (stale()) {
      return;
    }
    this._reads.keepOnly(files);

    this._entries = files;
    this._otherFiles = others;
    this._problems.clear();
    for (const entry of files) {
      this._problems.set(entry.path, this._check(entry));
    }
    this._setReady();
    this._problems.publish(this._entries, this._otherFiles, this._state);
  }

  /** The listing's state with the explanation as the files read now. */
  private _setReady(): void {
    const explanation = explainFiles(
      this._entries,
      entry => this._textOf(entry),
      this._checks.options
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
    const doc = this._editors.loaded(entry.serverPath);
    if (doc) {
      return doc.text();
    }
    const read = this._reads.get(entry.serverPath);
    return read?.kind === 'text' ? read.text : null;
  }

  /** Problems of one configuration file, never throwing. */
  private _check(entry: IEnvFileEntry): IProblem[] {
    const doc = this._editors.loaded(entry.serverPath);
    return checkFile(
      entry,
      doc ? doc.text() : this._reads.get(entry.serverPath),
      this._checks.options
    );
  }

  /** The user typed in an open editor: check that file and explain the folder again. */
  private _onEdited(path: string): void {
    const entry = this._entries.find(e => e.serverPath === path);
    if (!entry || this._state.kind !== 'ready') {
      return;
    }
    if (!this._editors.loaded(path) && !this._reads.has(path)) {
      // Loaded after the last look at the folder, which skipped its saved text.
      void this.refresh();
      return;
    }
    this._problems.set(entry.path, this._check(entry));
    this._setReady();
    this._problems.publish(this._entries, this._otherFiles, this._state);
  }

  private _onOpened(_: unknown, path: string): void {
    const relative = relativeTo(this._folder, path);
    if (relative === null || this._editors.has(path)) {
      return;
    }
    if (this._entries.some(e => e.serverPath === path)) {
      this._editors.follow(path);
    } else if (
      isConfigFileName(relative.slice(relative.lastIndexOf('/') + 1))
    ) {
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
  private readonly _editors: FollowedEditors;
  private readonly _watch: FolderWatch;
  private readonly _catalogue: readonly IEnvironmentFileInfo[];
  private readonly _folderSource: EnvironmentFolder;
  private readonly _checks: CheckSettings;
  /** The folder this model shows, which the source's changes replace. */
  private _folder: string;
  private _generation = 0;
  private _disposed = false;
  private readonly _refresh = new Coalesced(
    () => this._load(),
    () => this._disposed
  );
  private _state: EnvFolderState;
  private _stateKey = '';
  private _entries: IEnvFileEntry[] = [];
  private _otherFiles: IEnvFileEntry[] = [];
  private readonly _reads: SavedReads;
  private readonly _problems: FolderProblems;
  private _activity: IEnvFilesActivity = { busy: false, notice: null };
  private _stateChanged = new Signal<this, EnvFolderState>(this);
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
    /** The server's settings (the handshake), for the file-size limit; defaults without. */
    settings?: ISettingsSource | null;
    /** How often to look for outside changes while shown (ms). */
    pollInterval?: number;
    /** How long typing must pause before the text is checked (ms). */
    validationDelay?: number;
  }
}
