/**
 * The names of the files repo2docker reads, in one place.
 */

/** The repo2docker configuration files a user can create from the panel. */
export const ENVIRONMENT_FILE_NAMES = [
  'environment.yml',
  'requirements.txt',
  'apt.txt',
  'postBuild',
  'start',
  'runtime.txt',
  'install.R',
  'DESCRIPTION',
  'Project.toml',
  'Pipfile',
  'Pipfile.lock',
  'setup.py',
  'default.nix',
  'Dockerfile'
] as const;

export type EnvironmentFileName = (typeof ENVIRONMENT_FILE_NAMES)[number];

/**
 * Other names repo2docker also reads: an alternative spelling of
 * environment.yml, Julia's alternative project file, the removed Julia
 * REQUIRE file that now makes the build fail, pyproject.toml (a package, or
 * the Python versions it allows) and requirements3.txt (packages for the
 * Jupyter server's Python when the kernel runs an old Python).
 */
export const OTHER_CONFIG_NAMES = [
  'environment.yaml',
  'JuliaProject.toml',
  'REQUIRE',
  'pyproject.toml',
  'requirements3.txt'
] as const;

export type ConfigFileName =
  EnvironmentFileName | (typeof OTHER_CONFIG_NAMES)[number];

const ALL_NAMES: readonly string[] = [
  ...ENVIRONMENT_FILE_NAMES,
  ...OTHER_CONFIG_NAMES
];

/** Whether repo2docker reads a file of this exact name. */
export function isConfigFileName(name: string): name is ConfigFileName {
  return ALL_NAMES.includes(name);
}

/**
 * The configuration name a file was probably meant to have when only the
 * letter case differs (`Requirements.txt`, `postbuild`), else null.
 */
export function miscasedConfigName(name: string): ConfigFileName | null {
  const lower = name.toLowerCase();
  const match = ALL_NAMES.find(
    known => known !== name && known.toLowerCase() === lower
  );
  return (match as ConfigFileName | undefined) ?? null;
}
