/**
 * mybinder.org-style launch links: `{binderhub}/v2/{provider}/{spec}?…`.
 *
 * The query says what opens after the launch, as BinderHub's own client reads
 * it: `labpath` (a file in JupyterLab) wins over `filepath` (the classic
 * tree), which wins over `urlpath` (any path on the server). A `urlpath` of
 * the form `git-pull?…` is an nbgitpuller request: the content.
 */
import { checkRefName, checkRepositoryAddress } from '../links/checks';
import { Problems } from '../links/result';
import { readArchiveSpec } from './archives';
import { decode, parseUrl, SourceProblems } from './problems';
import { readRepository } from './repository';
import {
  ARCHIVE_PROVIDERS,
  ISource,
  ISourceContent,
  ProviderId
} from './types';
import { noTranslation } from '../translate';

const PROVIDERS = new Set<string>(['gh', 'gl', 'git', ...ARCHIVE_PROVIDERS]);

/**
 * Whether the address is a BinderHub launch link.
 */
export function isLaunchLink(text: string): boolean {
  const url = parseUrl(text);
  return !!url && /\/v2\/[^/]+\/./.test(url.pathname);
}

/**
 * Read a launch link; `ref` overrides the ref it names.
 */
export function readLaunchLink(
  text: string,
  ref: string | undefined,
  problems: SourceProblems
): ISource | undefined {
  const url = parseUrl(text)!;
  // The spec is read from the path as written: its escapes are part of it.
  const path = text.slice(text.indexOf('//') + 2).split(/[?#]/)[0];
  const match = /\/v2\/([^/]+)\/(.*)$/.exec(path)!;
  const provider = match[1];
  const rawSpec = match[2];
  if (!PROVIDERS.has(provider)) {
    return problems.add('source', 'unknownProvider', provider);
  }
  const source = ARCHIVE_PROVIDERS.has(provider as ProviderId)
    ? ref?.trim()
      ? problems.add('ref', 'refNotSupported')
      : readArchiveSpec(provider as ProviderId, rawSpec, problems)
    : readGitSpec(provider, rawSpec, ref, problems);
  const urlpath = launchPath(url.searchParams);
  const content = urlpath.startsWith('git-pull?')
    ? readGitPull(urlpath, problems)
    : undefined;
  if (!source || problems.errors.length) {
    return undefined;
  }
  return content ? { ...source, urlpath, content } : { ...source, urlpath };
}

/**
 * `gh/{org}/{repo}/{ref}`, `gl/{namespace}/{ref}`, `git/{address}/{ref}`,
 * read back into the repository they name.
 */
function readGitSpec(
  provider: string,
  rawSpec: string,
  ref: string | undefined,
  problems: SourceProblems
): ISource | undefined {
  const parts = rawSpec.split('/');
  // gh: org, repo, then a ref that may contain "/"; gl and git: one escaped name.
  const nameParts = provider === 'gh' ? 2 : 1;
  const name = parts.slice(0, nameParts).map(decode);
  const linkRef = decode(parts.slice(nameParts).join('/'));
  if (name.some(part => part === undefined) || linkRef === undefined) {
    return problems.add('source', 'badEscape');
  }
  if (name.length < nameParts || name.some(part => !part)) {
    return problems.add('source', 'incompleteSpec', rawSpec);
  }
  const repository =
    provider === 'gh'
      ? `https://github.com/${name.join('/')}`
      : provider === 'gl'
        ? `https://gitlab.com/${name[0]}`
        : name[0]!;
  const fromField = !!ref?.trim();
  return readRepository(
    repository,
    fromField ? ref : linkRef || 'HEAD',
    problems,
    fromField ? 'ref' : 'source'
  );
}

/**
 * The path a launch opens, relative to the new server.
 */
function launchPath(query: URLSearchParams): string {
  const labpath = query.get('labpath');
  const filepath = query.get('filepath');
  let path = query.get('urlpath') ?? '';
  if (labpath !== null) {
    path = `doc/tree/${encodeURI(labpath.replace(/\/$/, ''))}`;
  } else if (filepath !== null) {
    path = `tree/${encodeURI(filepath.replace(/\/$/, ''))}`;
  }
  return path.replace(/^\/+/, '');
}

/**
 * The nbgitpuller request inside a `urlpath`, checked as the link builders
 * check their own.
 */
function readGitPull(
  urlpath: string,
  problems: SourceProblems
): ISourceContent | undefined {
  const query = new URLSearchParams(urlpath.slice('git-pull?'.length));
  const check = new Problems(noTranslation);
  const repo = checkRepositoryAddress(query.get('repo') ?? '', 'repo', check);
  const branch = query.get('branch') ?? '';
  if (!repo || (branch && !checkRefName(branch, 'branch', check))) {
    return problems.add('source', 'invalidContent', query.get('repo') ?? '');
  }
  const pull = new URLSearchParams({ repo: repo.url });
  if (branch) {
    pull.append('branch', branch);
  }
  const opens = (query.get('urlpath') ?? '').replace(/^\/+/, '');
  if (opens) {
    pull.append('urlpath', opens);
  }
  const targetpath = query.get('targetpath') ?? undefined;
  if (targetpath) {
    pull.append('targetpath', targetpath);
  }
  const content: ISourceContent = {
    repo: repo.url,
    branch,
    urlpath: opens,
    gitPull: `git-pull?${pull}`
  };
  return targetpath ? { ...content, targetpath } : content;
}
