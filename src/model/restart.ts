import { ISignal, Signal } from '@lumino/signaling';

import { HubApi } from '../api/hub';
import { RESTART_SCOPES } from '../contract';
import { imageOptions } from '../links';
import { noTranslation, Translate } from '../translate';

/** Where a restart is; `failed` always carries a message that says what to do. */
export type RestartState =
  | { phase: 'idle' }
  | { phase: 'saving'; image: string; documents: string[] }
  | { phase: 'stopping'; image: string; waitedMs: number }
  | { phase: 'starting'; image: string; url: string }
  | { phase: 'cancelled'; image: string }
  | { phase: 'failed'; image: string; message: string; detail?: string };

/** The open documents, as the restart sees them. */
export interface IDocumentsAccess {
  /** Paths of documents with unsaved changes. */
  dirty(): string[];
  /** Save every document with unsaved changes. */
  saveAll(): Promise<void>;
}

/** A running kernel, with the notebook or console it serves when it has one. */
export interface IRunningKernel {
  /** The kernel's display name, such as "Python 3 (ipykernel)". */
  name: string;
  path: string | null;
}

/** What is running on the server besides the documents. */
export interface IRunningWork {
  kernels: IRunningKernel[];
  terminals: string[];
}

/** Kernels and terminals, asked fresh from the server. */
export type RunningLister = () => Promise<IRunningWork>;

/** Everything a restart ends; the user is asked before any of it is stopped. */
export interface IRestartLosses extends IRunningWork {
  /** Documents with unsaved changes: they are saved first. */
  dirty: string[];
  /** Kernels and terminals could not be listed: any that run will stop too. */
  unknownRunning: boolean;
}

/** What the rollback page of the hub needs to offer the previous environment. */
export interface IRollbackInfo {
  previousImage: string | null;
  previousSpawnUrl: string | null;
  newImage: string;
}

export interface IRestartOptions {
  hub: HubApi;
  hubVersion: string;
  /** Admin template of the spawn options, with an `{image}` placeholder. */
  optionsTemplate: string;
  /** The image this server runs now (the last-known-good one). */
  currentImage: string | null;
  documents: IDocumentsAccess;
  /** Kernels and terminals the restart would end. */
  running: RunningLister;
  /**
   * Keep the Lab from reporting the server as lost while it is down on
   * purpose; returns what undoes it, called when the restart stops short.
   */
  quietConnectionLost?: () => () => void;
  /** The Lab path to come back to, e.g. `/user/alice/work/lab/tree/a.ipynb`. */
  currentLabPath: () => string;
  /** Record the current image as last-known-good before anything stops. */
  recordLastKnownGood: (image: string | null) => Promise<void>;
  /** Leave for the hub's spawn page. */
  navigate: (url: string) => void;
  /** Keep what the hub's failure page needs for a one-click rollback. */
  rememberRollback?: (info: IRollbackInfo) => void;
  trans?: Translate;
  sleep?: (ms: number) => Promise<void>;
  /** Give up waiting for the stop after this long. */
  stopTimeoutMs?: number;
}

// Start checking soon (a local stop takes about a second), then back off.
const POLL_MS = 250;
const MAX_POLL_MS = 2000;
const RATE_LIMIT_MS = 5000;

/**
 * Moves this named server onto another image: save, record, stop, wait, spawn.
 *
 * The browser drives it because the server cannot restart itself: stopping it revokes its
 * token. Nothing here touches the home folder.
 */
export class RestartModel {
  constructor(private readonly _options: IRestartOptions) {
    this._trans = _options.trans ?? noTranslation;
  }

  get state(): RestartState {
    return this._state;
  }

  get changed(): ISignal<this, RestartState> {
    return this._changed;
  }

  get busy(): boolean {
    return ['saving', 'stopping', 'starting'].includes(this._state.phase);
  }

  /**
   * Restart onto `image`. `confirm` is asked first when the restart would end anything
   * (unsaved documents, kernels, terminals); answering false cancels before anything is
   * saved or stopped.
   */
  async restart(
    image: string,
    confirm: (losses: IRestartLosses) => Promise<boolean>
  ): Promise<RestartState> {
    if (this.busy) {
      return this._state;
    }
    const o = this._options;
    const trans = this._trans;
    const options = imageOptions(
      { image, optionsTemplate: o.optionsTemplate, hubVersion: o.hubVersion },
      trans
    );
    if (!options.ok) {
      return this._fail(
        image,
        trans(
          'The spawn options for this hub could not be formed: %1',
          options.errors.map(e => e.message).join(' ')
        )
      );
    }

    const losses = await this._losses();
    const dirty = losses.dirty;
    const endsWork =
      dirty.length > 0 ||
      losses.kernels.length > 0 ||
      losses.terminals.length > 0 ||
      losses.unknownRunning;
    if (endsWork && !(await confirm(losses))) {
      return this._set({ phase: 'cancelled', image });
    }
    if (dirty.length > 0) {
      this._set({ phase: 'saving', image, documents: dirty });
      try {
        await o.documents.saveAll();
      } catch (error) {
        return this._fail(
          image,
          trans(
            'Saving your documents failed, so the server was not stopped. Save them by hand and try again.'
          ),
          String(error)
        );
      }
      const still = o.documents.dirty();
      if (still.length > 0) {
        return this._fail(
          image,
          trans(
            'These documents still have unsaved changes, so the server was not stopped: %1',
            still.join(', ')
          )
        );
      }
    }

    try {
      await o.recordLastKnownGood(o.currentImage);
    } catch (error) {
      return this._fail(
        image,
        trans(
          'The current environment could not be recorded in the history, so the server was not stopped.'
        ),
        String(error)
      );
    }

    const restore = o.quietConnectionLost?.();
    const stopped = await this._stop(image);
    if (!stopped) {
      restore?.();
      return this._state;
    }

    const previousSpawnUrl =
      o.currentImage === null
        ? null
        : this._spawnUrlFor(o.currentImage, o.currentLabPath());
    const url = o.hub.spawnUrl(options.value, o.currentLabPath());
    o.rememberRollback?.({
      previousImage: o.currentImage,
      previousSpawnUrl,
      newImage: image
    });
    this._set({ phase: 'starting', image, url });
    o.navigate(url);
    return this._state;
  }

  private async _losses(): Promise<IRestartLosses> {
    const dirty = this._options.documents.dirty();
    try {
      const running = await this._options.running();
      return { dirty, ...running, unknownRunning: false };
    } catch {
      return { dirty, kernels: [], terminals: [], unknownRunning: true };
    }
  }

  /** Stop and wait until the hub says stopped (or revokes our token, which means the same). */
  private async _stop(image: string): Promise<boolean> {
    const o = this._options;
    const trans = this._trans;
    const sleep =
      o.sleep ?? ((ms: number) => new Promise(r => setTimeout(r, ms)));
    const timeout = o.stopTimeoutMs ?? 180 * 1000;
    let waited = 0;
    let delay = POLL_MS;
    let accepted = false;
    let networkErrors = 0;
    this._set({ phase: 'stopping', image, waitedMs: 0 });
    for (;;) {
      const answer = await o.hub.stopServer();
      if (answer.status === 204) {
        return true;
      }
      if (answer.status === 403 && accepted) {
        // The stop completed and revoked this page's token.
        return true;
      }
      if (answer.status === 202) {
        accepted = true;
      } else if (answer.status === 403) {
        return this._failed(
          image,
          trans(
            'The hub does not let this page stop its server (HTTP 403). Ask your hub administrator to set c.Spawner.oauth_client_allowed_scopes = %1. Nothing was changed.',
            JSON.stringify(RESTART_SCOPES)
          ),
          answer.message
        );
      } else if (answer.status === 429) {
        delay = RATE_LIMIT_MS;
      } else if (answer.status === 0) {
        networkErrors += 1;
        if (networkErrors > 5) {
          return this._failed(
            image,
            trans(
              'The hub cannot be reached. If the server was stopped, start it again from the hub home page.'
            ),
            answer.message
          );
        }
      } else {
        return this._failed(
          image,
          trans(
            'The hub refused to stop the server (HTTP %1): %2',
            answer.status,
            answer.message
          ),
          answer.message
        );
      }
      if (waited >= timeout) {
        return this._failed(
          image,
          trans(
            'The server has not stopped after %1 seconds. It may still be stopping: wait, then start it from the hub home page.',
            Math.round(waited / 1000)
          )
        );
      }
      await sleep(delay);
      waited += delay;
      delay = Math.min(delay * 2, MAX_POLL_MS);
      this._set({ phase: 'stopping', image, waitedMs: waited });
    }
  }

  private _spawnUrlFor(image: string, next: string): string | null {
    const o = this._options;
    const options = imageOptions({
      image,
      optionsTemplate: o.optionsTemplate,
      hubVersion: o.hubVersion
    });
    return options.ok ? o.hub.spawnUrl(options.value, next) : null;
  }

  private _failed(image: string, message: string, detail?: string): false {
    this._fail(image, message, detail);
    return false;
  }

  private _fail(image: string, message: string, detail?: string): RestartState {
    return this._set({ phase: 'failed', image, message, detail });
  }

  private _set(state: RestartState): RestartState {
    this._state = state;
    this._changed.emit(state);
    return state;
  }

  private _trans: Translate;
  private _state: RestartState = { phase: 'idle' };
  private _changed = new Signal<this, RestartState>(this);
}
