import { ISignal, Signal } from '@lumino/signaling';

import { EnvBuilderRequestError } from '../api/request';
import { buildEnd, phaseOf, progressPhase } from '../buildlog/events';
import { explainFailure, IFailureExplanation } from '../buildlog/failures';
import { BuildLog } from '../buildlog/log';
import { IBuildEvent, IBuildRecord, ISnapshot } from '../api/types';
import { EnvironmentFolder } from './folder';
import { BuildHistoryModel } from './history';
import { IBuildPrecheck, IBuildProblem } from './precheck';
import { noTranslation, Translate } from '../translate';

/** Where the build of the panel is. */
export type BuildStage =
  /** Nothing built since the page loaded, and no build in the history. */
  | 'idle'
  /** Checking the environment files. */
  | 'checking'
  /** The check found errors: nothing was built. */
  | 'blocked'
  /** Saving open environment files with unsaved changes. */
  | 'saving'
  /** Committing the environment folder. */
  | 'snapshot'
  /** Following the build service's event stream. */
  | 'watching'
  /** The user stopped watching; the build goes on without us. */
  | 'stopped'
  | 'ready'
  | 'failed';

export interface IBuildState {
  stage: BuildStage;
  /** The build service's last phase that says how far it got (`waiting`, `building`, …). */
  phase: string | null;
  /** `<provider>/<spec>` of the build. */
  spec: string | null;
  /** The commit of the environment folder that is built. */
  sha: string | null;
  /** Milliseconds since the epoch. */
  startedAt: number | null;
  finishedAt: number | null;
  imageName: string | null;
  /** The build service built no image (the local build service without a container engine). */
  dryRun: boolean;
  /** The image was there already: `ready` came at once. */
  cacheHit: boolean;
  /** Following a build that was running when this page loaded. */
  reattached: boolean;
  /** A build of the history shown after a reload, not followed live. */
  fromHistory: boolean;
  /** The event that ended a failed build, or what kept it from starting. */
  failure: IBuildEvent | null;
  /** Errors of the environment files that blocked the build. */
  problems: readonly IBuildProblem[];
  /** Files saved before the build. */
  saved: readonly string[];
}

/** Saves open documents with unsaved changes under a folder; resolves with their paths. */
export type DirtySaver = (folder: string) => Promise<string[]>;

const IDLE: IBuildState = {
  stage: 'idle',
  phase: null,
  spec: null,
  sha: null,
  startedAt: null,
  finishedAt: null,
  imageName: null,
  dryRun: false,
  cacheHit: false,
  reattached: false,
  fromHistory: false,
  failure: null,
  problems: [],
  saved: []
};

/** The client tries again this often when the server answers 5xx, then gives up. */
const MAX_RETRIES = 5;

/** How a finished build of the history is shown after a reload. */
const FINISHED_RESULTS: Record<string, 'ready' | 'failed'> = {
  built: 'ready',
  'dry-run': 'ready',
  failed: 'failed',
  interrupted: 'failed'
};

/**
 * The Build section's state: one build at a time, its log, and the build history.
 * No React and no JupyterLab here; requests are injected so tests can drive it.
 */
export class BuildModel {
  constructor(options: BuildModel.IOptions) {
    this._api = options.api;
    this.history = options.history;
    this._saveDirty = options.saveDirty ?? null;
    this._precheck = options.precheck ?? null;
    this._folder = options.folder ?? new EnvironmentFolder();
    this._now = options.now ?? Date.now;
    this.__ = options.trans ?? noTranslation;
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
    const __ = this.__;
    if (this.busy) {
      return __('A build is under way.');
    }
    const errors = (this._precheck?.problems ?? []).filter(
      p => p.severity === 'error'
    );
    if (errors.length > 0) {
      const first = errors[0];
      const where = first.line
        ? __('%1, line %2', first.file, first.line)
        : first.file;
      return errors.length === 1
        ? __(
            'Fix the problem in the environment files first: %1: %2',
            where,
            first.message
          )
        : __(
            'Fix the %1 problems in the environment files first; the first: %2: %3',
            errors.length,
            where,
            first.message
          );
    }
    return null;
  }

  /** Checking, saving, committing or watching. */
  get busy(): boolean {
    return ['checking', 'saving', 'snapshot', 'watching'].includes(
      this._state.stage
    );
  }

  /** Why the last build failed, in plain words, when it is a common failure. */
  get explanation(): IFailureExplanation | null {
    if (this._state.stage !== 'failed') {
      return null;
    }
    const { failure } = this._state;
    if (
      this._explained?.version !== this._log.version ||
      this._explained.failure !== failure
    ) {
      this._explained = {
        version: this._log.version,
        failure,
        value: explainFailure(
          this._log.plainLines,
          this._state.failure,
          this.__
        )
      };
    }
    return this._explained.value;
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
    if (this._precheck) {
      let problems: readonly IBuildProblem[];
      try {
        problems = await this._precheck.validateAll();
      } catch (error) {
        problems = [];
        console.warn(
          'jupyterlab-envbuilder: the check before the build failed',
          error
        );
      }
      const errors = problems.filter(p => p.severity === 'error');
      if (run !== this._run) {
        return;
      }
      if (errors.length > 0) {
        this._setState({
          ...this._state,
          stage: 'blocked',
          problems: errors,
          finishedAt: this._now()
        });
        return;
      }
    }
    let saved: string[] = [];
    if (this._saveDirty) {
      this._setState({ ...this._state, stage: 'saving' });
      try {
        saved = await this._saveDirty(folder);
      } catch (error) {
        this._fail({
          phase: 'failed',
          error: 'save',
          message: this.__(
            'Saving the environment files failed: %1',
            String(error)
          )
        });
        return;
      }
    }
    if (run !== this._run) {
      return;
    }
    this._setState({ ...this._state, stage: 'snapshot', saved });
    let snapshot: ISnapshot;
    try {
      snapshot = await this._api.createSnapshot(folder);
    } catch (error) {
      if (run === this._run) {
        this._fail({
          phase: 'failed',
          error: 'snapshot',
          status_code:
            error instanceof EnvBuilderRequestError ? error.status : undefined,
          message: this.__(
            'The environment folder %1 could not be committed: %2',
            folder || '/',
            error instanceof Error ? error.message : String(error)
          )
        });
      }
      return;
    }
    if (run !== this._run) {
      return;
    }
    try {
      // Starting is a POST; the stream (a GET) only follows what was started.
      await this._api.startBuild(snapshot.spec);
    } catch (error) {
      if (run === this._run) {
        this._fail({
          phase: 'failed',
          error: 'start',
          status_code:
            error instanceof EnvBuilderRequestError ? error.status : undefined,
          message: this.__(
            'The build could not be started: %1',
            error instanceof Error ? error.message : String(error)
          )
        });
      }
      return;
    }
    if (run !== this._run) {
      return;
    }
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
    await this.refreshHistory();
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
    const stage = last ? FINISHED_RESULTS[last.result] : undefined;
    if (!last || !stage) {
      return false;
    }
    this._setState({
      ...IDLE,
      stage,
      spec: last.spec,
      sha: last.ref,
      startedAt: parseTime(last.startedAt),
      finishedAt: parseTime(last.finishedAt),
      imageName: stage === 'ready' ? last.imageName : null,
      dryRun: last.result === 'dry-run',
      fromHistory: true,
      failure:
        stage === 'failed'
          ? {
              phase: 'failed',
              error: last.result === 'interrupted' ? 'interrupted' : undefined,
              message: last.message ?? undefined
            }
          : null
    });
    this._shownRecord = last.id;
    await this._loadShownRecord();
    return true;
  }

  /** Ask the server for the build history again. */
  refreshHistory(): Promise<void> {
    return this.history.refresh();
  }

  /** One build of the history with its log. */
  async record(id: string): Promise<{ record: IBuildRecord; log: BuildLog }> {
    const record = await this._api.fetchRecord(id);
    const log = new BuildLog();
    log.appendAll(messagesOf(record.events.map(e => e.event)));
    return { record, log };
  }

  dispose(): void {
    this._run++;
    this._closeStream();
    Signal.clearData(this);
  }

  /** The log of the history build shown after a reload, read from its record. */
  private async _loadShownRecord(): Promise<void> {
    const id = this._shownRecord;
    if (!id) {
      return;
    }
    const run = this._run;
    let record: IBuildRecord;
    try {
      record = await this._api.fetchRecord(id);
    } catch (error) {
      console.warn(
        'jupyterlab-envbuilder: the last build log failed to load',
        error
      );
      return;
    }
    if (run !== this._run || !this._state.fromHistory) {
      return;
    }
    const events = record.events.map(e => e.event);
    this._log.appendAll(messagesOf(events));
    const failed = [...events].reverse().find(e => phaseOf(e) === 'failed');
    const dryRun = events.some(e => e.dryRun === true);
    this._setState({
      ...this._state,
      failure: this._state.failure && failed ? failed : this._state.failure,
      dryRun: this._state.dryRun || dryRun
    });
  }

  private async _follow(run: number): Promise<void> {
    const spec = this._state.spec as string;
    let retries = 0;
    let replaying = false;
    let seen = 0;
    const stream = this._api.openStream(spec);
    this._stream = stream;
    try {
      for await (const event of stream.events) {
        if (run !== this._run) {
          break;
        }
        if (event.error === 'retrying') {
          // The client connects again, and the gateway replays the build from the start.
          replaying = true;
          if (++retries > MAX_RETRIES * 2) {
            this._fail({
              phase: 'failed',
              error: 'unreachable',
              status_code: event.status_code,
              message: this.__(
                'This server did not answer (%1); gave up after %2 tries. The build may go on: build again to see it.',
                event.detail ?? '',
                MAX_RETRIES
              )
            });
            break;
          }
          continue;
        }
        if (replaying) {
          replaying = false;
          seen = 0;
          this._log.clear();
        }
        if (this._onEvent(event, seen++ === 0)) {
          break;
        }
        if (seen === 1) {
          // The build has a record now: the history shows it running.
          void this.refreshHistory();
        }
      }
    } catch (error) {
      if (run === this._run) {
        this._fail({ phase: 'failed', error: 'cut', detail: String(error) });
      }
    } finally {
      stream.close();
      if (this._stream === stream) {
        this._stream = null;
      }
    }
    if (run === this._run && this._state.stage === 'watching') {
      this._fail({ phase: 'failed', error: 'cut' });
    }
  }

  /** Take one event; true when it ended the build. */
  private _onEvent(event: IBuildEvent, first: boolean): boolean {
    if (typeof event.message === 'string') {
      this._log.append(event.message);
    }
    const phase = progressPhase(event);
    const dryRun = this._state.dryRun || event.dryRun === true;
    const end = buildEnd(event);
    if (end?.kind === 'ready') {
      this._setState({
        ...this._state,
        stage: 'ready',
        phase: 'ready',
        imageName: end.image,
        dryRun,
        cacheHit: first,
        finishedAt: this._now()
      });
      return true;
    }
    if (end?.kind === 'failed') {
      this._fail(end.event, false);
      return true;
    }
    if (phase !== this._state.phase || dryRun !== this._state.dryRun) {
      this._setState({
        ...this._state,
        phase: phase ?? this._state.phase,
        dryRun
      });
    }
    return false;
  }

  /** End in failure; a message of ours goes to the log when the event brings none. */
  private _fail(event: IBuildEvent, logged = true): void {
    let failure = event;
    if (typeof event.message !== 'string' || event.message.trim() === '') {
      failure = { ...event, message: this._failureText(event) + '\n' };
      this._log.append(failure.message as string);
    } else if (logged) {
      this._log.append(
        event.message.endsWith('\n') ? event.message : event.message + '\n'
      );
    }
    this._closeStream();
    this._setState({
      ...this._state,
      stage: 'failed',
      phase: 'failed',
      failure,
      finishedAt: this._now()
    });
  }

  private _failureText(event: IBuildEvent): string {
    const __ = this.__;
    switch (event.error) {
      case 'cut':
        return __(
          'The connection to this server broke off before the build finished. The build may go on: build again (or reload the page) to see it.'
        );
      case 'connect':
        return __(
          'This server refused to open the build stream (HTTP %1).',
          event.status_code ?? '?'
        );
      case 'no-image':
        return __(
          'The build service said the build is ready but named no image.'
        );
      default:
        return __(
          'The build failed; the build service gave no reason. The log above may show why.'
        );
    }
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
  private readonly _now: () => number;
  private readonly _precheck: IBuildPrecheck | null;
  private readonly _folder: EnvironmentFolder;
  private _state: IBuildState = IDLE;
  private _log = new BuildLog();
  private _stream: { close(): void } | null = null;
  /** Grows with every build, stop and re-attach: older runs see it and step aside. */
  private _run = 0;
  private _shownRecord: string | null = null;
  private _explained: {
    version: number;
    failure: IBuildEvent | null;
    value: IFailureExplanation | null;
  } | null = null;
  private _stateChanged = new Signal<this, IBuildState>(this);
}

export namespace BuildModel {
  /** The requests the model makes. */
  export interface IApi {
    createSnapshot(folder: string): Promise<ISnapshot>;
    /** Start the build of `spec` (or join the one running); its events come from `openStream`. */
    startBuild(spec: string): Promise<void>;
    /** Follow the build of `spec` that was started: it never starts one. */
    openStream(spec: string): {
      readonly events: AsyncIterable<IBuildEvent>;
      close(): void;
    };
    fetchRecord(id: string): Promise<IBuildRecord>;
  }

  export interface IOptions {
    api: IApi;
    /** The build history, shared with the other views. */
    history: BuildHistoryModel;
    /** Saves open environment files with unsaved changes before a build. */
    saveDirty?: DirtySaver | null;
    /** Checks the environment files before a build. */
    precheck?: IBuildPrecheck | null;
    /** The environment folder; `environment` when not given. */
    folder?: EnvironmentFolder;
    now?: () => number;
    trans?: Translate;
  }
}

function parseTime(time: string | null | undefined): number | null {
  const value = time ? Date.parse(time) : NaN;
  return Number.isNaN(value) ? null : value;
}

function* messagesOf(events: Iterable<IBuildEvent>): Iterable<string> {
  for (const event of events) {
    if (event && typeof event.message === 'string') {
      yield event.message;
    }
  }
}
