/**
 * One PEP 508 requirement (`name[extras] specifiers ; marker` or
 * `name @ url`), checked with pip-requirements-js and then for the version
 * rules pip enforces on top of the grammar. On a syntax error the parser only
 * tells where it stopped; the message is built from what is around that spot.
 */
import {
  parsePipRequirementsLine,
  ProjectNameRequirementWithLocation,
  ProjectURLRequirementWithLocation
} from 'pip-requirements-js';
import { checkSpecifier } from './pep440';
import { ISpanIssue, spanError } from './problems';
import { Translate } from '../../translate';

/**
 * The grammar tries "==" before "===", so it cannot read arbitrary equality.
 * The third "=" is replaced by a version character for parsing: same length,
 * same offsets. With a space after "===" it stays unreadable and unchecked.
 */
const ARBITRARY_EQUALITY = /===(?=[A-Za-z0-9_.*+!-])/g;

/** ASCII only: the grammar's letters include any Unicode letter, pip's do not. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const NAME_PREFIX = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?/;
const OPERATORS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'];
const OPERATOR_CHARS = '=<>!~';

/** `a space`, or the character in quotes, for messages. */
function describeChar(ch: string, __: Translate): string {
  return /\s/.test(ch) ? __('a space') : `"${ch}"`;
}

/** The conda-style single `=` (`numpy=1.2`), which pip rejects. */
function singleEquals(spec: string, __: Translate): ISpanIssue | null {
  const match =
    /^(\s*[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*)=(?![=<>!~])\s*([^\s,;]*)/.exec(
      spec
    );
  if (!match) {
    return null;
  }
  const at = match[1].length;
  const name = match[1].trim();
  return spanError(
    at,
    at + 1,
    'pip-single-equals',
    __(
      'pip needs "==" to pin a version; a single "=" is conda syntax. Write %1==%2.',
      name,
      match[2] || '1.0'
    )
  );
}

/** Explain where the grammar stopped reading, in plain words. */
function explainStop(spec: string, offset: number, __: Translate): ISpanIssue {
  const before = spec.slice(0, offset);
  const trimmedBefore = before.trimEnd();
  const rest = spec.slice(offset);
  const inExtras = before.lastIndexOf('[') > before.lastIndexOf(']');
  const inMarker = before.includes(';');

  if (rest.trim() === '') {
    const end = spec.length;
    const lastOperator = OPERATORS.find(op => trimmedBefore.endsWith(op));
    if (lastOperator) {
      return spanError(
        trimmedBefore.length - lastOperator.length,
        end,
        'pip-missing-version',
        __('A version number is missing after "%1".', lastOperator)
      );
    }
    if (trimmedBefore.endsWith(',')) {
      return spanError(
        trimmedBefore.length - 1,
        end,
        'pip-trailing-comma',
        __(
          'Another version constraint should follow the comma; remove the comma or add one, as in >=1.0,<2.'
        )
      );
    }
    if (inExtras) {
      return spanError(
        before.lastIndexOf('['),
        end,
        'pip-unclosed-extras',
        __('The list of extras is not closed; add "]".')
      );
    }
    if (inMarker) {
      return spanError(
        before.indexOf(';'),
        end,
        'pip-incomplete-marker',
        __(
          'The condition after ";" is incomplete. Write for example: ; python_version >= "3.8".'
        )
      );
    }
    return spanError(
      Math.max(0, offset - 1),
      end,
      'pip-incomplete',
      __('This requirement is incomplete.')
    );
  }

  const ch = spec[offset];
  const wordEnd = offset + (/^\S+/.exec(rest)?.[0].length ?? 1);
  if (inExtras) {
    return spanError(
      offset,
      offset + 1,
      'pip-extras-syntax',
      __(
        'Extras are names separated by commas, as in name[extra1,extra2]; %1 is not allowed here.',
        describeChar(ch, __)
      )
    );
  }
  if (inMarker) {
    return spanError(
      offset,
      wordEnd,
      'pip-marker-syntax',
      __(
        'This condition is not valid: compare a variable such as python_version or sys_platform with a quoted value, as in python_version >= "3.8".'
      )
    );
  }
  if (trimmedBefore.endsWith(',')) {
    return spanError(
      offset,
      offset + 1,
      'pip-missing-constraint',
      __('A version constraint such as <2 should follow the comma.')
    );
  }
  const nameOnly = NAME_PREFIX.exec(before);
  if (
    nameOnly &&
    nameOnly[0].trimEnd().length === trimmedBefore.length &&
    /\s$/.test(before)
  ) {
    const word = spec.slice(offset, wordEnd);
    return /^\d/.test(word)
      ? spanError(
          offset,
          wordEnd,
          'pip-missing-operator',
          __(
            'A version needs an operator in front of it: write %1==%2.',
            nameOnly[1],
            word
          )
        )
      : spanError(
          nameOnly[0].trimEnd().length,
          offset,
          'pip-space-in-name',
          __(
            'Package names cannot contain spaces. Did you mean %1-%2?',
            nameOnly[1],
            word
          )
        );
  }
  if (OPERATOR_CHARS.includes(ch)) {
    if (/\s$/.test(before) && /[A-Za-z0-9*]$/.test(trimmedBefore)) {
      return spanError(
        offset,
        offset + 1,
        'pip-missing-comma',
        __('Separate version constraints with a comma, as in >=1.0,<2.')
      );
    }
    let start = offset;
    while (start > 0 && OPERATOR_CHARS.includes(spec[start - 1])) {
      start--;
    }
    let end = offset;
    while (end < spec.length && OPERATOR_CHARS.includes(spec[end])) {
      end++;
    }
    return spanError(
      start,
      end,
      'pip-bad-operator',
      __(
        '"%1" is not a version operator; use one of ==, !=, <=, >=, <, >, ~= or ===.',
        spec.slice(start, end)
      )
    );
  }
  return spanError(
    offset,
    wordEnd,
    'pip-unexpected',
    __(
      'pip cannot read this requirement: %1 is unexpected here. A requirement looks like name, name[extra]>=1.0,<2 or name @ https://….',
      describeChar(ch, __)
    )
  );
}

function checkName(
  req: ProjectNameRequirementWithLocation | ProjectURLRequirementWithLocation,
  __: Translate
): ISpanIssue[] {
  const { data, location } = req.data.name;
  return NAME.test(data)
    ? []
    : [
        spanError(
          location.startIdx,
          location.endIdx,
          'pip-name-chars',
          __(
            'Package names may only contain ASCII letters, digits, ".", "_" and "-".'
          )
        )
      ];
}

function checkVersions(
  req: ProjectNameRequirementWithLocation,
  text: string,
  __: Translate
): ISpanIssue[] {
  const issues: ISpanIssue[] = [];
  for (const spec of req.data.versionSpec ?? []) {
    const { operator, version } = spec.data;
    const written = text.startsWith('===', operator.location.startIdx)
      ? '==='
      : operator.data;
    const problem = checkSpecifier(written, version.data);
    const at = (code: string, message: string) =>
      issues.push(
        spanError(
          version.location.startIdx,
          version.location.endIdx,
          code,
          message
        )
      );
    switch (problem) {
      case 'invalid':
        at(
          'pip-bad-version',
          __(
            '"%1" is not a valid version number for pip (PEP 440), such as 1.2, 2.0.1 or 1.0rc1.',
            version.data
          )
        );
        break;
      case 'wildcard-operator':
        at(
          'pip-wildcard-operator',
          __(
            'A ".*" wildcard works only with == and !=; write %1 without it.',
            operator.data
          )
        );
        break;
      case 'local-operator':
        at(
          'pip-local-operator',
          __('A local version ("+…") can only be pinned exactly, with ==.')
        );
        break;
      case 'compatible-needs-two-parts':
        at(
          'pip-compatible-release',
          __('"~=" needs a version with at least two parts, such as ~=1.4.')
        );
        break;
    }
  }
  return issues;
}

function checkUrl(
  req: ProjectURLRequirementWithLocation,
  __: Translate
): ISpanIssue[] {
  const { data, location } = req.data.url;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\S/.test(data)) {
    return [];
  }
  const start = Math.min(location.startIdx, req.location.endIdx);
  return [
    spanError(
      start,
      location.endIdx,
      'pip-url-expected',
      __(
        'After "@" pip needs a URL, such as https://… or git+https://…; to pin a version write name==1.0 instead.'
      )
    )
  ];
}

/** Problems in one requirement; offsets are into `spec`. */
export function checkRequirementSpec(
  spec: string,
  __: Translate
): ISpanIssue[] {
  const hint = singleEquals(spec, __);
  if (hint) {
    return [hint];
  }
  let parsed;
  try {
    parsed = parsePipRequirementsLine(spec.replace(ARBITRARY_EQUALITY, '==_'), {
      includeLocations: true
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const column = /col (\d+):/.exec(message);
    const offset = column ? Number(column[1]) - 1 : -1;
    if (
      column &&
      !/={3}/.test(spec.slice(Math.max(0, offset - 2), offset + 3))
    ) {
      return [explainStop(spec, offset, __)];
    }
    // Not a syntax error (for example the parser ran out of stack).
    return [
      {
        start: 0,
        end: spec.length,
        severity: 'warning',
        code: 'pip-unchecked',
        message: __('This requirement is too complex to check here.')
      }
    ];
  }
  if (!parsed) {
    return [];
  }
  switch (parsed.data.type) {
    case 'ProjectName': {
      const req = parsed as ProjectNameRequirementWithLocation;
      return [...checkName(req, __), ...checkVersions(req, spec, __)];
    }
    case 'ProjectURL': {
      const req = parsed as ProjectURLRequirementWithLocation;
      return [...checkName(req, __), ...checkUrl(req, __)];
    }
    default:
      // -r/-c lines never reach here: options are handled by the caller.
      return [];
  }
}
