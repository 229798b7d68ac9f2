import { ISignal, Signal } from '@lumino/signaling';

import type { RecordPage } from '../api/build';
import { IBuildRecord } from '../api/types';
import { IBuildEvent } from '../buildlog/events';
import { FailureExplainer, IFailureExplanation } from '../buildlog/failures';
import { BuildLog } from '../buildlog/log';
import { noTranslation, Translate } from '../translate';
import {
  afterEvent,
  BUSY_STAGES,
  DirtySaver,
  historyBuildState,
  IBuildState,
  IDLE,
  messagesOf,
  parseTime,
  withRecord
} from './buildState';
import { StreamItem, streamItems } from './buildStream';
import { ShownRecord } from './buildShown';
import { endedBefore, IStartApi, startSpec, startSteps } from './buildStart';
import {
  blockedReason,
  failureMessage,
  unreachableFailure
} from './buildTexts';
import { EnvironmentFolder } from './folder';
import { BuildHistoryModel } from './history';
import { IBuildPrecheck } from './precheck';
import { SendConfirmer } from './sendFiles';

/** The stream is asked again this often when the server answers 5xx, then given up. */
const MAX_RETRIES = 5;

/**
 * The Build section's state: one build at a time, its log, and the build history.
 * No React and no JupyterLab here; requests are injected so tests can drive it.
 */
export class BuildModel {
  constructor(options: BuildModel.IOptions) {
    this._api = options.api;
    this.history = options.history;
    this._saveDirty = options.saveDirty ?? null;
    this._confirmSend = options.confirmSend ?? null;
    this._precheck = options.precheck ?? null;
    this._folder = options.folder ?? new EnvironmentFolder();
    this._now = options.now ?? Date.now;
    this.__ = options.trans ?? noTranslation;
    this._explainer = new FailureExplainer(this.__);
    this._shown = new ShownRecord((id, page) =>
      this._api.fetchRecord(id, page)
    );
    this._precheck?.problemsChanged?.connect(this._onProblems, this);
  }

  get state(): IBuildState {
    return this._state;
  }

  /** Emitted on every change of `state`. */
  get stateChanged(): ISignal<this, IBuildState> {
    return this._stateChanged;
  }

  /** The log of the build in `state`. */
  get log(): BuildLog {
    return this._log;
  }

  /** The build history, shared with the other views that show it. */
  readonly history: BuildHistoryModel;

  /** Why Build is off right now, or null when it can start. */
  get blockedReason(): string | null {
    const problems = this._precheck?.problems ?? [];
    return blockedReason(this._state.stage, this.busy, problems, this.__);
  }

  /** Checking, saving, committing or watching. */
  get busy(): boolean {
    return BUSY_STAGES.includes(this._state.stage);
  }

  /** Why the last build failed, in plain words, when it is a common failure. */
  get explanation(): IFailureExplanation | null {
    if (this._state.stage !== 'failed') {
      return null;
    }
    return this._explainer.explain(this._log, this._state.failure);
  }

  /**
   * Check, save and commit the environment folder, then build it and follow the build.
   * Resolves when the build has ended (or stopped being watched).
   */
  async build(): Promise<void> {
    if (this.busy) {
      return;
    }
    const run = ++this._run;
    const folder = this._folder.path;
    this._log.clear();
    this._setState({ ...IDLE, stage: 'checking', startedAt: this._now() });
    const started = await startSteps({
      api: this._api,
      precheck: this._precheck,
      saveDirty: this._saveDirty,
      confirmSend: this._confirmSend,
      folder,
      current: () => run === this._run,
      onStage: (stage, saved) =>
        this._setState({ ...this._state, stage, ...(saved ? { saved } : {}) }),
      trans: this.__
    });
    if (started.kind === 'failed') {
      this._fail(started.failure);
    }
    if (started.kind !== 'started') {
      const ended = endedBefore(this._state, started, this._now());
      return ended ? this._setState(ended) : undefined;
    }
    const { snapshot } = started;
    this._setState({
      ...this._state,
      stage: 'watching',
      spec: snapshot.spec,
      sha: snapshot.sha
    });
    await this._follow(run);
    void this.refreshHistory();
  }

  /**
   * Build an environment from a source, a BinderHub spec such as `gh/org/repo/HEAD`, with
   * the same log, history and restart as a folder build (no files to check or commit).
   */
  async buildSpec(spec: string): Promise<void> {
    if (this.busy) {
      return;
    }
    const run = ++this._run;
    this._log.clear();
    this._setState({ ...IDLE, stage: 'watching', startedAt: this._now() });
    const failure = await startSpec(this._api, spec, this.__);
    if (run !== this._run) {
      return;
    }
    if (failure) {
      return this._fail(failure);
    }
    this._setState({ ...this._state, spec });
    await this._follow(run);
    void this.refreshHistory();
  }

  /**
   * Stop following the stream. The build service goes on building: neither BinderHub nor
   * the local build service can cancel a build, so nothing here offers to.
   */
  stopWatching(): void {
    if (this._state.stage !== 'watching') {
      return;
    }
    this._run++;
    this._closeStream();
    this._setState({ ...this._state, stage: 'stopped' });
    void this.refreshHistory();
  }

  /** Follow the build that was stopped being watched again (the gateway replays it). */
  async watchAgain(): Promise<void> {
    const { stage, spec } = this._state;
    if (stage !== 'stopped' || !spec) {
      return;
    }
    const run = ++this._run;
    this._log.clear();
    this._setState({ ...this._state, stage: 'watching', reattached: true });
    await this._follow(run);
    void this.refreshHistory();
  }

  /**
   * On start: follow the build that is running (the gateway replays its record from the
   * start), or show the last build of the history. Resolves true when one was found.
   */
  async resume(): Promise<boolean> {
    if (this._state.stage !== 'idle') {
      return false;
    }
    await this.history.load();
    if (this._state.stage !== 'idle') {
      return false;
    }
    const running = this.history.builds.find(b => b.result === 'running');
    if (running) {
      const run = ++this._run;
      this._log.clear();
      this._setState({
        ...IDLE,
        stage: 'watching',
        spec: running.spec,
        sha: running.ref,
        startedAt: parseTime(running.startedAt) ?? this._now(),
        reattached: true
      });
      await this._follow(run);
      void this.refreshHistory();
      return true;
    }
    const last = this.history.builds[0];
    const shown = last ? historyBuildState(last) : null;
    if (!shown) {
      return false;
    }
    // Its log is read when shown, not at every start; named before the state tells.
    this._shown.show(last.id);
    this._setState(shown);
    if (this._shown.wanted) {
      await this._loadShownRecord();
    }
    return true;
  }

  /** The log is about to be seen: bring the last lines of the history build shown. */
  async showLog(): Promise<void> {
    this._shown.want();
    if (this._state.fromHistory) {
      await this._loadShownRecord();
    }
  }

  /** The history build shown after a reload (not a build followed here), or null. */
  get shownRecord(): string | null {
    return this._state.fromHistory ? this._shown.id : null;
  }

  /** Ask the server for the build history again (`shared`: one under way will do). */
  refreshHistory(options?: { shared?: boolean }): Promise<void> {
    return this.history.refresh(options);
  }

  /** A page of one build of the history. */
  record(id: string, page: RecordPage): Promise<IBuildRecord> {
    return this._api.fetchRecord(id, page);
  }

  dispose(): void {
    this._run++;
    this._closeStream();
    Signal.clearData(this);
  }

  /** The log of the history build shown after a reload, read from its record. */
  private async _loadShownRecord(): Promise<void> {
    const run = this._run;
    const events = await this._shown.read();
    if (!events || run !== this._run || !this._state.fromHistory) {
      return;
    }
    this._log.clear();
    this._log.appendAll(messagesOf(events, this.__));
    this._setState(withRecord(this._state, events, this.__));
  }

  private async _follow(run: number): Promise<void> {
    const spec = this._state.spec as string;
    const stream = this._api.openStream(spec);
    this._stream = stream;
    try {
      for await (const items of streamItems(stream.events, MAX_RETRIES)) {
        // One change notice for the log per slice, not one per event.
        if (run !== this._run || this._log.batch(() => this._onItems(items))) {
          break;
        }
      }
    } catch (error) {
      if (run === this._run) {
        this._fail({ phase: 'failed', error: 'cut', detail: String(error) });
      }
    } finally {
      stream.close();
      this._stream = this._stream === stream ? null : this._stream;
    }
    if (run === this._run && this._state.stage === 'watching') {
      this._fail({ phase: 'failed', error: 'cut' });
    }
  }

  /** Take the items of one slice of the stream; true when the build ended or gave up. */
  private _onItems(items: readonly StreamItem[]): boolean {
    for (const item of items) {
      if (item.kind === 'gave-up') {
        this._fail(unreachableFailure(item.event, MAX_RETRIES, this.__));
        return true;
      }
      if (item.kind === 'replay') {
        this._log.clear();
      } else if (this._onEvent(item.event, item.first)) {
        return true;
      } else if (item.first) {
        // The build has a record now: the history shows it running.
        void this.refreshHistory();
      }
    }
    return false;
  }

  /** Take one event; true when it ended the build. */
  private _onEvent(event: IBuildEvent, first: boolean): boolean {
    if (typeof event.message === 'string') {
      this._log.append(event.message);
    }
    const next = afterEvent(this._state, event, first, this._now);
    if (next?.failed) {
      this._fail(next.failed, false);
    } else if (next && next.state !== this._state) {
      this._setState(next.state);
    }
    return next?.ended ?? false;
  }

  /** End in failure; a message of ours goes to the log when the event brings none. */
  private _fail(event: IBuildEvent, logged = true): void {
    const message = failureMessage(event, this.__);
    const failure = { ...event, message };
    if (message !== event.message || logged) {
      this._log.append(message.endsWith('\n') ? message : message + '\n');
    }
    this._closeStream();
    this._setState({
      ...this._state,
      stage: 'failed',
      // The phase stays the step it failed at, for the log's phase bar.
      failure,
      finishedAt: this._now()
    });
  }

  private _closeStream(): void {
    this._stream?.close();
    this._stream = null;
  }

  private _onProblems(): void {
    this._stateChanged.emit(this._state);
  }

  private _setState(state: IBuildState): void {
    this._state = state;
    this._stateChanged.emit(state);
  }

  private readonly __: Translate;
  private readonly _api: BuildModel.IApi;
  private readonly _saveDirty: DirtySaver | null;
  private readonly _confirmSend: SendConfirmer | null;
  private readonly _now: () => number;
  private readonly _precheck: IBuildPrecheck | null;
  private readonly _folder: EnvironmentFolder;
  private _state: IBuildState = IDLE;
  private _log = new BuildLog();
  private _stream: { close(): void } | null = null;
  /** Grows with every build, stop and re-attach: older runs see it and step aside. */
  private _run = 0;
  private readonly _shown: ShownRecord;
  private readonly _explainer: FailureExplainer;
  private _stateChanged = new Signal<this, IBuildState>(this);
}

export namespace BuildModel {
  /** The requests the model makes. */
  export interface IApi extends IStartApi {
    /** Follow the build of `spec` that was started: it never starts one. */
    openStream(spec: string): {
      /** The events in order, a few at a time. */
      readonly events: AsyncIterable<readonly IBuildEvent[]>;
      close(): void;
    };
    /** A build of the history, all its events or a page of them. */
    fetchRecord(id: string, page?: RecordPage): Promise<IBuildRecord>;
  }

  export interface IOptions {
    api: IApi;
    /** The build history, shared with the other views. */
    history: BuildHistoryModel;
    /** Saves open environment files with unsaved changes before a build. */
    saveDirty?: DirtySaver | null;
    /** Shows the files a build would send before the first build of a folder (and new files). */
    confirmSend?: SendConfirmer | null;
    /** Checks the environment files before a build. */
    precheck?: IBuildPrecheck | null;
    /** The environment folder; `environment` when not given. */
    folder?: EnvironmentFolder;
    now?: () => number;
    trans?: Translate;
  }
}
