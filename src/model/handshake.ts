import { ISignal, Signal } from '@lumino/signaling';

import { EnvBuilderRequestError } from '../api/request';
import { IHandshake } from '../api/types';
import { defaultServerSettings, IServerSettings } from '../contract';

/** What the panel knows about the server extension and the hub. */
export type HandshakeState =
  | { kind: 'loading' }
  | { kind: 'ready'; handshake: IHandshake }
  | { kind: 'missing-extension'; message: string }
  | { kind: 'version-mismatch'; handshake: IHandshake }
  | { kind: 'error'; message: string; status: number };

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
    try {
      const handshake = await this._fetch(this.frontendVersion);
      if (handshake.version !== this.frontendVersion) {
        this._setState({ kind: 'version-mismatch', handshake });
      } else {
        this._setState({ kind: 'ready', handshake });
      }
    } catch (error) {
      if (error instanceof EnvBuilderRequestError && error.isMissingExtension) {
        this._setState({ kind: 'missing-extension', message: error.message });
      } else if (error instanceof EnvBuilderRequestError) {
        this._setState({
          kind: 'error',
          message: error.message,
          status: error.status
        });
      } else {
        this._setState({ kind: 'error', message: String(error), status: 0 });
      }
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
