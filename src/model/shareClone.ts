/**
 * What a notebook's git clone means for a launch link: the https address students can pull
 * from, and what in the clone they would not get. Pure, so it is tested on its own.
 */
import { IGitInfo, IHandshake } from '../api/types';
import { noTranslation, Translate } from '../translate';

/** Something in the notebook's clone that students would not get. */
export interface IShareWarning {
  kind:
    | 'notebook-untracked'
    | 'notebook-changed'
    | 'other-changes'
    | 'unpushed'
    | 'no-upstream'
    | 'detached'
    | 'no-remote'
    | 'ssh-remote';
  message: string;
}

/**
 * The hub's address for links: its public URL when the hub sets one, else this page's origin
 * with the hub's prefix, without the trailing `hub/`.
 */
export function hubAddress(
  handshake: IHandshake | null,
  origin: string
): string {
  const hub = handshake?.hub;
  if (!hub) {
    return '';
  }
  const base = hub.publicUrl || origin + hub.hubPrefix;
  return base.replace(/hub\/?$/, '');
}

/**
 * The https address of a git remote: SSH addresses (`git@host:org/repo.git`,
 * `ssh://git@host/org/repo.git`) become `https://host/org/repo.git`, which is where GitHub,
 * GitLab and most git servers serve the same repository to anyone. Null when there is none.
 */
export function httpsRemote(remote: string): string | null {
  const url = remote.trim();
  if (/^https?:\/\//i.test(url)) {
    return url;
  }
  const scp = /^[^\s/:@]+@([^\s/:]+):\/?(.+)$/.exec(url);
  if (scp) {
    return `https://${scp[1]}/${scp[2]}`;
  }
  const ssh =
    /^(?:ssh|git\+ssh|git):\/\/(?:[^@/\s]+@)?([^:/\s]+)(?::\d+)?\/(.+)$/i.exec(
      url
    );
  if (ssh) {
    return `https://${ssh[1]}/${ssh[2]}`;
  }
  return null;
}

/** The warnings about a clone: what students would not get from it. */
export function cloneWarnings(
  info: IGitInfo,
  convertedFrom: string | undefined,
  trans: Translate = noTranslation
): IShareWarning[] {
  const warnings: IShareWarning[] = [];
  const shared = info.pathInRepo || trans('The clone');
  if (!info.pathTracked) {
    warnings.push({
      kind: 'notebook-untracked',
      message: trans(
        '%1 is not committed: students would not get it. Commit and push it first.',
        shared
      )
    });
  } else if (info.pathChanged) {
    warnings.push({
      kind: 'notebook-changed',
      message: trans(
        '%1 has changes that are not committed: students get the version on the remote, without them.',
        shared
      )
    });
  }
  const others = info.dirtyFiles.filter(
    file => !coveredBy(file, info.pathInRepo)
  );
  const otherCount = info.dirtyCount - (info.dirtyFiles.length - others.length);
  if (info.pathInRepo && otherCount > 0) {
    const examples = others.slice(0, 3).join(', ');
    warnings.push({
      kind: 'other-changes',
      message: trans(
        'Other files in the clone are not committed (%1: %2): students would not get these changes.',
        otherCount,
        otherCount > 3 ? `${examples}, …` : examples
      )
    });
  }
  if (info.unpushed > 0) {
    warnings.push({
      kind: 'unpushed',
      message: trans(
        'Commits not pushed to %1: %2. Students get the branch as the remote has it; push first.',
        info.upstream ?? info.remote ?? trans('the remote'),
        info.unpushed
      )
    });
  }
  if (info.branch === null) {
    warnings.push({
      kind: 'detached',
      message: trans(
        'The clone is not on a branch (detached HEAD): enter the branch students should get.'
      )
    });
  } else if (info.upstream === null && info.remoteUrl !== null) {
    warnings.push({
      kind: 'no-upstream',
      message: trans(
        'The branch %1 has no upstream: if the remote does not have it, the link fails. Push it with “git push -u %2 %1”.',
        info.branch,
        info.remote ?? 'origin'
      )
    });
  }
  if (info.remoteUrl === null) {
    warnings.push({
      kind: 'no-remote',
      message: trans(
        'The clone has no remote: push it to a git server students can reach, and enter its address.'
      )
    });
  } else if (convertedFrom !== undefined) {
    warnings.push({
      kind: 'ssh-remote',
      message: trans(
        "The clone's remote %1 is an SSH address, which students' servers cannot use; the link uses %2. Check that it opens without logging in.",
        convertedFrom,
        httpsRemote(convertedFrom) ?? ''
      )
    });
  }
  return warnings;
}

function coveredBy(file: string, path: string): boolean {
  const changed = file.replace(/\/$/, '');
  return (
    !path ||
    changed === path ||
    changed.startsWith(`${path}/`) ||
    path.startsWith(`${changed}/`)
  );
}
