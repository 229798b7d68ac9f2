/**
 * Pinning: the exact versions this server runs, proposed as diffs of the environment files
 * and written only when the user accepts; and the drift, packages installed by hand since the
 * server started. No React and no JupyterLab here; the requests are injected.
 */
import { ISignal, Signal } from '@lumino/signaling';

import type { IPinProposal, PinsApi } from '../api/pins';
import { EnvBuilderRequestError } from '../api/request';
import { EnvironmentFolder } from './folder';

export type PinsState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; proposal: IPinProposal }
  /** `reason` is the server's code (`fileChanged`, …) or `unreachable`. */
  | { kind: 'error'; reason: string; file?: string };

export class PinsModel {
  constructor(
    private readonly _api: PinsApi,
    private readonly _folder: EnvironmentFolder
  ) {}

  get state(): PinsState {
    return this._state;
  }

  /** Packages of the drift the user chose to add to the files. */
  get added(): readonly string[] {
    return this._added;
  }

  /** The files the last accept wrote; cleared by the next proposal. */
  get written(): readonly string[] {
    return this._written;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Ask what pinning would write now. */
  async propose(): Promise<void> {
    const run = ++this._run;
    this._set({ kind: 'loading' });
    try {
      const proposal = await this._api.propose(this._folder.path, this._added);
      if (run === this._run) {
        this._written = [];
        this._set({ kind: 'ready', proposal });
      }
    } catch (error) {
      if (run === this._run) {
        this._set(errorState(error));
      }
    }
  }

  /** Add a package of the drift to the files: a new proposal that has it. */
  async add(name: string): Promise<void> {
    if (!this._added.includes(name)) {
      this._added = [...this._added, name];
    }
    await this.propose();
  }

  /** Write what was proposed; a file changed since is not overwritten (a new proposal comes). */
  async accept(): Promise<void> {
    const state = this._state;
    if (state.kind !== 'ready' || state.proposal.changes.length === 0) {
      return;
    }
    const run = ++this._run;
    this._set({ kind: 'loading' });
    try {
      const written = await this._api.write(
        this._folder.path,
        state.proposal.changes
      );
      if (run !== this._run) {
        return;
      }
      this._added = [];
      await this.propose();
      this._written = written;
      this._changed.emit();
    } catch (error) {
      if (run === this._run) {
        this._set(errorState(error));
      }
    }
  }

  private _set(state: PinsState): void {
    this._state = state;
    this._changed.emit();
  }

  private _state: PinsState = { kind: 'idle' };
  private _added: string[] = [];
  private _written: string[] = [];
  private _run = 0;
  private readonly _changed = new Signal<this, void>(this);
}

function errorState(error: unknown): PinsState {
  if (error instanceof EnvBuilderRequestError) {
    const body = (error.body ?? {}) as { reason?: unknown; file?: unknown };
    return {
      kind: 'error',
      reason:
        typeof body.reason === 'string'
          ? body.reason
          : error.status === 0
            ? 'unreachable'
            : `http-${error.status}`,
      file: typeof body.file === 'string' ? body.file : undefined
    };
  }
  return { kind: 'error', reason: 'unreachable' };
}
