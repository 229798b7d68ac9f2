/**
 * The words for the server extension's refusals. The server sends a code (`reason`) and its
 * parameters (a path, a limit, a setting); the user reads them here, in their language. The
 * server's English `message` is for its log and is never shown.
 */
import { EnvBuilderRequestError } from '../api/request';
import { Translate } from '../translate';

function size(bytes: unknown): string {
  const n = Number(bytes);
  if (!Number.isFinite(n)) {
    return '?';
  }
  return n >= 1024 * 1024
    ? `${(n / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(n / 1024)} KiB`;
}

/** What went wrong with a request to the server extension, in plain words. */
export function errorText(error: unknown, __: Translate): string {
  if (!(error instanceof EnvBuilderRequestError)) {
    return error instanceof Error ? error.message : String(error);
  }
  if (error.status === 0) {
    return __('This Jupyter server cannot be reached.');
  }
  const d = (name: string): string => String(error.detail(name) ?? '');
  switch (error.reason) {
    case 'noFolder':
      return __(
        "There is no folder '%1'. Create it and put your environment files in it (e.g. requirements.txt, environment.yml, apt.txt, postBuild).",
        d('folder')
      );
    case 'notAFolder':
      return __(
        "'%1' is a file; the environment must be a folder.",
        d('folder')
      );
    case 'emptyFolder':
      return __(
        "The folder '%1' has no files. Add your environment files, e.g. requirements.txt or environment.yml.",
        d('folder')
      );
    case 'outsideBoundary':
      return __(
        "'%1' cannot be sent to a build: the environment folder must be a subfolder of the server root, and never a folder holding credentials or Jupyter's own files.",
        d('path') || d('folder')
      );
    case 'symlink':
      return __(
        "'%1' is a symbolic link; snapshots take only regular files. Replace it with a copy of the file.",
        d('path')
      );
    case 'notAFile':
      return __(
        "'%1' is not a regular file (a pipe, socket or device).",
        d('path')
      );
    case 'unreadable':
      return __("'%1' cannot be read (%2).", d('path'), d('detail'));
    case 'tooDeep':
      return __(
        'The environment folder is nested more than %1 folders deep; an environment needs only a few levels.',
        d('limit')
      );
    case 'tooManyFiles':
      return __(
        'The environment folder has more than %1 files; an environment needs only a few (an administrator can raise %2).',
        d('limit'),
        d('setting')
      );
    case 'tooLargeFile':
      return __(
        "'%1' is larger than %2, the most an environment file may be. Keep data out of the environment folder.",
        d('path'),
        size(error.detail('limit'))
      );
    case 'tooLargeTotal':
      return __(
        'The files of the environment folder add up to more than %1. Keep data and notebooks out of it (an administrator can raise %2).',
        size(error.detail('limit')),
        d('setting')
      );
    case 'unconfirmedFiles':
      return __(
        'The folder holds files that were not in the list you agreed to send: %1. Build again to see the list.',
        ((error.detail('paths') as string[] | undefined) ?? []).join(', ')
      );
    case 'emptySecret':
      return __(
        "This server's snapshot secret is empty. An administrator deletes the file 'snapshot-secret' in its data folder to make a new one."
      );
    case 'snapshotStoreUnreachable':
      return __(
        "The hub's snapshot store did not answer (%1). Tell your administrator.",
        d('detail')
      );
    case 'snapshotStoreScope':
      return __(
        "This server may not push to the hub's snapshot store: the 'server' role needs the store's scope (jupyterlab_envbuilder.hub.configure(c, snapshot_store=True) grants it). Tell your administrator."
      );
    case 'snapshotStoreRefused':
      return __(
        "The hub's snapshot store refused the snapshot (HTTP %1): %2",
        d('httpStatus'),
        d('detail')
      );
    case 'snapshotStoreAnswer':
      return __(
        "The hub's snapshot store answered without an address. Tell your administrator."
      );
    case 'notConfigured':
      return __(
        'No build service is configured for this server (%1). Ask your hub administrator.',
        d('setting')
      );
    case 'badSpec':
      return __('The build service does not take this build spec.');
    case 'noRecord':
      return __('This build is no longer in the history.');
    case 'badPath':
      return __("Give the notebook's path, relative to the server root.");
    case 'notAClone':
      return __('%1 is not in a git clone.', d('path'));
    case 'notFound':
      if (d('path')) {
        return __('%1 does not exist.', d('path'));
      }
      break;
    case 'outsideRoot':
      return __(
        '%1 is outside the folder this server shows (its root).',
        d('path')
      );
    case 'gitError':
      return __('git cannot read the clone: %1', d('detail'));
    case 'noGit':
      return __('git is not installed on this server.');
    case 'timeout':
      return __('git took longer than %1 s; try again.', d('seconds'));
    case 'nameMissing':
      return __('Give the environment a name.');
    case 'nameInvalid':
      return __('A name is one line of at most %1 characters.', d('limit'));
    case 'nameTaken':
      return __('An environment named %1 is already saved.', d('name'));
    case 'descriptionInvalid':
      return __('A description is text of at most %1 characters.', d('limit'));
    case 'notBuilt':
      return __('This build produced no image; only a built one can be saved.');
    case 'noSavedEnvironment':
      return __('This saved environment no longer exists.');
    case 'fileChanged':
      return __(
        '%1 changed since the pins were proposed; look at the new proposal.',
        d('file')
      );
  }
  // A refusal this page has no words for (a request it made wrongly, a newer server, or one
  // without the extension): the status and the code are what an administrator needs.
  return error.reason
    ? __(
        'The server refused the request (HTTP %1, %2).',
        error.status,
        error.reason
      )
    : __('The server refused the request (HTTP %1).', error.status);
}
