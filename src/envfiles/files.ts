/**
 * The catalogue of repo2docker configuration files: what each is for, in
 * plain words, and what a new one starts with.
 */
import { ENVIRONMENT_FILE_NAMES, EnvironmentFileName } from './names';
import { STARTERS } from './starters';
import { noTranslation, Translate } from '../translate';

export interface IEnvironmentFileInfo {
  name: EnvironmentFileName;
  /** One line in plain words, translated. */
  description: string;
  /** Content for "create with a starter file". */
  starter: string;
}

function describe(name: EnvironmentFileName, __: Translate): string {
  // One literal string per `__` call so translation tools can extract them.
  switch (name) {
    case 'environment.yml':
      return __(
        'Conda packages to install (PyPI packages go under "pip:"); with it, requirements.txt is ignored.'
      );
    case 'requirements.txt':
      return __(
        'Python packages to install with pip, one requirement per line.'
      );
    case 'apt.txt':
      return __(
        'Ubuntu packages to install with apt-get, one package name per line.'
      );
    case 'postBuild':
      return __(
        'A script run once at the end of the build, as the notebook user, to finish the setup.'
      );
    case 'start':
      return __(
        'A script run each time the server starts, before Jupyter; it must end with exec "$@".'
      );
    case 'runtime.txt':
      return __(
        'The Python version (python-3.12), or the R version and CRAN snapshot date (r-4.4-2024-06-01).'
      );
    case 'install.R':
      return __(
        'R code run during the build to install R packages; used only when R is selected.'
      );
    case 'DESCRIPTION':
      return __(
        'An R package description: selects R and installs its dependencies (top level only, without a binder folder).'
      );
    case 'Project.toml':
      return __('Julia packages to install; selects a Julia environment.');
    case 'Pipfile':
      return __(
        'Python packages for pipenv; used instead of requirements.txt.'
      );
    case 'Pipfile.lock':
      return __(
        'The exact package versions pipenv resolved; installed in preference to the Pipfile.'
      );
    case 'setup.py':
      return __(
        'Makes the folder a Python package, installed with "pip install ." (top level only, without a binder folder).'
      );
    case 'default.nix':
      return __(
        'A Nix expression describing the whole environment; conda and pip files are then ignored.'
      );
    case 'Dockerfile':
      return __(
        'Builds the image from your own Dockerfile; every other file here is then ignored.'
      );
  }
}

/** Every configuration file with its description and starter content. */
export function environmentFiles(
  __: Translate = noTranslation
): IEnvironmentFileInfo[] {
  return ENVIRONMENT_FILE_NAMES.map(name => ({
    name,
    description: describe(name, __),
    starter: STARTERS[name]
  }));
}
