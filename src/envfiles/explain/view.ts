/**
 * The folder as a buildpack sees it: lookups in the configuration folder and
 * the parsed runtime.txt.
 */
import { ConfigFileName } from '../names';
import { IRuntimeParse, parseRuntime } from '../runtime';
import { IConfigEntry, ILayout } from './layout';
import { ConfigFolder } from './types';

/**
 * Files repo2docker only reads at the top level, and only when there is no
 * binder folder (DESCRIPTION in r.py, setup.py and pyproject.toml in
 * python/__init__.py).
 */
export const TOP_LEVEL_ONLY: readonly ConfigFileName[] = [
  'DESCRIPTION',
  'setup.py',
  'pyproject.toml'
];

/** runtime.txt as read: absent, present but contents not given, or parsed. */
export type RuntimeState =
  | { kind: 'absent' }
  | { kind: 'unread'; path: string }
  | { kind: 'parsed'; path: string; parse: IRuntimeParse };

export class FolderView {
  constructor(
    readonly layout: ILayout,
    private readonly _contents: Readonly<Record<string, string>>
  ) {
    this.folder = layout.folder ?? '';
    const path = this.pathOf('runtime.txt');
    if (path === null) {
      this.runtime = { kind: 'absent' };
    } else if (_contents[path] === undefined) {
      this.runtime = { kind: 'unread', path };
    } else {
      this.runtime = {
        kind: 'parsed',
        path,
        parse: parseRuntime(_contents[path])
      };
    }
  }

  /** The folder repo2docker reads ('' when it cannot decide; callers check the layout). */
  readonly folder: ConfigFolder;
  readonly runtime: RuntimeState;

  /** Path of a file repo2docker would find under this exact name, else null. */
  pathOf(name: ConfigFileName): string | null {
    const wanted = TOP_LEVEL_ONLY.includes(name)
      ? this.folder === ''
        ? 'root'
        : null
      : this.folder === ''
        ? 'root'
        : this.folder;
    const entry = this.layout.entries.find(
      (e: IConfigEntry) =>
        e.exactName && e.name === name && e.location === wanted
    );
    return entry?.path ?? null;
  }

  has(name: ConfigFileName): boolean {
    return this.pathOf(name) !== null;
  }

  /** The text of a file repo2docker would read, when the caller gave it. */
  textOf(name: ConfigFileName): string | null {
    const path = this.pathOf(name);
    return path === null ? null : (this._contents[path] ?? null);
  }

  /** The runtime name (`python`, `r`, ...) when runtime.txt was read successfully. */
  get runtimeName(): string | null {
    return this.runtime.kind === 'parsed'
      ? (this.runtime.parse.spec?.name ?? null)
      : null;
  }

  /** runtime.txt is there and repo2docker would refuse it. */
  get runtimeInvalid(): boolean {
    return this.runtime.kind === 'parsed' && this.runtime.parse.spec === null;
  }
}
