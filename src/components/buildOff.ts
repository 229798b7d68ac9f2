/**
 * Why Build is off before the environment files are even looked at: no build service
 * reachable now (nor the hub's snapshot store, when builds go through it), or nothing to
 * build. The Build command, the toolbar and the Build section
 * all say the same.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { IEnvironments, IHandshake } from '../api/types';
import { HandshakeState, storeBlocksBuild } from '../model/handshake';
import { buildWords, storeWords } from './handshakeText';

/**
 * Why Build is off when the check itself failed: the server extension, which starts every
 * build, did not answer. Null while the check runs or once it has answered.
 */
export function noAnswerReason(
  state: HandshakeState,
  trans: Pick<TranslationBundle, '__'>
): string | null {
  return state.kind === 'error' || state.kind === 'missing-extension'
    ? trans.__(
        'No build while the server extension does not answer the check (see "Server and hub").'
      )
    : null;
}

/** The reason, or null when the server and the folder allow a build (or are not known yet). */
export function buildOffReason(
  handshake: IHandshake | null,
  environments: IEnvironments | null,
  trans: Pick<TranslationBundle, '__'>
): string | null {
  const build = handshake?.capabilities.build;
  if (handshake && build && !build.available) {
    const words = buildWords(build, handshake.settings, trans);
    return words.adminSetting === null
      ? trans.__('No build service: %1 (see "Server and hub").', words.summary)
      : trans.__(
          'No build service: %1 (see "Server and hub" for the setting an administrator needs).',
          words.summary
        );
  }
  const store = handshake?.capabilities.snapshotStore;
  if (handshake && store && storeBlocksBuild(handshake)) {
    return trans.__(
      'No build until the snapshot store answers: %1 (see "Server and hub" for what to tell your administrator).',
      storeWords(store, trans).summary
    );
  }
  if (environments && (environments.folderProblem || !environments.folderSha)) {
    return trans.__(
      'Nothing to build: %1',
      folderProblemWords(environments.folderProblem, environments.folder, trans)
    );
  }
  return null;
}

/** Why the environment folder gives no snapshot, from the server's code (`noFolder`, …). */
export function folderProblemWords(
  code: string | null,
  folder: string,
  trans: Pick<TranslationBundle, '__'>
): string {
  switch (code) {
    case 'noFolder':
      return trans.__(
        'there is no folder %1/ yet. Create it with a first environment file (e.g. requirements.txt).',
        folder
      );
    case 'notAFolder':
      return trans.__(
        '%1 is a file; the environment must be a folder.',
        folder
      );
    case 'outsideBoundary':
      return trans.__(
        '%1 cannot be built: it must be a subfolder of your home, without credentials or Jupyter’s own files.',
        folder
      );
    case 'symlink':
      return trans.__(
        '%1/ goes through a symbolic link; only real folders and files are built.',
        folder
      );
    case 'tooManyFiles':
    case 'tooLargeTotal':
    case 'tooLargeFile':
    case 'tooDeep':
      return trans.__(
        '%1/ holds more than a build takes (see Environment files).',
        folder
      );
    case 'emptyFolder':
    case null:
      return trans.__('%1/ has no files yet.', folder);
    default:
      return trans.__('%1/ cannot be read (%2).', folder, code);
  }
}
