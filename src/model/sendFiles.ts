/**
 * The files a build sends, shown to the user before they leave this server.
 *
 * Everything in the environment folder is copied into the image, readable by anyone who can
 * use it. So before the first build of a folder the user sees the list of files, with sizes,
 * and agrees to send it. The boundary is the set of paths: the folder is asked about again only
 * when it holds a file the user has not agreed to (a new file may be a secret put there by
 * mistake); edits to files already agreed to are what builds are for, and are not asked about.
 * The build then sends the agreed paths along, and the server refuses a folder that has gained
 * another file since (409 `unconfirmedFiles`), so what is sent is never more than was shown.
 */
import { ISnapshotFile, ISnapshotPreview } from '../api/types';

/** One file of the list, and whether the user has agreed to send it before. */
export interface IFileToSend extends ISnapshotFile {
  isNew: boolean;
}

/** What the user is asked to agree to. */
export interface ISendRequest {
  /** The environment folder, normalised by the server. */
  folder: string;
  files: IFileToSend[];
  totalBytes: number;
  /** The files go to the hub's snapshot store (else this server serves them to the build). */
  store: boolean;
  /** Nothing of this folder was agreed to before. */
  firstTime: boolean;
}

/** The paths agreed to, by folder; kept across reloads by whoever provides it. */
export interface IAgreedFiles {
  load(): Promise<Record<string, readonly string[]>>;
  save(agreed: Record<string, readonly string[]>): Promise<void>;
}

/** Shows the request; resolves true when the user agrees to send the files. */
export type AskToSend = (request: ISendRequest) => Promise<boolean>;

/**
 * Resolves with the paths the user agreed to send (now or before), or null when they did not;
 * rejects when the folder cannot be read (the same errors as a snapshot).
 */
export type SendConfirmer = (folder: string) => Promise<string[] | null>;

/** Agreements kept in memory only (tests, and a Lab without a state database). */
export function agreedInMemory(): IAgreedFiles {
  let agreed: Record<string, readonly string[]> = {};
  return {
    load: async () => agreed,
    save: async value => {
      agreed = value;
    }
  };
}

/** Asks the user about the files of a folder when they include any not agreed to before. */
export class SendFilesModel {
  constructor(options: SendFilesModel.IOptions) {
    this._preview = options.preview;
    this._agreed = options.agreed ?? agreedInMemory();
    this._ask = options.ask;
  }

  /** For the build model: the paths agreed to for `folder`, asking when needed. */
  readonly confirm: SendConfirmer = async folder => {
    const preview = await this._preview(folder);
    const agreed = await this._agreed.load();
    const before = new Set(agreed[preview.folder] ?? []);
    const paths = preview.files.map(f => f.path);
    if (paths.every(p => before.has(p))) {
      return paths;
    }
    const request: ISendRequest = {
      folder: preview.folder,
      files: preview.files.map(f => ({ ...f, isNew: !before.has(f.path) })),
      totalBytes: preview.files.reduce((sum, f) => sum + f.size, 0),
      store: preview.store,
      firstTime: before.size === 0
    };
    if (!(await this._ask(request))) {
      return null;
    }
    // Read again: another folder may have been agreed to while the question was open.
    const latest = await this._agreed.load();
    await this._agreed.save({ ...latest, [preview.folder]: paths });
    return paths;
  };

  private readonly _preview: (folder: string) => Promise<ISnapshotPreview>;
  private readonly _agreed: IAgreedFiles;
  private readonly _ask: AskToSend;
}

export namespace SendFilesModel {
  export interface IOptions {
    /** `GET envbuilder/snapshots?folder=`: the files a snapshot would send. */
    preview: (folder: string) => Promise<ISnapshotPreview>;
    /** Where agreements are kept; in memory when not given. */
    agreed?: IAgreedFiles;
    ask: AskToSend;
  }
}
