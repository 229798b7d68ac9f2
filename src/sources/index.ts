/**
 * Sources of environments beyond the home's folder: a repository address
 * (with an optional ref), a DOI or an archived record, or a mybinder.org-style
 * launch link, read into the BinderHub spec that builds it and the content a
 * launch opens.
 *
 * Pure TypeScript without JupyterLab imports. Problems come back as codes for
 * the field they are about; `sourceProblemMessage` puts them into words.
 */
import { DoiProvider, looksArchived, readArchive } from './archives';
import { isLaunchLink, readLaunchLink } from './launchLink';
import { SourceProblems } from './problems';
import { readRepository } from './repository';
import { SourceResult } from './types';

export { sourceProblemMessage } from './messages';
export type { DoiProvider } from './archives';
export type {
  ISource,
  ISourceContent,
  ISourceError,
  ProviderId,
  SourceField,
  SourceProblem,
  SourceResult
} from './types';

export interface IReadSourceOptions {
  /** The branch, tag or commit, from its own field; overrides one in the text. */
  ref?: string;
  /** The archive of a DOI whose registrant is not a known one. */
  doiProvider?: DoiProvider;
}

/**
 * Read what the user pasted.
 */
export function readSource(
  text: string,
  options: IReadSourceOptions = {}
): SourceResult {
  const problems = new SourceProblems();
  const input = text.trim();
  if (!input) {
    problems.add('source', 'empty');
    return problems.result(() => undefined);
  }
  return problems.result(() => {
    if (isLaunchLink(input)) {
      return readLaunchLink(input, options.ref, problems);
    }
    if (looksArchived(input)) {
      return readArchive(input, options.ref, options.doiProvider, problems);
    }
    return readRepository(input, options.ref, problems);
  });
}
