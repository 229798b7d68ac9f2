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
  | 'require-superseded';

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
  'both-binder-folders' | 'julia-require' | 'runtime-invalid';

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

export interface IEnvironmentExplanation {
  /** Null when repo2docker cannot decide (both binder/ and .binder/ exist). */
  folder: ConfigFolder | null;
  /** Null when the build fails before a buildpack is chosen. */
  buildpack: IBuildpackChoice | null;
  runtime: IRuntimeMeaning | null;
  /** Every configuration file found, used or ignored, in the order given. */
  files: IFileRole[];
  blockers: IBlocker[];
}
