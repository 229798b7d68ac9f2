/**
 * The answer to "what will repo2docker do with this folder?", as data a view can render.
 */
import { IRuntimeSpec } from '../runtime';

/** Where repo2docker reads configuration from: the top level ('') or a sub-folder. */
export type ConfigFolder = '' | 'binder' | '.binder';

/** The buildpacks, in the order repo2docker tries them. */
export type BuildpackId =
  'dockerfile' | 'julia' | 'nix' | 'r' | 'conda' | 'pipfile' | 'python';

/** Why a buildpack was picked. */
export type BuildpackReason =
  | 'dockerfile'
  | 'julia-project'
  | 'nix'
  | 'r-runtime'
  | 'r-description'
  | 'conda'
  | 'pipfile'
  | 'python-runtime'
  | 'python-package'
  | 'python-requirements'
  | 'python-default';

export interface IBuildpackChoice {
  id: BuildpackId;
  /** Short plain-words name, translated ("conda", "R"). */
  label: string;
  reason: BuildpackReason;
  /** The file that made the choice, or null for the default. */
  decidedBy: string | null;
  /** Plain-words sentence, translated. */
  message: string;
}

/** Why a file is used. */
export type UsedReason =
  | 'builds-image'
  | 'builds-nix-environment'
  | 'installs-julia-packages'
  | 'installs-conda-packages'
  | 'installs-r-package'
  | 'pip-installs'
  | 'also-installs-conda'
  | 'runs-install-r'
  | 'installs-package'
  | 'pipfile-installed'
  | 'pipfile-python-version'
  | 'apt-packages'
  | 'post-build-script'
  | 'start-script'
  | 'sets-python-version'
  | 'sets-r-version'
  | 'runtime-unread'
  | 'limits-python-version'
  | 'pyproject-unread'
  | 'installs-into-server'
  | 'breaks-build';

/** Why a file is ignored. */
export type IgnoredReason =
  | 'dockerfile-wins'
  | 'binder-folder-wins'
  | 'not-looked-at'
  | 'misnamed'
  | 'top-level-only'
  | 'both-binder-folders'
  | 'build-fails'
  | 'other-buildpack'
  | 'nix-only'
  | 'conda-ignores-requirements'
  | 'pipfile-ignores-requirements'
  | 'conda-python-version'
  | 'pipfile-python-version'
  | 'runtime-r-needs-date'
  | 'runtime-julia'
  | 'runtime-unknown-name'
  | 'pipfile-runtime-not-python'
  | 'install-r-needs-r'
  | 'setup-py-not-installed'
  | 'environment-yml-preferred'
  | 'julia-project-preferred'
  | 'require-superseded'
  | 'pyproject-not-package'
  | 'requirements3-needs-old-python';

export type FileRole =
  | { status: 'used'; reason: UsedReason }
  | { status: 'ignored'; reason: IgnoredReason };

/** What happens to one configuration file. */
export type IFileRole = FileRole & {
  path: string;
  /** Plain-words sentence, translated. */
  message: string;
};

/** Something that makes the build fail before it installs anything. */
export type BlockerId =
  | 'both-binder-folders'
  | 'julia-require'
  | 'runtime-invalid'
  | 'runtime-rejected'
  | 'pyproject-python';

export interface IBlocker {
  id: BlockerId;
  /** The file at fault, when there is one. */
  path: string | null;
  message: string;
}

/** What runtime.txt means, when there is one in the folder repo2docker reads. */
export interface IRuntimeMeaning {
  path: string;
  /** Null when the contents were not given or cannot be read by repo2docker. */
  spec: IRuntimeSpec | null;
  /** Plain words, translated: "Python 3.12", "R 4.1.3 with CRAN packages as of 2021-09-01". */
  summary: string;
}

/** Where the Python version comes from. */
export type PythonSource =
  'runtime' | 'environment' | 'pipfile' | 'pyproject' | 'default';

export interface IPythonDecision {
  /** `major.minor`, or null when the contents that decide it were not given. */
  version: string | null;
  source: PythonSource;
  /** The file that decided, or null for the default. */
  path: string | null;
  /** What the file says, as written (`python=3.11`, `>=3.11`), when it matters. */
  written: string | null;
}

/** The Python repo2docker builds, where it chooses one, and why. */
export type IPythonChoice = IPythonDecision & {
  /** Plain words, translated: "Python 3.10, repo2docker's default: …". */
  message: string;
};

export interface IEnvironmentExplanation {
  /** Null when repo2docker cannot decide (both binder/ and .binder/ exist). */
  folder: ConfigFolder | null;
  /** Null when the build fails before a buildpack is chosen. */
  buildpack: IBuildpackChoice | null;
  /** What runtime.txt sets, only when the build uses it. */
  runtime: IRuntimeMeaning | null;
  /** Null for Dockerfile and Nix builds, and when the build fails before choosing. */
  python: IPythonChoice | null;
  /** Every configuration file found, used or ignored, in the order given. */
  files: IFileRole[];
  blockers: IBlocker[];
}
