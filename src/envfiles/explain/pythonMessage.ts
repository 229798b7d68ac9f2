/**
 * The Python version repo2docker will build, and why, in plain words.
 */
import { DEFAULT_PYTHON } from '../repo2docker';
import { BuildpackId, IPythonDecision } from './types';
import { Translate } from '../../translate';

export function pythonMessage(
  decision: IPythonDecision,
  buildpack: BuildpackId,
  __: Translate
): string {
  const { version, path, written } = decision;
  switch (decision.source) {
    case 'runtime':
      return written === `python-${version}`
        ? __('Python %1, as %2 asks.', version, path)
        : __(
            'Python %1: %2 says %3, which repo2docker reads as %1.',
            version,
            path,
            written
          );
    case 'environment':
      return version === null
        ? __('Python: as %1 says; its contents were not checked.', path)
        : __('Python %1, from "%2" in %3.', version, written, path);
    case 'pipfile':
      return __('Python %1, from %2 in %3.', version, written, path);
    case 'pyproject':
      return __(
        'Python %1: %2 requires Python %3, which leaves out the default %4, so repo2docker takes the newest version it supports that fits.',
        version,
        path,
        written,
        DEFAULT_PYTHON
      );
    case 'default':
      switch (buildpack) {
        case 'conda':
          return __(
            'Python %1, repo2docker\'s default: environment.yml has no "python=" dependency. Add one (such as - python=3.12) to choose; the default changes with repo2docker releases.',
            version
          );
        case 'pipfile':
          return __(
            "Python %1, repo2docker's default: the Pipfile sets no python_version under [requires]. Set one to choose; the default changes with repo2docker releases.",
            version
          );
        case 'r':
        case 'julia':
          return __(
            "Python %1, repo2docker's default, runs Jupyter next to the %2 kernel.",
            version,
            buildpack === 'r' ? __('R') : __('Julia')
          );
        default:
          if (path !== null) {
            return __(
              "Python %1, repo2docker's default, which requires-python %2 in %3 allows. Add a runtime.txt such as python-3.12 to choose; the default changes with repo2docker releases.",
              version,
              written,
              path
            );
          }
          return __(
            "Python %1, repo2docker's default: nothing in the folder asks for a version. Add a runtime.txt such as python-3.12 to choose; the default changes with repo2docker releases.",
            version
          );
      }
  }
}
