/**
 * A sanity check of conda match specs as written in environment.yml:
 * `[channel::]name[ version[ build]]`, `name=1.2=build`, `name>=1.2,<2|3.0`,
 * `name[key=value]`. It catches the usual mistakes (spaces inside a name,
 * `=>`, pip syntax in the conda list) without trying to be conda's parser.
 */
import { Translate } from '../../translate';
import { ISpanIssue, spanError } from './problems';
import { BUILD, checkVersionExpression, OPERATOR_RUN } from './condaVersion';

const NAME = /^[A-Za-z0-9_*][A-Za-z0-9_.*-]*/;
/** Explicit package URLs conda can install directly. */
const PACKAGE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+\.(conda|tar\.bz2)$/;

/**
 * Entries that are not match specs: pip options, URLs and pip syntax.
 * Returns null for a match spec, to be checked further; no issues for a URL
 * of a conda package, which conda installs as it is.
 */
function notAMatchSpec(
  spec: string,
  start: number,
  __: Translate
): ISpanIssue[] | null {
  const body = spec.slice(start);
  if (body.startsWith('-')) {
    const option = /^\S+/.exec(body)?.[0] ?? '-';
    return [
      spanError(
        start,
        start + option.length,
        'conda-pip-option',
        __(
          '%1 is a pip option, which conda dependencies cannot use. Put this line under "pip:".',
          option
        )
      )
    ];
  }
  if (
    /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(body) ||
    /^(git|hg|svn|bzr)\+/.test(body)
  ) {
    return PACKAGE_URL.test(body.trimEnd())
      ? []
      : [
          spanError(
            start,
            spec.trimEnd().length,
            'conda-url',
            __(
              'A URL in the conda list must point to a .conda or .tar.bz2 package. For a pip package, put it under "pip:".'
            )
          )
        ];
  }
  const at = spec.indexOf('@', start);
  if (at >= 0) {
    return [
      spanError(
        at,
        at + 1,
        'conda-pip-syntax',
        __('"name @ URL" is pip syntax. Put this line under "pip:".')
      )
    ];
  }
  const semicolon = spec.indexOf(';', start);
  if (semicolon >= 0) {
    return [
      spanError(
        semicolon,
        spec.trimEnd().length,
        'conda-pip-syntax',
        __(
          'Conditions after ";" are pip syntax, which conda does not understand. Remove the condition or put the line under "pip:".'
        )
      )
    ];
  }
  return null;
}

/** Problems in one conda dependency string; offsets are into `spec`. */
export function checkCondaSpec(spec: string, __: Translate): ISpanIssue[] {
  const start = spec.length - spec.trimStart().length;
  const end = spec.trimEnd().length;
  if (start >= end) {
    return [
      spanError(
        0,
        spec.length,
        'conda-empty',
        __('This dependency is empty; write a package name or remove the line.')
      )
    ];
  }
  const other = notAMatchSpec(spec, start, __);
  if (other) {
    return other;
  }
  let i = start;
  const channel = /^([^\s:=<>!~[]*)::/.exec(spec.slice(i));
  if (channel) {
    if (channel[1] === '') {
      return [
        spanError(
          i,
          i + 2,
          'conda-channel',
          __('A channel name is missing before "::", as in conda-forge::numpy.')
        )
      ];
    }
    i += channel[0].length;
  }
  const name = NAME.exec(spec.slice(i, end))?.[0] ?? '';
  if (name === '') {
    return [
      spanError(
        i,
        i + 1,
        'conda-name',
        __(
          'A conda dependency starts with a package name made of letters, digits, "-", "_" and "."; "%1" cannot start it.',
          spec[i]
        )
      )
    ];
  }
  i += name.length;
  const bracket = spec.indexOf('[', i);
  const versionEnd = bracket >= 0 && bracket < end ? bracket : end;
  const issues = checkVersionPart(spec, name, i, versionEnd, __);
  if (versionEnd < end) {
    issues.push(...checkBracket(spec, versionEnd, end, __));
  }
  return issues;
}

/**
 * Split the text after the name into its space-separated parts (version,
 * build). Spaces after an operator or around "," and "|" are tolerated
 * inside the version (">= 1.2, < 2"), so they do not separate parts.
 */
function parts(
  spec: string,
  at: number,
  end: number
): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let partStart = -1;
  for (let i = at; i <= end; i++) {
    const space = i === end || /\s/.test(spec[i]);
    if (!space) {
      if (partStart < 0) {
        partStart = i;
      }
      continue;
    }
    let runEnd = i;
    while (runEnd < end && /\s/.test(spec[runEnd])) {
      runEnd++;
    }
    const glue =
      partStart >= 0 &&
      runEnd < end &&
      ('=<>!~,|'.includes(spec[i - 1]) || ',|'.includes(spec[runEnd]));
    if (!glue && partStart >= 0) {
      found.push({ start: partStart, end: i });
      partStart = -1;
    }
    i = runEnd - 1;
    if (runEnd === end) {
      break;
    }
  }
  if (partStart >= 0) {
    found.push({ start: partStart, end });
  }
  return found;
}

/** What follows the name: `>=1.2`, `=1.2=build`, or ` 1.2 build` with spaces. */
function checkVersionPart(
  spec: string,
  name: string,
  at: number,
  end: number,
  __: Translate
): ISpanIssue[] {
  if (at >= end) {
    return [];
  }
  const spaced = /\s/.test(spec[at]);
  if (!spaced && !OPERATOR_RUN.test(spec.slice(at, end))) {
    return [
      spanError(
        at,
        at + 1,
        'conda-name-char',
        __(
          '"%1" cannot appear in a package name. Versions are written name=1.2, name>=1.2 or name 1.2.',
          spec[at]
        )
      )
    ];
  }
  const [version, build, ...extra] = parts(spec, at, end);
  const versionText = spec.slice(version.start, version.end);
  if (spaced && /^[A-Za-z]/.test(versionText)) {
    const word = /^\S+/.exec(versionText)?.[0] ?? versionText;
    return [
      spanError(
        at,
        version.start,
        'conda-space-in-name',
        __(
          'Package names cannot contain spaces. Did you mean %1-%2?',
          name,
          word
        )
      )
    ];
  }
  if (extra.length > 0) {
    return [
      spanError(
        extra[0].start,
        end,
        'conda-too-many-parts',
        __(
          'A conda dependency has at most three parts: name, version and build. Remove the rest, or join version constraints with ",".'
        )
      )
    ];
  }
  const issues = checkVersionExpression(spec, version.start, version.end, __);
  const buildText = build ? spec.slice(build.start, build.end) : '';
  if (issues.length === 0 && build && !BUILD.test(buildText)) {
    issues.push(
      spanError(
        build.start,
        build.end,
        'conda-build',
        __(
          '"%1" is not a build string; build strings use letters, digits, ".", "_" and "*".',
          buildText
        )
      )
    );
  }
  return issues;
}

/** `[key=value, ...]` after the version; pip-style extras are refused. */
function checkBracket(
  spec: string,
  at: number,
  end: number,
  __: Translate
): ISpanIssue[] {
  const close = spec.indexOf(']', at);
  if (close < 0 || close >= end) {
    return [
      spanError(at, end, 'conda-bracket', __('The "[" is not closed; add "]".'))
    ];
  }
  if (!spec.slice(at, close).includes('=')) {
    return [
      spanError(
        at,
        close + 1,
        'conda-pip-extras',
        __(
          'name[extra] is pip syntax; conda packages have no extras. Put this line under "pip:" or remove the brackets.'
        )
      )
    ];
  }
  if (close + 1 < end) {
    return [
      spanError(
        close + 1,
        end,
        'conda-after-bracket',
        __('Nothing may follow the closing "]".')
      )
    ];
  }
  return [];
}
