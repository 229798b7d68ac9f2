/**
 * Facts about repo2docker that the explanation and validation depend on.
 *
 * Read from repo2docker 2026.4.0 (buildpacks/base.py, conda/, r.py). They
 * change between repo2docker releases, so they live here and nowhere else.
 */

/** The repo2docker release these facts were read from. */
export const REPO2DOCKER_VERSION = '2026.4.0';

/** Sub-folders that, when present, hold the configuration instead of the top level. */
export const CONFIG_FOLDERS = ['binder', '.binder'] as const;

/** Python `major.minor` versions repo2docker ships a base environment for. */
export const PYTHON_VERSIONS = [
  '2.7',
  '3.5',
  '3.6',
  '3.7',
  '3.8',
  '3.9',
  '3.10',
  '3.11',
  '3.12',
  '3.13',
  '3.14'
];

/** What a bare major version (`python-3`) means (CondaBuildPack.major_pythons). */
export const PYTHON_MAJOR_DEFAULTS: Readonly<Record<string, string>> = {
  '2': '2.7',
  '3': '3.10'
};

/** The Python repo2docker builds when nothing asks for a version. */
export const DEFAULT_PYTHON = PYTHON_MAJOR_DEFAULTS['3'];

/**
 * The versions repo2docker may pick to satisfy pyproject.toml's
 * requires-python (conda/supported_python_version.py), oldest first.
 */
export const SUPPORTED_PYTHON_VERSIONS = [
  '3.8',
  '3.9',
  '3.10',
  '3.11',
  '3.12',
  '3.13',
  '3.14'
];

/**
 * Kernels on a Python older than this run in a separate environment, and
 * requirements3.txt is installed into the Jupyter server's (conda's
 * kernel_env_cutoff_version).
 */
export const KERNEL_ENV_CUTOFF = '3.7';

/** R `major.minor` versions and the patch release repo2docker installs for them. */
export const R_VERSIONS: Readonly<Record<string, string>> = {
  '4.5': '4.5.1',
  '4.4': '4.4.2',
  '4.3': '4.3.3',
  '4.2': '4.2.3',
  '4.1': '4.1.3',
  '4.0': '4.0.5',
  '3.6': '3.6.3',
  '3.5': '3.5.3',
  '3.4': '3.4.4',
  '3.3': '3.3.3'
};

/** The R version used when runtime.txt names a date but no version. */
export const DEFAULT_R_VERSION = '4.4.2';

/** The first date of a CRAN snapshot repo2docker can still install from. */
export const FIRST_R_SNAPSHOT_DATE = '2018-12-07';
