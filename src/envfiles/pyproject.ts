/**
 * What repo2docker reads from pyproject.toml (python/__init__.py): whether
 * it makes the folder a Python package ([project] and [build-system]) and
 * the Python versions its requires-python allows. A line-based reading of
 * the table headers and one key is enough for that; it is not a TOML parser.
 */

export interface IPyproject {
  /** [project] and [build-system] are both there: repo2docker runs "pip install .". */
  isPackage: boolean;
  /** The requires-python string of [project], when there is one. */
  requiresPython: string | null;
}

const HEADER = /^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(?:#.*)?$/;
const REQUIRES_PYTHON = /^\s*requires-python\s*=\s*(["'])(.*?)\1/;

export function readPyproject(text: string): IPyproject {
  const tables = new Set<string>();
  let table = '';
  let requiresPython: string | null = null;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const header = HEADER.exec(line);
    if (header) {
      table = header[1];
      tables.add(table);
      continue;
    }
    const requires = REQUIRES_PYTHON.exec(line);
    if (requires && table === 'project') {
      requiresPython = requires[2];
    }
  }
  return {
    isPackage: tables.has('project') && tables.has('build-system'),
    requiresPython
  };
}

/** A release as numbers: `3.10` → [3, 10]. */
function release(version: string): number[] | null {
  return /^\d+(\.\d+)*$/.test(version) ? version.split('.').map(Number) : null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) {
      return diff;
    }
  }
  return 0;
}

function matchesPrefix(version: number[], prefix: number[]): boolean {
  return prefix.every((n, i) => (version[i] ?? 0) === n);
}

/** Whether `version` satisfies one clause such as `>=3.9` or `==3.11.*`; null if unreadable. */
function satisfies(version: number[], clause: string): boolean | null {
  const match = /^(===|==|!=|<=|>=|~=|<|>)\s*(\S+)$/.exec(clause.trim());
  if (!match) {
    return null;
  }
  const [, operator, written] = match;
  const wildcard = written.endsWith('.*');
  const bound = release(wildcard ? written.slice(0, -2) : written);
  if (bound === null) {
    return null;
  }
  const order = compare(version, bound);
  switch (operator) {
    case '==':
    case '===':
      return wildcard ? matchesPrefix(version, bound) : order === 0;
    case '!=':
      return wildcard ? !matchesPrefix(version, bound) : order !== 0;
    case '>=':
      return order >= 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    default:
      // ~=X.Y(.Z): at least the bound, same release up to the last part.
      return (
        bound.length > 1 &&
        order >= 0 &&
        matchesPrefix(version, bound.slice(0, -1))
      );
  }
}

/**
 * Whether a `major.minor` version is allowed by a specifier set such as
 * `>=3.9,<3.13`; null when the set cannot be read here.
 */
export function allowsPython(
  specifiers: string,
  version: string
): boolean | null {
  const numbers = release(version);
  if (numbers === null) {
    return null;
  }
  let allowed = true;
  for (const clause of specifiers.split(',')) {
    if (clause.trim() === '') {
      continue;
    }
    const result = satisfies(numbers, clause);
    if (result === null) {
      return null;
    }
    allowed &&= result;
  }
  return allowed;
}
