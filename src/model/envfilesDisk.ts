/**
 * The environment folder as JupyterLab's contents API shows it: listing, reading
 * saved files, and creating files without ever overwriting one.
 */
import { Contents } from '@jupyterlab/services';
import { ISignal } from '@lumino/signaling';

import { firstInvalidUtf8Byte } from '../envfiles/text';

/** The part of `app.serviceManager.contents` the Environment files section uses. */
export interface IEnvFilesContents {
  get(path: string, options?: Contents.IFetchOptions): Promise<Contents.IModel>;
  save(
    path: string,
    options?: Partial<Contents.IModel>
  ): Promise<Contents.IModel>;
  /** Changes made through this contents manager (this browser tab). */
  readonly fileChanged: ISignal<unknown, Contents.IChangedArgs>;
}

/** One file of the environment folder, as listed. */
export interface IEnvFileEntry {
  /** Relative to the environment folder: `requirements.txt`, `binder/apt.txt`. */
  path: string;
  /** Relative to the server root, for the contents API and the editor. */
  serverPath: string;
  /** Bytes on disk, when the server says. */
  size: number | null;
  lastModified: string;
}

/** What the folder path holds. */
export type FolderListing =
  | { kind: 'folder'; entries: IEnvFileEntry[] }
  | { kind: 'missing' }
  | { kind: 'notAFolder' };

/** A saved file's content, or why there is none to check. */
export type DiskRead =
  | { kind: 'text'; text: string }
  /** Saved bytes that are not UTF-8; the check reports where. */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Not read: over the size limit, the size alone is the problem. */
  | { kind: 'too-large' }
  | { kind: 'gone' }
  /** `message` is the server's, or null when it sent something that is not text. */
  | { kind: 'unreadable'; message: string | null };

/**
 * Folders inside the environment folder where repo2docker also looks. `.binder`
 * is hidden, so the contents API only shows it when the server allows hidden files;
 * the snapshot on the server sees it either way.
 */
const CONFIG_SUBFOLDERS = ['binder', '.binder'];

/** HTTP status of a failed contents request, or null when there was no answer. */
export function statusOf(error: unknown): number | null {
  const response = (error as { response?: { status?: unknown } } | null)
    ?.response;
  return typeof response?.status === 'number' ? response.status : null;
}

/** A failure in words, without the stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return String(error);
}

/** A path inside the folder, relative to the server root. */
export function joinPath(folder: string, path: string): string {
  return folder === '' ? path : `${folder}/${path}`;
}

/** The path relative to the folder, or null when `serverPath` is not inside it. */
export function relativeTo(folder: string, serverPath: string): string | null {
  if (folder === '') {
    return serverPath;
  }
  return serverPath.startsWith(`${folder}/`)
    ? serverPath.slice(folder.length + 1)
    : null;
}

function entriesOf(
  listing: Contents.IModel,
  prefix: string,
  folder: string
): IEnvFileEntry[] {
  const children = Array.isArray(listing.content)
    ? (listing.content as Contents.IModel[])
    : [];
  return children
    .filter(child => child.type !== 'directory')
    .map(child => {
      const path = prefix + child.name;
      return {
        path,
        serverPath: joinPath(folder, path),
        size: typeof child.size === 'number' ? child.size : null,
        lastModified: child.last_modified ?? ''
      };
    });
}

/**
 * The files of the folder and of its `binder/` and `.binder/` sub-folders: the
 * places repo2docker reads. Other sub-folders only travel along in the snapshot.
 * Throws on failures other than "not there".
 *
 * The contents API does not say which entries are symbolic links (it lists a link
 * with its target's type), so links are left to the snapshot on the server, which
 * refuses them and names the file.
 */
export async function listFolder(
  contents: IEnvFilesContents,
  folder: string
): Promise<FolderListing> {
  let listing: Contents.IModel;
  try {
    listing = await contents.get(folder, { content: true });
  } catch (error) {
    if (statusOf(error) === 404) {
      return { kind: 'missing' };
    }
    throw error;
  }
  if (listing.type !== 'directory') {
    return { kind: 'notAFolder' };
  }
  const entries = entriesOf(listing, '', folder);
  const children = Array.isArray(listing.content)
    ? (listing.content as Contents.IModel[])
    : [];
  for (const child of children) {
    if (child.type === 'directory' && CONFIG_SUBFOLDERS.includes(child.name)) {
      try {
        const sub = await contents.get(joinPath(folder, child.name), {
          content: true
        });
        entries.push(...entriesOf(sub, `${child.name}/`, folder));
      } catch (error) {
        // Removed since the listing: the next refresh shows it gone.
        if (statusOf(error) !== 404) {
          throw error;
        }
      }
    }
  }
  return { kind: 'folder', entries };
}

function decodeBase64(data: string): Uint8Array {
  const binary = atob(data.replace(/\s/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/**
 * A saved file's text. The server refuses `format: 'text'` for bytes that are not
 * UTF-8 (400); the raw bytes then tell the check exactly where the first bad one is.
 * Files over the size limit are not downloaded at all.
 */
export async function readSavedFile(
  contents: IEnvFilesContents,
  entry: IEnvFileEntry,
  maxFileBytes: number
): Promise<DiskRead> {
  if (entry.size !== null && entry.size > maxFileBytes) {
    return { kind: 'too-large' };
  }
  try {
    const model = await contents.get(entry.serverPath, {
      type: 'file',
      format: 'text',
      content: true
    });
    return typeof model.content === 'string'
      ? { kind: 'text', text: model.content }
      : { kind: 'unreadable', message: null };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) {
      return { kind: 'gone' };
    }
    if (status !== 400) {
      return { kind: 'unreadable', message: describeError(error) };
    }
    try {
      const raw = await contents.get(entry.serverPath, {
        type: 'file',
        format: 'base64',
        content: true
      });
      const bytes = decodeBase64(String(raw.content ?? ''));
      return firstInvalidUtf8Byte(bytes) >= 0
        ? { kind: 'bytes', bytes }
        : { kind: 'unreadable', message: describeError(error) };
    } catch (second) {
      return { kind: 'unreadable', message: describeError(second) };
    }
  }
}

/** Whether anything exists at a path; throws on failures other than "not there". */
export async function exists(
  contents: IEnvFilesContents,
  path: string
): Promise<Contents.IModel | null> {
  try {
    return await contents.get(path, { content: false });
  } catch (error) {
    if (statusOf(error) === 404) {
      return null;
    }
    throw error;
  }
}

/** The outcome of "create"; nothing that exists is ever replaced. */
export type CreateOutcome =
  | { kind: 'created'; serverPath: string; folderCreated: boolean }
  | { kind: 'exists'; serverPath: string }
  | { kind: 'blocked'; serverPath: string }
  | { kind: 'failed'; serverPath: string; message: string };

/**
 * Create the folder (each missing level) and then the file with `content`,
 * unless something is already at the file's path.
 *
 * The contents API has no "create only if absent" for a named file, so this
 * checks first; the gap between the check and the save is one request long.
 */
export async function createFile(
  contents: IEnvFilesContents,
  folder: string,
  path: string,
  content: string
): Promise<CreateOutcome> {
  const serverPath = joinPath(folder, path);
  try {
    let folderCreated = false;
    const levels = serverPath.split('/').slice(0, -1);
    for (let i = 1; i <= levels.length; i++) {
      const level = levels.slice(0, i).join('/');
      const found = await exists(contents, level);
      if (found === null) {
        await contents.save(level, { type: 'directory' });
        folderCreated = true;
      } else if (found.type !== 'directory') {
        return { kind: 'blocked', serverPath: level };
      }
    }
    if ((await exists(contents, serverPath)) !== null) {
      return { kind: 'exists', serverPath };
    }
    await contents.save(serverPath, { type: 'file', format: 'text', content });
    return { kind: 'created', serverPath, folderCreated };
  } catch (error) {
    return { kind: 'failed', serverPath, message: describeError(error) };
  }
}

/** Whether a change of the contents manager (save, rename, delete) touches the folder. */
export function touchesFolder(
  folder: string,
  change: { oldValue: unknown; newValue: unknown }
): boolean {
  return [change.oldValue, change.newValue].some(value => {
    const path = (value as { path?: unknown } | null)?.path;
    return (
      typeof path === 'string' &&
      (relativeTo(folder, path) !== null ||
        folder === path ||
        folder.startsWith(`${path}/`))
    );
  });
}

/** The saved text of the folder's files, read again only when their listing stamp changes. */
export class SavedReads {
  /** `maxFileBytes`: the largest file a snapshot takes; a larger one is not downloaded. */
  constructor(
    private readonly _contents: IEnvFilesContents,
    private readonly _maxFileBytes: () => number
  ) {}

  get(path: string): DiskRead | undefined {
    return this._reads.get(path)?.read;
  }

  has(path: string): boolean {
    return this._reads.has(path);
  }

  delete(path: string): void {
    this._reads.delete(path);
  }

  /** Forget everything: the next update reads every file again. */
  clear(): void {
    this._reads.clear();
  }

  /** Read the entries whose size or time changed, unless `stale` says the look is over. */
  async update(
    entries: readonly IEnvFileEntry[],
    stale: () => boolean
  ): Promise<void> {
    await Promise.all(
      entries.map(async entry => {
        const stamp = `${entry.lastModified}|${entry.size}`;
        if (this._reads.get(entry.serverPath)?.stamp !== stamp) {
          const read = await readSavedFile(
            this._contents,
            entry,
            this._maxFileBytes()
          );
          if (!stale()) {
            this._reads.set(entry.serverPath, { stamp, read });
          }
        }
      })
    );
  }

  /** Forget the files no longer listed. */
  keepOnly(entries: readonly IEnvFileEntry[]): void {
    const known = new Set(entries.map(e => e.serverPath));
    for (const path of [...this._reads.keys()]) {
      if (!known.has(path)) {
        this._reads.delete(path);
      }
    }
  }

  private readonly _reads = new Map<
    string,
    { stamp: string; read: DiskRead }
  >();
}
