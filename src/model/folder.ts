import { ISignal, Signal } from '@lumino/signaling';

import { DEFAULT_FOLDER } from '../contract';

/** The folder a new installation reads its environment from. */
export const DEFAULT_ENVIRONMENT_FOLDER = DEFAULT_FOLDER;

/** `environment`, `/repos/x/binder/` → `repos/x/binder`; '' is the server root. */
export function normalizeFolder(folder: string): string {
  return folder
    .trim()
    .replace(/\\/g, '/')
    .split('/')
    .filter(part => part !== '' && part !== '.')
    .join('/');
}

/**
 * The folder as a build may publish it, or null: everything in it is copied into the
 * image, so it must be a subfolder of the server root, never the root itself nor a way
 * out of it. The server refuses the same (`jupyterlab_envbuilder/boundary.py`); both are
 * tested against one table of cases.
 */
export function publishableFolder(folder: string): string | null {
  const normalized = normalizeFolder(folder);
  if (
    folder.includes('\0') ||
    normalized === '' ||
    normalized.split('/').includes('..')
  ) {
    return null;
  }
  return normalized;
}

/**
 * The environment folder, relative to the server root: the one source every part reads
 * (files, build, environment history), so they never disagree about which folder is meant.
 * The `environmentFolder` setting feeds it; `changed` fires only when the normalised path
 * changes.
 */
export class EnvironmentFolder {
  constructor(path: string = DEFAULT_ENVIRONMENT_FOLDER) {
    this._path = normalizeFolder(path);
  }

  /** Normalised: no leading, trailing or doubled slashes, no `.` parts. */
  get path(): string {
    return this._path;
  }

  get changed(): ISignal<this, string> {
    return this._changed;
  }

  /** Point at another folder, as the user wrote it. */
  set(path: string): void {
    const normalized = normalizeFolder(path);
    if (normalized !== this._path) {
      this._path = normalized;
      this._changed.emit(normalized);
    }
  }

  private _path: string;
  private _changed = new Signal<this, string>(this);
}
