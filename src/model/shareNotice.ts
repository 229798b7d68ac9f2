/**
 * What "Copy Launch Link" tells after copying: a success only when students will get the
 * notebook as it is; otherwise a warning that names the file and what they would miss.
 */
import { Translate } from '../translate';
import { IShareWarning } from './shareClone';

/** Warnings that mean the link would not give students this notebook as it is now. */
const BREAKING: ReadonlySet<IShareWarning['kind']> = new Set([
  'notebook-untracked',
  'notebook-changed',
  'unpushed',
  'no-upstream',
  'detached',
  'no-remote'
]);

export interface ILaunchLinkNotice {
  type: 'success' | 'warning';
  message: string;
}

export function launchLinkNotice(
  path: string,
  complete: boolean,
  warnings: readonly IShareWarning[],
  trans: Translate
): ILaunchLinkNotice {
  if (!complete) {
    return {
      type: 'warning',
      message: trans(
        'The launch link for %1 is not complete yet: see the Share section of the Environment panel.',
        path
      )
    };
  }
  const breaking = warnings.filter(w => BREAKING.has(w.kind));
  if (breaking.length > 0) {
    return {
      type: 'warning',
      message: trans(
        'Launch link for %1 copied, but it will not give students this notebook as you see it: %2',
        path,
        breaking.map(w => w.message).join(' ')
      )
    };
  }
  return {
    type: 'success',
    message: trans(
      'Launch link for %1 copied. The Share section shows it as a badge too.',
      path
    )
  };
}
