/**
 * The Saved environments section's words: the server sends codes, these say them.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import type { ISavedSource } from '../api/saved';
import type { ISavedProblem } from '../model/saved';

/** A problem of the last request, in the user's words. */
export function savedProblemText(
  problem: ISavedProblem,
  trans: TranslationBundle
): string {
  switch (problem.reason) {
    case 'nameMissing':
      return trans.__('Give the environment a name.');
    case 'nameInvalid':
      return trans.__('A name is one line of at most 80 characters.');
    case 'nameTaken':
      return trans.__('An environment with this name is saved already.');
    case 'descriptionInvalid':
      return trans.__('The description is too long.');
    case 'notBuilt':
      return trans.__(
        'This build produced no image: only a built one can be saved.'
      );
    case 'noRecord':
      return trans.__('The build record is gone; build again to save it.');
    case 'noSavedEnvironment':
      return trans.__(
        'This saved environment is gone; it was deleted elsewhere.'
      );
    case 'unreachable':
      return trans.__('The Jupyter server could not be reached.');
    default:
      return trans.__('The server refused this (%1).', problem.reason);
  }
}

/** Where an environment came from, in a few words. */
export function sourceText(
  source: ISavedSource,
  trans: TranslationBundle
): string {
  const ref = source.ref ? source.ref.slice(0, 12) : '';
  // A folder snapshot: served by this server, or by the hub's store as `<sha>.git`.
  const url = source.repoUrl ?? '';
  if (
    url.includes('/envbuilder/snapshots/') ||
    (source.ref && url.endsWith(`/${source.ref}.git`))
  ) {
    return ref
      ? trans.__('The environment folder (snapshot %1)', ref)
      : trans.__('The environment folder');
  }
  const where = source.repoUrl ?? source.spec ?? '';
  return ref ? trans.__('%1 at %2', where, ref) : where;
}

/** The servers an environment was last started on, in words; '' is the default server. */
export function serversText(
  servers: readonly string[],
  trans: TranslationBundle
): string {
  return servers
    .map(server => (server ? server : trans.__('default server')))
    .join(', ');
}
