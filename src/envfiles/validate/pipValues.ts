/**
 * The values pip options and bare lines take in a requirements file: URLs,
 * paths (which must stay inside the environment folder), format lists, hosts.
 */
import { pathSegments } from '../paths';
import { IPipOption } from './pipOptions';
import { ISpanIssue, spanError } from './problems';
import { Translate } from '../../translate';

/** A bare token of a requirements line and where it starts. */
export interface IToken {
  text: string;
  start: number;
}

const URL_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/;
export const VCS_URL = /^(git|hg|svn|bzr)\+[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/;
export const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$/i;

/** A relative or absolute path that points outside the environment folder. */
function leavesFolder(path: string): boolean {
  return path.startsWith('~') || pathSegments(path) === null;
}

export function checkLocalPath(token: IToken, __: Translate): ISpanIssue[] {
  const path = token.text.replace(/\[[^\]]*\]$/, '');
  if (path === '.' || !leavesFolder(path)) {
    return [];
  }
  return [
    spanError(
      token.start,
      token.start + token.text.length,
      'pip-path-outside',
      __(
        '%1 is outside the environment folder, which is all the build sees. Move what it points to into the folder.',
        path
      )
    )
  ];
}

export function checkValue(
  option: IPipOption,
  name: string,
  value: IToken,
  __: Translate
): ISpanIssue[] {
  const end = value.start + value.text.length;
  switch (option.value) {
    case 'file':
      return URL_PATTERN.test(value.text) ? [] : checkLocalPath(value, __);
    case 'editable':
      if (VCS_URL.test(value.text)) {
        return [];
      }
      if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value.text)) {
        return [
          spanError(
            value.start,
            end,
            'pip-editable-url',
            __(
              '%1 needs a local folder or a version-control URL starting with git+, hg+, svn+ or bzr+, such as git+https://github.com/owner/repo.',
              name
            )
          )
        ];
      }
      return checkLocalPath(value, __);
    case 'url':
      return URL_PATTERN.test(value.text)
        ? []
        : [
            spanError(
              value.start,
              end,
              'pip-url-expected',
              __('%1 needs a full URL, such as https://pypi.org/simple.', name)
            )
          ];
    case 'url-or-path':
      return URL_PATTERN.test(value.text) ? [] : checkLocalPath(value, __);
    case 'formats':
      return /^(:all:|:none:|[A-Za-z0-9._-]+)(,(:all:|:none:|[A-Za-z0-9._-]+))*$/.test(
        value.text
      )
        ? []
        : [
            spanError(
              value.start,
              end,
              'pip-formats',
              __(
                '%1 takes :all:, :none: or package names separated by commas.',
                name
              )
            )
          ];
    case 'host':
      return /^[A-Za-z0-9.-]+(:\d+)?$/.test(value.text)
        ? []
        : [
            spanError(
              value.start,
              end,
              'pip-host',
              __(
                '%1 takes a host name, optionally with a port, such as example.org:8080.',
                name
              )
            )
          ];
    default:
      return [];
  }
}
