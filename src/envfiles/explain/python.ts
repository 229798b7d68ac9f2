/**
 * Which Python repo2docker builds, and why: each buildpack's
 * `python_version` (conda/, pipfile/, python/__init__.py). Where nothing asks
 * for a version repo2docker takes its default and warns that it will change,
 * so the panel says so rather than leaving the version unsaid.
 */
import { parse } from 'yaml';
import { allowsPython, readPyproject } from '../pyproject';
import {
  DEFAULT_PYTHON,
  PYTHON_MAJOR_DEFAULTS,
  SUPPORTED_PYTHON_VERSIONS
} from '../repo2docker';
import { BuildpackId, IPythonDecision } from './types';
import { FolderView } from './view';

/** repo2docker's PYTHON_REGEX in conda/__init__.py, matched at the start. */
const CONDA_PYTHON = /^python\s*=+\s*([\d.]*)/;

/** Keep `major.minor`; a bare major means that major's default. */
function majorMinor(version: string): string {
  const parts = version.split('.');
  return parts.length === 1
    ? (PYTHON_MAJOR_DEFAULTS[version] ?? version)
    : parts.slice(0, 2).join('.');
}

function fromEnvironmentYml(view: FolderView): IPythonDecision | null {
  const path =
    view.pathOf('environment.yml') ?? view.pathOf('environment.yaml');
  const text =
    view.textOf('environment.yml') ?? view.textOf('environment.yaml');
  if (path === null) {
    return null;
  }
  if (text === null) {
    return { version: null, source: 'environment', path, written: null };
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return null;
  }
  const deps = (data as { dependencies?: unknown } | null)?.dependencies;
  for (const dep of Array.isArray(deps) ? deps : []) {
    const match = typeof dep === 'string' ? CONDA_PYTHON.exec(dep) : null;
    if (match && match[1] !== '') {
      return {
        version: majorMinor(match[1].replace(/\.$/, '')),
        source: 'environment',
        path,
        written: dep.trim()
      };
    }
  }
  return null;
}

/** python_full_version or python_version, from Pipfile.lock first, then the Pipfile. */
function fromPipfile(view: FolderView): IPythonDecision | null {
  const lockPath = view.pathOf('Pipfile.lock');
  const lock = view.textOf('Pipfile.lock');
  if (lockPath !== null && lock !== null) {
    try {
      const requires = JSON.parse(lock)?._meta?.requires ?? {};
      for (const key of ['python_full_version', 'python_version']) {
        const match = /^\d+(\.\d+)*/.exec(String(requires[key] ?? ''));
        if (match) {
          return {
            version: majorMinor(match[0]),
            source: 'pipfile',
            path: lockPath,
            written: `${key} = ${requires[key]}`
          };
        }
      }
    } catch {
      // An unreadable lock file fails the build; the validator reports it.
    }
  }
  const path = view.pathOf('Pipfile');
  const text = view.textOf('Pipfile');
  const match =
    text === null
      ? null
      : /^\s*python_(?:full_)?version\s*=\s*["'](\d+(?:\.\d+)*)/m.exec(text);
  return path !== null && match
    ? {
        version: majorMinor(match[1]),
        source: 'pipfile',
        path,
        written: match[0].trim()
      }
    : null;
}

/** The Python buildpack's choice: runtime.txt, else the default unless pyproject.toml excludes it. */
function forPythonBuildpack(view: FolderView): IPythonDecision {
  const runtime = view.runtime;
  if (runtime.kind === 'parsed' && runtime.parse.spec?.name === 'python') {
    const version = runtime.parse.spec.version;
    if (version !== null) {
      return {
        version: majorMinor(version),
        source: 'runtime',
        path: runtime.path,
        written: runtime.parse.content
      };
    }
  }
  const fallback: IPythonDecision = {
    version: DEFAULT_PYTHON,
    source: 'default',
    path: null,
    written: null
  };
  const path = view.pathOf('pyproject.toml');
  const text = view.textOf('pyproject.toml');
  const requires = text === null ? null : readPyproject(text).requiresPython;
  if (path === null || requires === null) {
    return fallback;
  }
  if (allowsPython(requires, DEFAULT_PYTHON) !== false) {
    return { ...fallback, path, written: requires };
  }
  const fits = SUPPORTED_PYTHON_VERSIONS.filter(
    v => allowsPython(requires, v) === true
  );
  return {
    version: fits.length > 0 ? fits[fits.length - 1] : null,
    source: 'pyproject',
    path,
    written: requires
  };
}

/**
 * The Python repo2docker builds for the chosen buildpack; null for
 * Dockerfile and Nix, where the files decide everything.
 */
export function decidePython(
  view: FolderView,
  buildpack: BuildpackId
): IPythonDecision | null {
  const fallback: IPythonDecision = {
    version: DEFAULT_PYTHON,
    source: 'default',
    path: null,
    written: null
  };
  switch (buildpack) {
    case 'dockerfile':
    case 'nix':
      return null;
    case 'conda':
      return fromEnvironmentYml(view) ?? fallback;
    case 'pipfile':
      return fromPipfile(view) ?? fallback;
    case 'python':
      return forPythonBuildpack(view);
    default:
      // R and Julia run Jupyter on the default Python.
      return fallback;
  }
}
