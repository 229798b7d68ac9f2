/**
 * Binder-style links, for a BinderHub that has its web pages: build the
 * environment repository, start a server on it, then pull and open the
 * content: `{binderhub}/v2/{provider}/{spec}?urlpath={git-pull?…}`.
 */
import {
  checkRefName,
  checkRepositoryAddress,
  checkServiceAddress,
  IRepositoryAddress
} from './checks';
import { checkContent, IContent } from './nbgitpuller';
import { LinkResult, Problems } from './result';
import { noTranslation, Translate } from '../translate';

/**
 * The repository BinderHub builds the environment from.
 */
export interface IBinderEnvironment {
  /** The BinderHub's address, e.g. `https://mybinder.org`. */
  binderUrl: string;
  /** The environment repository: an http(s) address. */
  repo: string;
  /** Its branch, tag or commit; `HEAD` (the default branch) when empty. */
  ref?: string;
}

// The names GitHub and GitLab allow in an owner or repository path segment.
const PLAIN_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * A link that builds the environment on a BinderHub and opens the content.
 */
export function binderLink(
  content: IContent,
  environment: IBinderEnvironment,
  trans: Translate = noTranslation
): LinkResult<string> {
  const problems = new Problems(trans);
  const base = checkServiceAddress(
    environment.binderUrl,
    'binderUrl',
    problems
  );
  const address = checkRepositoryAddress(
    environment.repo,
    'environmentRepo',
    problems
  );
  const ref = checkRefName(
    environment.ref?.trim() || 'HEAD',
    'environmentRef',
    problems
  );
  const pull = checkContent(content, problems);
  return problems.result(() => {
    // BinderHub opens `urlpath` relative to the new server: no leading slash.
    const query = new URLSearchParams({ urlpath: pull!.path });
    return `${base}v2/${binderSpec(address!, ref!)}?${query}`;
  });
}

/**
 * `{provider}/{spec}` for BinderHub's build and launch URLs: `gh` for
 * github.com, `gl` for gitlab.com, `git` for any other git server.
 */
export function binderSpec(address: IRepositoryAddress, ref: string): string {
  // BinderHub reads the spec from the raw request path; the git and gl
  // providers unquote the ref, the gh provider passes it on as written.
  const encodedRef = ref.split('/').map(encodeURIComponent).join('/');
  const names = address.segments.map((segment, index) =>
    index === address.segments.length - 1
      ? segment.replace(/\.git$/, '')
      : segment
  );
  const plain = names.every(name => PLAIN_SEGMENT.test(name));
  if (address.host === 'github.com' && names.length === 2 && plain) {
    return `gh/${names.join('/')}/${encodedRef}`;
  }
  if (address.host === 'gitlab.com' && names.length >= 2 && plain) {
    return `gl/${encodeURIComponent(names.join('/'))}/${encodedRef}`;
  }
  return `git/${encodeURIComponent(address.url)}/${encodedRef}`;
}

/**
 * The badge image every BinderHub with its web pages serves.
 */
export function binderBadgeImage(binderUrl: string): string {
  const base = checkServiceAddress(
    binderUrl,
    'binderUrl',
    new Problems(noTranslation)
  );
  return `${base ?? ''}badge_logo.svg`;
}
