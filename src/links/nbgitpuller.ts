/**
 * nbgitpuller links: clone or update a repository in the user's home, then
 * open a file from it.
 *
 * nbgitpuller (`git-pull` on the user's server) reads `repo`, `branch`,
 * `targetpath` and `urlpath`; after the pull the browser goes to
 * `<server base URL><urlpath>`, so `urlpath` is a URL path, encoded the way
 * the app that opens it decodes it.
 */
import {
  checkRefName,
  checkRelativePath,
  checkRepositoryAddress,
  checkServiceAddress
} from './checks';
import { LinkResult, Problems } from './result';
import { noTranslation, Translate } from '../translate';

/**
 * The interface the link opens: JupyterLab, or the classic notebook
 * (Notebook 7, nbclassic).
 */
export type JupyterApp = 'lab' | 'notebook';

/**
 * The content a launch link pulls and opens.
 */
export interface IContent {
  /** The git repository to pull: an http(s) address. */
  repo: string;
  /** The branch (or tag) to pull. */
  branch: string;
  /** The file or folder to open, relative to the repository; empty opens the clone. */
  path?: string;
  /** Where to open it; JupyterLab by default. */
  app?: JupyterApp;
  /** The folder to clone into, relative to the server's root; empty for the default. */
  targetPath?: string;
}

/**
 * The nbgitpuller request for a piece of content.
 */
export interface IGitPull {
  /** `git-pull?…`, relative to a user's server (no leading slash). */
  path: string;
  /** The folder the repository is cloned into, relative to the server's root. */
  folder: string;
  /** Where the browser goes after the pull, relative to the user's server. */
  urlpath: string;
}

/**
 * Build the `git-pull?…` request for some content.
 */
export function gitPull(
  content: IContent,
  trans: Translate = noTranslation
): LinkResult<IGitPull> {
  const problems = new Problems(trans);
  const pull = checkContent(content, problems);
  return problems.result(() => pull!);
}

/**
 * A link that pulls the content into the user's default server on a hub and
 * opens it: `{hub}/hub/user-redirect/git-pull?…`.
 */
export function nbgitpullerLink(
  hubUrl: string,
  content: IContent,
  trans: Translate = noTranslation
): LinkResult<string> {
  const problems = new Problems(trans);
  const base = checkServiceAddress(hubUrl, 'hubUrl', problems);
  const pull = checkContent(content, problems);
  return problems.result(() => base + userRedirect(pull!));
}

/**
 * The hub path that sends the user to `pull` on their own server.
 */
export function userRedirect(pull: IGitPull): string {
  return `hub/user-redirect/${pull.path}`;
}

/**
 * Check the content and build its request; problems go to `problems`.
 */
export function checkContent(
  content: IContent,
  problems: Problems
): IGitPull | undefined {
  const address = checkRepositoryAddress(content.repo, 'repo', problems);
  const branch = checkRefName(content.branch, 'branch', problems);
  const path = checkRelativePath(content.path ?? '', 'path', problems);
  const app = content.app ?? 'lab';
  if (app !== 'lab' && app !== 'notebook') {
    problems.add('app', 'Unknown app “%1”: choose lab or notebook.', app);
  }

  let folder: string | undefined;
  // Sent only when the clone should not go where nbgitpuller puts it by itself.
  let targetpath: string | undefined;
  if (content.targetPath) {
    const target = checkRelativePath(
      content.targetPath,
      'targetPath',
      problems
    );
    if (target && target.length === 0) {
      problems.add(
        'targetPath',
        'The target folder must name a folder, for example courses/intro.'
      );
    } else if (target) {
      folder = target.join('/');
      if (folder !== folder.trim()) {
        // The server strips spaces from both ends of query values.
        problems.add(
          'targetPath',
          'The target folder must not start or end with a space.'
        );
      }
      targetpath = folder;
    }
  } else if (address) {
    // nbgitpuller clones into the last segment of the address, as written.
    const last = address.segments[address.segments.length - 1];
    const name = folderName(last);
    if (!name) {
      problems.add(
        'repo',
        'The address has no repository name; it should look like https://github.com/org/course.'
      );
    } else if (name !== last) {
      folder = targetpath = name;
    } else {
      folder = last;
    }
  }

  if (app === 'lab' && folder !== undefined && path !== undefined) {
    // JupyterLab decodes the tree path with decodeURI, which leaves %23 and
    // %3F encoded, and a bare "#" or "?" would end the path.
    if (/[#?]/.test(folder)) {
      problems.add(
        content.targetPath ? 'targetPath' : 'repo',
        'JupyterLab cannot open a folder whose name contains “#” or “?” from a link; choose another target folder.'
      );
    }
    if (path.some(segment => /[#?]/.test(segment))) {
      problems.add(
        'path',
        'JupyterLab cannot open a path that contains “#” or “?” from a link; rename the file, or open it in the classic notebook.'
      );
    }
  }

  if (
    problems.hasErrors ||
    !address ||
    branch === undefined ||
    path === undefined ||
    folder === undefined
  ) {
    return undefined;
  }

  const urlpath = openPath(app, [...folder.split('/'), ...path]);
  const query = new URLSearchParams({ repo: address.url, branch, urlpath });
  if (targetpath !== undefined) {
    query.append('targetpath', targetpath);
  }
  return { path: `git-pull?${query}`, folder, urlpath };
}

/**
 * The folder a clone of the repository should get, from the last segment of
 * its address: without ".git", as `git clone` names it, and with
 * percent-escapes decoded. nbgitpuller itself keeps both (nbgitpuller issue
 * #205), so a link names the folder explicitly when they differ.
 */
function folderName(segment: string): string {
  const bare = segment.replace(/\.git$/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return bare;
  }
  const usable =
    decoded === decoded.trim() &&
    !/[/\\\u0000-\u001f\u007f]/.test(decoded) &&
    decoded !== '.' &&
    decoded !== '..';
  return usable ? decoded : bare;
}

/**
 * The URL path, relative to the user's server, that opens a file or folder.
 */
function openPath(app: JupyterApp, segments: string[]): string {
  if (app === 'lab') {
    // JupyterLab's router reads `lab/tree/<path>` with decodeURI.
    return `lab/tree/${encodeURI(segments.join('/'))}`;
  }
  // The notebook server decodes the whole path; nbgitpuller's own choice of
  // page: notebooks open in the notebook view, anything else in the tree.
  const last = segments[segments.length - 1];
  const page = last.toLowerCase().endsWith('.ipynb') ? 'notebooks' : 'tree';
  return `${page}/${segments.map(encodeURIComponent).join('/')}`;
}
