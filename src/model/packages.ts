/**
 * The package lists of environments, read once each and kept for every view that shows them:
 * an image's list (recorded at the first start on it) and what this server runs now. No React
 * and no JupyterLab here; the requests are injected.
 */
import { ISignal, Signal } from '@lumino/signaling';

import type { IPackages, PackagesApi } from '../api/packages';
import { refusalCode } from '../api/request';

export type PackagesState =
  | { kind: 'loading' }
  | { kind: 'ready'; packages: IPackages }
  /** `reason` is the server's code or `unreachable`. */
  | { kind: 'error'; reason: string };

/** What this server runs now, among the images: the key of its list. */
export const RUNNING = null;

export class PackagesModel {
  constructor(private readonly _api: PackagesApi) {}

  /** The list of `image` (`RUNNING`: this server now); undefined until asked for. */
  state(image: string | null): PackagesState | undefined {
    return this._states.get(image);
  }

  /** Emitted whenever a list arrives or is asked for again. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Read the list of `image`, unless it is read already. A recorded list never changes; what
   * runs now does (`pip install` in a terminal): `again` reads it anew.
   */
  async load(
    image: string | null,
    options?: { again?: boolean }
  ): Promise<void> {
    const known = this._states.get(image);
    if (known && known.kind !== 'error' && !options?.again) {
      return;
    }
    const run = (this._runs.get(image) ?? 0) + 1;
    this._runs.set(image, run);
    this._set(image, { kind: 'loading' });
    let state: PackagesState;
    try {
      const packages =
        image === RUNNING
          ? await this._api.running()
          : await this._api.ofImage(image);
      state = { kind: 'ready', packages };
    } catch (error) {
      state = { kind: 'error', reason: refusalCode(error) };
    }
    if (this._runs.get(image) === run) {
      this._set(image, state);
    }
  }

  private _set(image: string | null, state: PackagesState): void {
    this._states.set(image, state);
    this._changed.emit();
  }

  private readonly _states = new Map<string | null, PackagesState>();
  private readonly _runs = new Map<string | null, number>();
  private readonly _changed = new Signal<this, void>(this);
}
