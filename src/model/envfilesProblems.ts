/**
 * The folder's problems, kept file by file as each file is checked and published as
 * one list: files in listing order, settled against what repo2docker will use, plus
 * the other files over the size limit. Pure: no model, no JupyterLab.
 */
import { ISignal, Signal } from '@lumino/signaling';

import type { IProblem } from '../envfiles';
import { settleProblems } from '../envfiles/settle';
import { EnvFolderState, ICheckOptions, sizeProblems } from './envfilesCheck';
import { IEnvFileEntry } from './envfilesDisk';

export class FolderProblems {
  constructor(options: () => ICheckOptions) {
    this._options = options;
  }

  /** Emitted with the new list when a publish changed it. */
  get changed(): ISignal<this, readonly IProblem[]> {
    return this._changed;
  }

  /** The list as last published. */
  get list(): readonly IProblem[] {
    return this._list;
  }

  /** The problems of one file (relative path), replacing what it had. */
  set(path: string, problems: IProblem[]): void {
    this._byFile.set(path, problems);
  }

  clear(): void {
    this._byFile.clear();
  }

  /** Build the list again; `changed` tells when it differs from the last one. */
  publish(
    files: readonly IEnvFileEntry[],
    others: readonly IEnvFileEntry[],
    state: EnvFolderState
  ): void {
    const found = files.flatMap(e => this._byFile.get(e.path) ?? []);
    const list =
      state.kind === 'ready'
        ? [
            ...settleProblems(found, state.explanation),
            ...sizeProblems(others, this._options())
          ]
        : found;
    const key = JSON.stringify(list);
    if (key !== this._key) {
      this._key = key;
      this._list = list;
      this._changed.emit(list);
    }
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private readonly _options: () => ICheckOptions;
  private readonly _byFile = new Map<string, IProblem[]>();
  private _list: IProblem[] = [];
  private _key = '[]';
  private readonly _changed = new Signal<this, readonly IProblem[]>(this);
}
