/**
 * One logical line of a requirements file (continuations already joined):
 * a comment, an option such as `-r file` or `--index-url URL`, a URL or a
 * local path, or a requirement optionally followed by `--hash` options.
 * Also used for the entries of environment.yml's `pip:` list, which conda
 * writes into a requirements file for pip.
 */
import {
  HASH_LENGTHS,
  IPipOption,
  LINE_OPTIONS,
  REMOVED_OPTIONS,
  REQUIREMENT_OPTIONS
} from './pipOptions';
import {
  ARCHIVE,
  checkLocalPath,
  checkValue,
  IToken,
  VCS_URL
} from './pipValues';
import { ISpanIssue, spanError } from './problems';
import { checkRequirementSpec } from './requirementSpec';
import { pipSlip } from './slips';
import { Translate } from '../../translate';

function tokens(line: string, from: number, to: number): IToken[] {
  const found: IToken[] = [];
  const pattern = /\S+/g;
  pattern.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(line)) && match.index < to) {
    found.push({ text: match[0], start: match.index });
  }
  return found;
}

/** Longest requirement (without options) given to the grammar parser. */
export const MAX_CHECKED_REQUIREMENT_LENGTH = 2000;

/**
 * Where the line's content ends: pip drops a `#` comment that starts the line
 * or follows whitespace (so `#egg=` fragments in URLs stay).
 */
function contentEnd(line: string): number {
  const match = /(^|\s)#/.exec(line);
  return match ? match.index : line.length;
}

interface IOptionRead {
  option: IPipOption | null;
  name: string;
  value: IToken | null;
  /** Index of the first token after the option and its value. */
  next: number;
  issues: ISpanIssue[];
}

/** Read the option starting at `toks[at]`, in the forms optparse accepts. */
function readOption(
  toks: IToken[],
  at: number,
  known: readonly IPipOption[],
  __: Translate
): IOptionRead {
  const token = toks[at];
  const long = token.text.startsWith('--');
  const equals = token.text.indexOf('=');
  const name = long
    ? equals >= 0
      ? token.text.slice(0, equals)
      : token.text
    : token.text.slice(0, 2);
  const option = known.find(o => o.long === name || o.short === name) ?? null;
  const result: IOptionRead = {
    option,
    name,
    value: null,
    next: at + 1,
    issues: []
  };
  const nameEnd = token.start + name.length;
  if (!option) {
    const removed = REMOVED_OPTIONS.includes(name);
    result.issues.push(
      spanError(
        token.start,
        nameEnd,
        removed ? 'pip-removed-option' : 'pip-unknown-option',
        removed
          ? __('pip no longer supports %1; remove it.', name)
          : __(
              'pip does not accept %1 here. Check the spelling, or see "pip help install" for the options a requirements file may use.',
              name
            )
      )
    );
    return result;
  }
  if (option.value === 'none') {
    if (long ? equals >= 0 : token.text.length > 2) {
      result.issues.push(
        spanError(
          nameEnd,
          token.start + token.text.length,
          'pip-option-no-value',
          __('%1 takes no value.', name)
        )
      );
    }
    return result;
  }
  if (long && equals >= 0) {
    result.value = {
      text: token.text.slice(equals + 1),
      start: token.start + equals + 1
    };
  } else if (!long && token.text.length > 2) {
    // optparse reads `-rfile` as `-r file` but `-r=file` as the value "=file".
    if (token.text[2] === '=') {
      result.issues.push(
        spanError(
          nameEnd,
          nameEnd + 1,
          'pip-short-option-equals',
          __('Write %1 and its value separated by a space, without "=".', name)
        )
      );
      return result;
    }
    result.value = { text: token.text.slice(2), start: nameEnd };
  } else if (at + 1 < toks.length) {
    result.value = toks[at + 1];
    result.next = at + 2;
  }
  if (!result.value || result.value.text === '') {
    result.issues.push(
      spanError(
        token.start,
        nameEnd,
        'pip-option-missing-value',
        __('%1 needs a value after it.', name)
      )
    );
    result.value = null;
    return result;
  }
  result.issues.push(...checkValue(option, name, result.value, __));
  return result;
}

function checkLineOption(toks: IToken[], __: Translate): ISpanIssue[] {
  const read = readOption(toks, 0, LINE_OPTIONS, __);
  const issues = read.issues;
  if (read.option && read.next < toks.length) {
    const extra = toks[read.next];
    const last = toks[toks.length - 1];
    issues.push(
      spanError(
        extra.start,
        last.start + last.text.length,
        'pip-option-extra',
        __(
          'Only one value may follow %1; put anything else on its own line.',
          read.name
        )
      )
    );
  }
  return issues;
}

function checkRequirementOptions(toks: IToken[], __: Translate): ISpanIssue[] {
  const issues: ISpanIssue[] = [];
  let at = 0;
  while (at < toks.length) {
    const token = toks[at];
    if (!token.text.startsWith('-')) {
      issues.push(
        spanError(
          token.start,
          token.start + token.text.length,
          'pip-option-extra',
          __(
            'Unexpected %1 after the options; put each requirement on its own line.',
            token.text
          )
        )
      );
      at++;
      continue;
    }
    const read = readOption(toks, at, REQUIREMENT_OPTIONS, __);
    if (
      !read.option &&
      LINE_OPTIONS.some(o => o.long === read.name || o.short === read.name)
    ) {
      // Skip the misplaced option's value too, so it is not reported again.
      read.next = readOption(toks, at, LINE_OPTIONS, __).next;
      read.issues.splice(
        0,
        read.issues.length,
        spanError(
          token.start,
          token.start + read.name.length,
          'pip-option-placement',
          __(
            '%1 must be on a line of its own, not after a requirement.',
            read.name
          )
        )
      );
    }
    issues.push(...read.issues);
    if (read.option?.long === '--hash' && read.value) {
      const [algorithm, digest = ''] = read.value.text.split(':');
      const length = HASH_LENGTHS[algorithm];
      if (
        length === undefined ||
        digest.length !== length ||
        !/^[0-9a-f]+$/i.test(digest)
      ) {
        issues.push(
          spanError(
            read.value.start,
            read.value.start + read.value.text.length,
            'pip-hash',
            __(
              'A hash is written as algorithm:hexdigest, with sha256, sha384 or sha512 and the full digest.'
            )
          )
        );
      }
    }
    at = read.next;
  }
  return issues;
}

/** Problems in one logical requirements line; offsets are into `line`. */
export function checkPipLine(line: string, __: Translate): ISpanIssue[] {
  // pip substitutes ${NAME} from the environment; keep offsets, drop the syntax.
  const source = line.replace(/\$\{[A-Z0-9_]+\}/g, found =>
    'X'.repeat(found.length)
  );
  const end = contentEnd(source);
  const toks = tokens(source, 0, end);
  if (toks.length === 0) {
    return [];
  }
  const slip = pipSlip(source.slice(0, end), __);
  if (slip) {
    return [slip];
  }
  if (toks[0].text.startsWith('-')) {
    return checkLineOption(toks, __);
  }
  // Options after a requirement start at the first later word beginning with "-".
  const optionAt = toks.findIndex((t, i) => i > 0 && t.text.startsWith('-'));
  const requirementToks = optionAt < 0 ? toks : toks.slice(0, optionAt);
  const optionIssues =
    optionAt < 0 ? [] : checkRequirementOptions(toks.slice(optionAt), __);
  const first = requirementToks[0];
  const last = requirementToks[requirementToks.length - 1];
  const reqStart = first.start;
  const reqEnd = last.start + last.text.length;
  const requirement = source.slice(reqStart, reqEnd);

  if (
    /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(first.text) ||
    VCS_URL.test(first.text)
  ) {
    const issues =
      requirementToks.length > 1
        ? [
            spanError(
              requirementToks[1].start,
              reqEnd,
              'pip-url-extra',
              __(
                'Only the URL may be on this line; to add a condition write name @ URL ; condition.'
              )
            )
          ]
        : [];
    return [...issues, ...optionIssues];
  }
  const looksLikePath =
    requirementToks.length === 1 &&
    !first.text.includes('@') &&
    (/^[.~/\\]/.test(first.text) ||
      /[/\\]/.test(first.text) ||
      ARCHIVE.test(first.text));
  if (looksLikePath) {
    return [...checkLocalPath(first, __), ...optionIssues];
  }
  if (requirement.length > MAX_CHECKED_REQUIREMENT_LENGTH) {
    // The grammar parser slows down badly on very long input.
    return [
      {
        start: reqStart,
        end: reqStart + 1,
        severity: 'warning',
        code: 'pip-unchecked',
        message: __(
          'This requirement is too long to check (over %1 characters).',
          MAX_CHECKED_REQUIREMENT_LENGTH
        )
      },
      ...optionIssues
    ];
  }
  const issues = checkRequirementSpec(requirement, __).map(issue => ({
    ...issue,
    start: issue.start + reqStart,
    end: issue.end + reqStart
  }));
  return [...issues, ...optionIssues];
}
