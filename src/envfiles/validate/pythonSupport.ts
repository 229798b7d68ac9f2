/**
 * Whether repo2docker has a base environment for a Python version, asked for
 * in runtime.txt or environment.yml. A version newer than the newest it
 * knows may work with a newer repo2docker, so that is only a warning.
 */
import {
  PYTHON_MAJOR_DEFAULTS,
  PYTHON_VERSIONS,
  REPO2DOCKER_VERSION
} from '../repo2docker';
import { Problems } from './problems';

/**
 * Report a Python version (`3`, `3.12`, `3.12.1` as written) that repo2docker
 * cannot build, between `start` and `end`; codes start with `prefix`.
 */
export function checkPythonSupport(
  written: string,
  prefix: string,
  problems: Problems,
  start: number,
  end: number
): void {
  const __ = problems.__;
  const parts = written.split('.');
  // repo2docker keeps major.minor, and maps a bare major to its default.
  const version =
    parts.length === 1
      ? (PYTHON_MAJOR_DEFAULTS[written] ?? '')
      : parts.slice(0, 2).join('.');
  if (PYTHON_VERSIONS.includes(version)) {
    return;
  }
  const newest = PYTHON_VERSIONS[PYTHON_VERSIONS.length - 1];
  const [major, minor] = version.split('.').map(Number);
  const [newestMajor, newestMinor] = newest.split('.').map(Number);
  if (major === newestMajor && minor > newestMinor) {
    problems.warning(
      `${prefix}-python-newer`,
      start,
      end,
      __(
        'repo2docker %1 supports Python up to %2; Python %3 builds only if the build service runs a newer repo2docker.',
        REPO2DOCKER_VERSION,
        newest,
        version
      )
    );
  } else {
    problems.error(
      `${prefix}-python-unsupported`,
      start,
      end,
      __(
        'repo2docker cannot build Python %1. Use one of: %2.',
        written,
        PYTHON_VERSIONS.join(', ')
      )
    );
  }
}
