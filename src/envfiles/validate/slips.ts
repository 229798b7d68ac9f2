/**
 * Common slips in a package list, recognised before any grammar runs so the
 * message names the mistake rather than where a parser stopped: an install
 * command pasted from a notebook or a README, a version without a package
 * name, Python itself listed as a pip package, a quote left open.
 */
import { ISpanIssue, spanError } from './problems';
import { Translate } from '../../translate';

/** Which list the text is an entry of. */
export type ListKind = 'pip' | 'conda';

/**
 * `pip install`, `!pip3 install`, `%conda install`, `python -m pip install`,
 * `sudo mamba install`: group 1 is the installer's name.
 */
const INSTALL_COMMAND =
  /^[!%]?\s*(?:sudo\s+)?(?:python[\d.]*\s+-m\s+)?(pip[\d.]*|conda|mamba|micromamba)\s+install(?=\s|$)/i;

/** Installer options whose value is the next word. */
const OPTIONS_WITH_VALUE = [
  '-c',
  '--channel',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-n',
  '--name',
  '-p',
  '--prefix',
  '-r',
  '--requirement'
];

/** The package words after `install`, without options and their values. */
function packagesAfter(words: string[]): string[] {
  const packages: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (OPTIONS_WITH_VALUE.includes(word)) {
      i++;
    } else if (!word.startsWith('-')) {
      packages.push(word.replace(/^["']|["']$/g, ''));
    }
  }
  return packages;
}

/** An install command written where only package names belong. */
export function pastedCommand(
  line: string,
  kind: ListKind,
  __: Translate
): ISpanIssue | null {
  const start = line.length - line.trimStart().length;
  const match = INSTALL_COMMAND.exec(line.slice(start));
  if (!match) {
    return null;
  }
  const end = start + match[0].length;
  const packages = packagesAfter(line.slice(end).trim().split(/\s+/));
  const named = packages.filter(p => p !== '');
  const list = named.length > 0 ? named.join(', ') : __('the package names');
  const pip = match[1].toLowerCase().startsWith('pip');
  let message: string;
  if (kind === 'pip') {
    message = pip
      ? __(
          'This is an install command; the build runs pip install itself. Write only what it installs, one per line: %1.',
          list
        )
      : __(
          'This is a conda command, and this list is for pip. Write %1 here if it is on PyPI, or under dependencies: in environment.yml for conda.',
          list
        );
  } else {
    message = pip
      ? __(
          'This is a pip command. For pip packages, add an entry "- pip:" to dependencies and list %1 under it.',
          list
        )
      : __(
          'This is an install command; the build installs the dependencies itself. Write only what it installs, one per entry: %1.',
          list
        );
  }
  return spanError(
    start,
    end,
    kind === 'pip' ? 'pip-command' : 'conda-command',
    message
  );
}

const SPECIFIER_START = /^(===|==|!=|<=|>=|~=|<|>)\s*(\S*)/;

/** A version constraint with no package name in front of it (`~=1.0`). */
export function missingName(spec: string, __: Translate): ISpanIssue | null {
  const start = spec.length - spec.trimStart().length;
  const match = SPECIFIER_START.exec(spec.slice(start));
  if (!match) {
    return null;
  }
  return spanError(
    start,
    start + match[0].length,
    'pip-missing-name',
    __(
      'The package name is missing: a requirement starts with it, as in numpy%1%2.',
      match[1],
      match[2] || '1.0'
    )
  );
}

const PYTHON_REQUIREMENT =
  /^python\s*(?:(===|==|~=|>=|<=|!=|<|>)\s*([\w.*]+))?\s*(?=$|[;,\s[=<>!~])/i;

/** `python==3.10` in a pip list: pip cannot install Python itself. */
export function pythonAsPackage(
  spec: string,
  __: Translate
): ISpanIssue | null {
  const start = spec.length - spec.trimStart().length;
  const match = PYTHON_REQUIREMENT.exec(spec.slice(start));
  if (!match) {
    return null;
  }
  const version = /^\d+\.\d+/.exec(match[2] ?? '')?.[0] ?? '3.12';
  return spanError(
    start,
    start + match[0].trimEnd().length,
    'pip-python',
    __(
      'pip cannot install Python itself, so the build fails here. Choose the Python version in runtime.txt (python-%1), or, with environment.yml, as "- python=%1" in its dependencies.',
      version
    )
  );
}

/** A quote in a condition after ";" that is never closed, reported where it opens. */
export function unclosedQuote(spec: string, __: Translate): ISpanIssue | null {
  const semicolon = spec.indexOf(';');
  if (semicolon < 0) {
    return null;
  }
  let open: { quote: string; at: number } | null = null;
  for (let i = semicolon + 1; i < spec.length; i++) {
    const ch = spec[i];
    if (open === null && (ch === '"' || ch === "'")) {
      open = { quote: ch, at: i };
    } else if (open !== null && ch === open.quote) {
      open = null;
    }
  }
  if (open === null) {
    return null;
  }
  return spanError(
    open.at,
    spec.trimEnd().length,
    'pip-unclosed-quote',
    __(
      'This quote is not closed; add %1 after the value, as in python_version < "3.12".',
      open.quote
    )
  );
}

/** The first slip in one pip requirement line, or null. */
export function pipSlip(line: string, __: Translate): ISpanIssue | null {
  return (
    pastedCommand(line, 'pip', __) ??
    missingName(line, __) ??
    pythonAsPackage(line, __) ??
    unclosedQuote(line, __)
  );
}
