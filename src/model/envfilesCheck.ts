/**
 * The checks of the environment folder's files, whatever state their text is in, and what
 * the section says after creating a file. Pure: no model, no JupyterLab.
 */
import { ISignal } from '@lumino/signaling';

import { DEFAULT_MAX_FILE_BYTES, IServerSettings } from '../contract';
import type {
  EnvironmentFileName,
  explainEnvironment,
  IEnvironmentExplanation,
  IEnvironmentFileInfo,
  IProblem,
  validateEnvironmentFile
} from '../envfiles';
import { Translate } from '../translate';
import {
  CreateOutcome,
  describeError,
  DiskRead,
  IEnvFileEntry,
  joinPath
} from './envfilesDisk';
import { publishableFolder } from './folder';

/** What the environment folder holds. */
export type EnvFolderState =
  | { kind: 'loading'; folder: string }
  | { kind: 'missing'; folder: string }
  | { kind: 'notAFolder'; folder: string }
  | { kind: 'error'; folder: string; message: string }
  | {
      kind: 'ready';
      folder: string;
      /** The repo2docker configuration files, in listing order. */
      files: IEnvFileEntry[];
      /** How many other files the folder holds (they go into the snapshot too). */
      otherFiles: number;
      explanation: IEnvironmentExplanation;
    };

/** What the section is doing or has just done. */
export interface IEnvFilesActivity {
  /** A create request is running. */
  busy: boolean;
  /** The outcome of the last create, in plain words; null when there is none. */
  notice: { kind: 'success' | 'error'; message: string } | null;
}

/**
 * What repo2docker makes of the files and what is wrong in them. The checks bring a YAML
 * parser and a requirements grammar, so they load on first use, not with JupyterLab.
 */
export interface IFileChecks {
  validate: typeof validateEnvironmentFile;
  explain: typeof explainEnvironment;
}

let checksLoading: Promise<IFileChecks> | null = null;

/** The checks, loaded once; a failed load is tried again on the next call. */
export function loadFileChecks(): Promise<IFileChecks> {
  checksLoading ??= import('../envfiles').then(
    ({ validateEnvironmentFile, explainEnvironment }) => ({
      validate: validateEnvironmentFile,
      explain: explainEnvironment
    }),
    error => {
      checksLoading = null;
      throw error;
    }
  );
  return checksLoading;
}

/** How files are checked: the words, the largest file a snapshot takes (the server's), and the checks. */
export interface ICheckOptions {
  trans: Translate;
  maxFileBytes: number;
  checks: IFileChecks;
}

/** Where the server's settings come from: the handshake model. */
export interface ISettingsSource {
  readonly settings: IServerSettings;
  readonly changed: ISignal<unknown, unknown>;
}

/** The checks' options as they are now: the size limit is the handshake's, when it came. */
export class CheckSettings {
  constructor(
    readonly trans: Translate,
    readonly source: ISettingsSource | null
  ) {}

  get maxFileBytes(): number {
    return this.source?.settings.limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  /** Once `load()` has brought the checks. */
  get options(): ICheckOptions {
    const checks = this._loaded;
    if (checks === null) {
      throw new Error('the file checks are used before they are loaded');
    }
    return { trans: this.trans, maxFileBytes: this.maxFileBytes, checks };
  }

  /** Bring the checks (once). */
  async load(): Promise<void> {
    this._loaded ??= await loadFileChecks();
  }

  /** A look at the folder starts with the limit as it is now. */
  mark(): void {
    this._checked = this.maxFileBytes;
  }

  /** The limit changed since the last look: every file needs checking again. */
  get changed(): boolean {
    return this.maxFileBytes !== this._checked;
  }

  private _checked = DEFAULT_MAX_FILE_BYTES;
  private _loaded: IFileChecks | null = null;
}

/**
 * Problems of one configuration file, never throwing. `read` is the file as saved, or its
 * editor's unsaved text (`{ kind: 'text' }` given as a string); undefined when not read.
 */
export function checkFile(
  entry: IEnvFileEntry,
  read: DiskRead | string | undefined,
  options: ICheckOptions
): IProblem[] {
  const __ = options.trans;
  const validateEnvironmentFile = options.checks.validate;
  const unsaved = typeof read === 'string';
  const saved: DiskRead | undefined = unsaved
    ? { kind: 'text', text: read }
    : read;
  const at = { file: entry.path, line: 1, column: 1 };
  try {
    switch (saved?.kind) {
      case undefined:
      case 'gone':
        return [];
      case 'text':
        return validateEnvironmentFile(
          {
            path: entry.path,
            text: saved.text,
            // Unsaved text's size is its own; the listing gives the saved size.
            facts: unsaved ? {} : { size: entry.size ?? undefined }
          },
          options
        );
      case 'bytes':
        return validateEnvironmentFile(
          { path: entry.path, text: '', facts: { bytes: saved.bytes } },
          options
        );
      case 'too-large':
        return validateEnvironmentFile(
          {
            path: entry.path,
            text: '',
            facts: { size: entry.size ?? options.maxFileBytes + 1 }
          },
          options
        );
      case 'unreadable':
        return [
          {
            ...at,
            severity: 'warning',
            code: 'unreadable',
            message:
              saved.message === null
                ? __(
                    'This file could not be read as text, so it was not checked.'
                  )
                : __(
                    'This file could not be read, so it was not checked: %1',
                    saved.message
                  )
          }
        ];
    }
  } catch (error) {
    return [
      {
        ...at,
        severity: 'warning',
        code: 'check-failed',
        message: __(
          'This file could not be checked (%1).',
          describeError(error)
        )
      }
    ];
  }
}

/**
 * The error state for a folder a build would refuse (the server root or above): this
 * section never shows it as the environment. Null for a folder that can be published.
 */
export function refusedFolder(
  folder: string,
  __: Translate
): EnvFolderState | null {
  if (publishableFolder(folder) !== null) {
    return null;
  }
  return {
    kind: 'error',
    folder,
    message: __(
      "The environment folder must be a subfolder, e.g. 'environment', not '%1': everything in it is copied into the image.",
      folder
    )
  };
}

/** Files that are not configuration files still count against the size limit. */
export function sizeProblems(
  others: readonly IEnvFileEntry[],
  options: ICheckOptions
): IProblem[] {
  const validateEnvironmentFile = options.checks.validate;
  return others
    .filter(e => e.size !== null && e.size > options.maxFileBytes)
    .flatMap(e =>
      validateEnvironmentFile(
        { path: e.path, text: '', facts: { size: e.size ?? 0 } },
        options
      )
    );
}

/** Where a new file `name` goes: into the folder repo2docker reads (e.g. `binder/`). */
export function creationPath(state: EnvFolderState, name: string): string {
  const where = state.kind === 'ready' ? (state.explanation.folder ?? '') : '';
  return joinPath(where, name);
}

/** What the section says after creating `name` in `folder`. */
export function createNotice(
  outcome: CreateOutcome,
  folder: string,
  name: EnvironmentFileName,
  __: Translate
): IEnvFilesActivity['notice'] {
  switch (outcome.kind) {
    case 'created':
      return {
        kind: 'success',
        message: outcome.folderCreated
          ? __('Created %1 with %2.', `${folder}/`, name)
          : __('Created %1.', outcome.serverPath)
      };
    case 'exists':
      return {
        kind: 'error',
        message: __(
          '%1 already exists and was left unchanged.',
          outcome.serverPath
        )
      };
    case 'blocked':
      return {
        kind: 'error',
        message: __(
          '%1 is a file, not a folder, so nothing was created. Rename it or choose another environment folder in the settings.',
          outcome.serverPath
        )
      };
    case 'failed':
      return {
        kind: 'error',
        message: __(
          'Could not create %1: %2',
          outcome.serverPath,
          outcome.message
        )
      };
  }
}

/** The listing's repo2docker configuration files, and the other files. */
export function splitListing(
  entries: readonly IEnvFileEntry[],
  options: ICheckOptions
): {
  files: IEnvFileEntry[];
  others: IEnvFileEntry[];
} {
  const explained = options.checks.explain(entries.map(e => e.path));
  const config = new Set(explained.files.map(f => f.path));
  return {
    files: entries.filter(e => config.has(e.path)),
    others: entries.filter(e => !config.has(e.path))
  };
}

/** What repo2docker will do with the files, as their text is now (`textOf`: null if unknown). */
export function explainFiles(
  entries: readonly IEnvFileEntry[],
  textOf: (entry: IEnvFileEntry) => string | null,
  options: ICheckOptions
): IEnvironmentExplanation {
  const contents: Record<string, string> = {};
  for (const entry of entries) {
    const text = textOf(entry);
    if (text !== null) {
      contents[entry.path] = text;
    }
  }
  return options.checks.explain(
    entries.map(e => e.path),
    { contents, trans: options.trans }
  );
}

/** Catalogue files not yet in the folder repo2docker reads. */
export function missingFiles(
  catalogue: readonly IEnvironmentFileInfo[],
  state: EnvFolderState
): IEnvironmentFileInfo[] {
  if (state.kind !== 'ready') {
    return [...catalogue];
  }
  const present = new Set(state.files.map(f => f.path));
  const where = state.explanation.folder ?? '';
  return catalogue.filter(info => !present.has(joinPath(where, info.name)));
}
