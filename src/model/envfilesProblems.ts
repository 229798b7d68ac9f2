/**
 * The folder's problems, kept file by file as each file is checked and published as
 * one list: files in listing order, settled against what repo2docker will use, plus
 * the other files over the size limit. Pure: no model, no JupyterLab.
 */
import { IProblem, settleProblems } from '../envfiles';
import { Translate } from '../translate';
import { EnvFolderState, sizeProblems } from './envfilesCheck';
import { IEnvFileEntry } from './envfilesDisk';

export class FolderProblems {
  constructor(trans: Translate) {
    this.__ = trans;
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

  /** Build the list again; returns it when it differs from the last one, else null. */
  publish(
    files: readonly IEnvFileEntry[],
    others: readonly IEnvFileEntry[],
    state: EnvFolderState
  ): readonly IProblem[] | null {
    const found = files.flatMap(e => this._byFile.get(e.path) ?? []);
    const list =
      state.kind === 'ready'
        ? [
            ...settleProblems(found, state.explanation),
            ...sizeProblems(others, this.__)
          ]
        : found;
    const key = JSON.stringify(list);
    if (key === this._key) {
      return null;
    }
    this._key = key;
    this._list = list;
    return list;
  }

  private readonly __: Translate;
  private readonly _byFile = new Map<string, IProblem[]>();
  private _list: IProblem[] = [];
  private _key = '[]';
}
