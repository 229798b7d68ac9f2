/**
 * Git repositories: a GitHub or GitLab address or shorthand, or any other
 * git server's address, with an optional ref, as BinderHub's `gh`, `gl` and
 * `git` providers take them.
 */
import { binderSpec } from '../links/binder';
import {
  checkRefName,
  checkRepositoryAddress,
  IRepositoryAddress
} from '../links/checks';
import { Problems } from '../links/result';
import { parseUrl, SourceProblems } from './problems';
import { ISource, ProviderId, SourceField } from './types';
import { noTranslation } from '../translate';

// BinderHub's GitHub form takes `org/repo` as a repository name.
const GITHUB_SHORTHAND = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
// `git@host:path`, the scp-like form git uses for SSH.
const SSH_ADDRESS = /^[\w.-]+@([\w.-]+):(.+)$/;

/**
 * Read a repository address; `ref` overrides a ref the address carries.
 */
export function readRepository(
  text: string,
  ref: string | undefined,
  problems: SourceProblems,
  refField: SourceField = 'ref'
): ISource | undefined {
  let address = text;
  if (GITHUB_SHORTHAND.test(text) && !text.startsWith('10.')) {
    address = `https://github.com/${text}`;
  }
  const ssh = SSH_ADDRESS.exec(text);
  if (ssh) {
    // Build pods hold no SSH keys: the public https address is the one that builds.
    const host = ssh[1].toLowerCase();
    if (host !== 'github.com' && host !== 'gitlab.com') {
      return problems.add('source', 'unsupportedScheme', 'ssh');
    }
    address = `https://${host}/${ssh[2]}`;
  }
  const url = parseUrl(address);
  if (!url) {
    return problems.add('source', 'notUnderstood');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return problems.add(
      'source',
      'unsupportedScheme',
      url.protocol.slice(0, -1)
    );
  }
  if (url.username || url.password) {
    return problems.add('source', 'credentialsInAddress');
  }
  if (url.search || url.hash || /\s/.test(address)) {
    return problems.add('source', 'notUnderstood');
  }
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter(segment => segment !== '');
  const found = splitRef(host, segments);
  if (found.repository.length === 0) {
    return problems.add('source', 'noRepositoryPath');
  }
  const chosenRef = ref?.trim() || found.ref || 'HEAD';
  if (!checkRefName(chosenRef, 'environmentRef', new Problems(noTranslation))) {
    return problems.add(
      ref?.trim() ? refField : 'source',
      'invalidRef',
      chosenRef
    );
  }
  const repositoryUrl = found.trimmed
    ? `${url.protocol}//${url.host}/${found.repository.join('/')}`
    : address.replace(/\/+$/, '');
  // The links' own check: no "." or ".." folders, nothing a clone would misread.
  const repository = checkRepositoryAddress(
    repositoryUrl,
    'environmentRepo',
    new Problems(noTranslation)
  );
  if (!repository) {
    return problems.add('source', 'notUnderstood');
  }
  const spec = binderSpec(repository, chosenRef);
  const provider = spec.slice(0, spec.indexOf('/')) as ProviderId;
  return {
    provider,
    repository: provider === 'git' ? repositoryUrl : repositoryName(repository),
    ref: chosenRef,
    spec,
    urlpath: ''
  };
}

/**
 * The repository's path segments and the ref a browser address names:
 * `github.com/org/repo/tree/<ref>`, `gitlab.com/group/repo/-/tree/<ref>`.
 */
function splitRef(
  host: string,
  segments: string[]
): { repository: string[]; ref?: string; trimmed: boolean } {
  if (host === 'github.com' && segments.length > 2) {
    const [kind, ...rest] = segments.slice(2);
    // A branch with "/" is ambiguous after `blob/`; `tree/` ends with the ref.
    const ref =
      kind === 'tree'
        ? rest.join('/')
        : kind === 'blob' || kind === 'commit'
          ? rest[0]
          : undefined;
    return {
      repository: segments.slice(0, 2),
      ref: decodeRef(ref),
      trimmed: true
    };
  }
  const dash = segments.indexOf('-');
  if (host === 'gitlab.com' && dash > 0) {
    const [kind, ...rest] = segments.slice(dash + 1);
    const ref =
      kind === 'tree'
        ? rest.join('/')
        : kind === 'blob' || kind === 'commit'
          ? rest[0]
          : undefined;
    return {
      repository: segments.slice(0, dash),
      ref: decodeRef(ref),
      trimmed: true
    };
  }
  return { repository: segments, trimmed: false };
}

function decodeRef(ref: string | undefined): string | undefined {
  if (!ref) {
    return undefined;
  }
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

/**
 * `org/repo` or `group/subgroup/repo`, without ".git".
 */
function repositoryName(address: IRepositoryAddress): string {
  return address.segments.join('/').replace(/\.git$/, '');
}
