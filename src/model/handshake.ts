import { ISignal, Signal } from '@lumino/signaling';

import { EnvBuilderRequestError } from '../api/request';
import { IHandshake } from '../api/types';
import { defaultServerSettings, IServerSettings } from '../contract';
import type { IHandshakeFailure } from './handshakeFailure';

/** What the panel knows about the server extension and the hub. */
export type HandshakeState =
  | { kind: 'loading' }
  | { kind: 'ready'; handshake: IHandshake }
  | { kind: 'missing-extension'; message: string }
  | { kind: 'version-mismatch'; handshake: IHandshake }
  | { kind: 'error'; failure: IHandshakeFailure };

/** Fetches the handshake; the one request the model makes, injected so tests use their own. */
export type HandshakeFetcher = (frontendVersion: string) => Promise<IHandshake>;

const DEFAULTS = defaultServerSettings();

/**
 * Whether the hub's snapshot store keeps builds from starting: snapshots go to it once it
 * is configured, so while it does not answer no build can fetch them (`lost` says `build`).
 */
export function storeBlocksBuild(handshake: IHandshake): boolean {
  const store = handshake.capabilities.snapshotStore;
  return !!store && !store.available && (store.lost ?? []).includes('build');
}

/** Whether a build can start now: the build service answers, and the store if it is needed. */
export function canBuild(handshake: IHandshake): boolean {
  return handshake.capabilities.build.available && !storeBlocksBuild(handshake);
}

/**
 * Whether this is a Binder session with no build service: its image was built from the
 * repository it was launched from, and nothing here can build another.
 */
export function binderWithoutBuild(handshake: IHandshake | null): boolean {
  return handshake?.capabilities.build.code === 'binderSession';
}

/** How often the handshake is asked again while the panel is in view. */
export const RECHECK_INTERVAL = 2 * 60 * 1000;
/** How often while the build service or the snapshot store does not answer: its return is seen soon. */
export const RECHECK_SOON = 10 * 1000;

/**
 * When to ask again after this answer: soon while a service that is set up does not answer
 * (it may be restarting), else at the usual interval.
 */
export function recheckInterval(handshake: IHandshake): number {
  const { build, snapshotStore } = handshake.capabilities;
  const down =
    build.code === 'unreachable' || snapshotStore?.code === 'unreachable';
  return down ? RECHECK_SOON : RECHECK_INTERVAL;
}

/**
 * State of the handshake with the server extension; emits `changed` on every new state.
 */
export class HandshakeModel {
  constructor(
    private readonly _fetch: HandshakeFetcher,
    readonly frontendVersion: string
  ) {}

  get state(): HandshakeState {
    return this._state;
  }

  get changed(): ISignal<this, HandshakeState> {
    return this._changed;
  }

  /** The handshake when it succeeded and versions match, else null. */
  get handshake(): IHandshake | null {
    return this._state.kind === 'ready' ? this._state.handshake : null;
  }

  /** The server's settings (limits, scopes, names): the handshake's, or the defaults before it. */
  get settings(): IServerSettings {
    return this.handshake?.settings ?? DEFAULTS;
  }

  /**
   * Ask the server extension again; concurrent calls share one request. A `quiet` check
   * (the periodic one, or after a failed build) keeps showing the last answer until the
   * new one is there, so nothing flickers.
   */
  refresh(options: { quiet?: boolean } = {}): Promise<void> {
    if (!this._pending) {
      if (!options.quiet || this._state.kind === 'loading') {
        this._setState({ kind: 'loading' });
      }
      this._pending = this._load().finally(() => {
        this._pending = null;
      });
    }
    return this._pending;
  }

  private async _load(): Promise<void> {
    let answer: unknown;
    try {
      answer = await this._fetch(this.frontendVersion);
    } catch (error) {
      if (error instanceof EnvBuilderRequestError && error.isMissingExtension) {
        this._setState({ kind: 'missing-extension', message: error.message });
      } else {
        // Only needed when something went wrong: not part of the startup bundle.
        const { failureOf } = await import('./handshakeFailure');
        this._setState({ kind: 'error', failure: failureOf(error) });
      }
      return;
    }
    const handshake = answer as IHandshake;
    if (typeof handshake !== 'object' || !handshake?.capabilities) {
      // A login or proxy page that came back with 200 instead of the handshake.
      const { notAHandshake } = await import('./handshakeFailure');
      this._setState({ kind: 'error', failure: notAHandshake(answer)! });
    } else if (handshake.version !== this.frontendVersion) {
      this._setState({ kind: 'version-mismatch', handshake });
    } else {
      this._setState({ kind: 'ready', handshake });
    }
  }

  private _setState(state: HandshakeState): void {
    this._state = state;
    this._changed.emit(state);
  }

  private _state: HandshakeState = { kind: 'loading' };
  private _pending: Promise<void> | null = null;
  private _changed = new Signal<this, HandshakeState>(this);
}
