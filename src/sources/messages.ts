/**
 * The problems a source can have, in the user's words.
 */
import { ISourceError } from './types';
import { Translate } from '../translate';

/**
 * The message for one problem, translated.
 */
export function sourceProblemMessage(
  error: ISourceError,
  trans: Translate
): string {
  const value = error.value ?? '';
  switch (error.code) {
    case 'empty':
      return trans(
        'Paste a repository address, a DOI or a Binder link, for example https://github.com/org/analysis.'
      );
    case 'unsupportedScheme':
      return trans(
        'Use the https:// address; “%1” addresses cannot be built.',
        value
      );
    case 'credentialsInAddress':
      return trans(
        'The address must not contain a user name or password: it ends up in the image name.'
      );
    case 'noRepositoryPath':
      return trans('The address names a server but no repository on it.');
    case 'unknownProvider':
      return trans('This hub cannot build links of the “%1” kind.', value);
    case 'incompleteSpec':
      return trans(
        'The link is incomplete: “%1” does not name a repository.',
        value
      );
    case 'badEscape':
      return trans('The link contains a broken “%” escape.');
    case 'invalidRef':
      return trans('“%1” is not a valid branch, tag or commit name.', value);
    case 'refNotSupported':
      return trans('Archived records have no branches: leave the ref empty.');
    case 'invalidDoi':
      return trans(
        '“%1” is not a DOI; DOIs look like 10.5281/zenodo.3242074.',
        value
      );
    case 'doiRegistrantUnknown':
      return trans(
        'Choose the archive that holds %1: its prefix is not Zenodo’s, Figshare’s or Harvard Dataverse’s.',
        value
      );
    case 'invalidHydroshareId':
      return trans(
        'A HydroShare address needs the resource’s 32-character id.'
      );
    case 'invalidContent':
      return trans(
        'The content part of the link (git-pull) names no usable repository: “%1”.',
        value
      );
    case 'notUnderstood':
    default:
      return trans('This is not a repository address, a DOI or a Binder link.');
  }
}
