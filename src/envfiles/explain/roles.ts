/**
 * Whether repo2docker uses each configuration file, and why: general rules
 * about placement and failed builds first, then what the chosen buildpack
 * does with each file name.
 */
import { ConfigFileName } from '../names';
import { readPyproject } from '../pyproject';
import { KERNEL_ENV_CUTOFF } from '../repo2docker';
import { IConfigEntry } from './layout';
import {
  BlockerId,
  BuildpackId,
  FileRole,
  IgnoredReason,
  IPythonDecision,
  UsedReason
} from './types';
import { FolderView, TOP_LEVEL_ONLY } from './view';

export interface IRoleContext {
  view: FolderView;
  buildpack: BuildpackId | null;
  blocker: BlockerId | null;
  python: IPythonDecision | null;
}

type Rule = (entry: IConfigEntry, ctx: IRoleContext) => FileRole | null;

const used = (reason: UsedReason): FileRole => ({ status: 'used', reason });
const ignored = (reason: IgnoredReason): FileRole => ({
  status: 'ignored',
  reason
});

/** Buildpacks built on repo2docker's Python one, which installs requirements.txt and setup.py. */
const PIP_BUILDPACKS: readonly BuildpackId[] = ['python', 'r', 'julia'];

/** Read by BaseImage, which every buildpack but Dockerfile extends. */
const BASE_IMAGE_FILES: readonly ConfigFileName[] = [
  'apt.txt',
  'postBuild',
  'start'
];

const GENERAL_RULES: Rule[] = [
  entry => (entry.location === 'elsewhere' ? ignored('not-looked-at') : null),
  entry => (entry.exactName ? null : ignored('misnamed')),
  (_, { view }) =>
    view.layout.folder === null ? ignored('both-binder-folders') : null,
  (entry, { view }) =>
    entry.location === 'root' && view.folder !== ''
      ? ignored('binder-folder-wins')
      : null,
  entry =>
    TOP_LEVEL_ONLY.includes(entry.name) && entry.location !== 'root'
      ? ignored('top-level-only')
      : null,
  (entry, { blocker }) =>
    (blocker === 'julia-require' && entry.name === 'REQUIRE') ||
    ((blocker === 'runtime-invalid' || blocker === 'runtime-rejected') &&
      entry.name === 'runtime.txt')
      ? used('breaks-build')
      : null,
  (_, { blocker }) => (blocker !== null ? ignored('build-fails') : null),
  (entry, { buildpack }) =>
    buildpack === 'dockerfile' && entry.name !== 'Dockerfile'
      ? ignored('dockerfile-wins')
      : null,
  (entry, { buildpack }) =>
    buildpack === 'nix' &&
    entry.name !== 'default.nix' &&
    !BASE_IMAGE_FILES.includes(entry.name)
      ? ignored('nix-only')
      : null
];

function runtimeRole({ view, buildpack }: IRoleContext): FileRole {
  if (view.runtime.kind !== 'parsed') {
    return used('runtime-unread');
  }
  const spec = view.runtime.parse.spec;
  switch (spec?.name) {
    case 'python':
      // Conda takes the version from environment.yml, pipenv from the Pipfile.
      if (buildpack === 'conda') {
        return ignored('conda-python-version');
      }
      return buildpack === 'pipfile'
        ? ignored('pipfile-python-version')
        : used('sets-python-version');
    case 'r':
      if (buildpack === 'r') {
        return used('sets-r-version');
      }
      return spec.date === null
        ? ignored('runtime-r-needs-date')
        : ignored('other-buildpack');
    case 'julia':
      return ignored('runtime-julia');
    default:
      return ignored('runtime-unknown-name');
  }
}

/** Whether a `major.minor` version is older than another. */
function older(version: string, than: string): boolean {
  const [a, b] = [version, than].map(v => v.split('.').map(Number));
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

function pyprojectRole({ view, buildpack }: IRoleContext): FileRole {
  const text = view.textOf('pyproject.toml');
  if (buildpack === null || !PIP_BUILDPACKS.includes(buildpack)) {
    return ignored('setup-py-not-installed');
  }
  if (text === null) {
    return used('pyproject-unread');
  }
  const pyproject = readPyproject(text);
  if (pyproject.isPackage) {
    return used('installs-package');
  }
  return buildpack === 'python' && pyproject.requiresPython !== null
    ? used('limits-python-version')
    : ignored('pyproject-not-package');
}

/** requirements3.txt: only pip environments with a legacy kernel Python read it. */
function requirements3Role({ buildpack, python }: IRoleContext): FileRole {
  if (buildpack !== 'python' && buildpack !== 'pipfile') {
    return ignored('other-buildpack');
  }
  return python?.version && older(python.version, KERNEL_ENV_CUTOFF)
    ? used('installs-into-server')
    : ignored('requirements3-needs-old-python');
}

/** What the chosen buildpack does with a file, by name. */
function fileRole(name: ConfigFileName, ctx: IRoleContext): FileRole {
  const { view, buildpack } = ctx;
  const installsPip = buildpack !== null && PIP_BUILDPACKS.includes(buildpack);
  switch (name) {
    case 'Dockerfile':
      return used('builds-image');
    case 'apt.txt':
      return used('apt-packages');
    case 'postBuild':
      return used('post-build-script');
    case 'start':
      return used('start-script');
    case 'default.nix':
      return buildpack === 'nix'
        ? used('builds-nix-environment')
        : ignored('other-buildpack');
    case 'JuliaProject.toml':
      return used('installs-julia-packages');
    case 'Project.toml':
      return view.has('JuliaProject.toml')
        ? ignored('julia-project-preferred')
        : used('installs-julia-packages');
    case 'REQUIRE':
      return ignored('require-superseded');
    case 'environment.yaml':
      if (view.has('environment.yml')) {
        return ignored('environment-yml-preferred');
      }
      return fileRole('environment.yml', ctx);
    case 'environment.yml':
      // R and Julia extend the conda buildpack, which installs environment.yml too.
      return buildpack === 'conda'
        ? used('installs-conda-packages')
        : used('also-installs-conda');
    case 'requirements.txt':
      if (installsPip) {
        return used('pip-installs');
      }
      return buildpack === 'conda'
        ? ignored('conda-ignores-requirements')
        : ignored('pipfile-ignores-requirements');
    case 'setup.py':
      return installsPip
        ? used('installs-package')
        : ignored('setup-py-not-installed');
    case 'Pipfile':
    case 'Pipfile.lock':
      if (buildpack === 'pipfile') {
        return name === 'Pipfile' && view.has('Pipfile.lock')
          ? used('pipfile-python-version')
          : used('pipfile-installed');
      }
      return buildpack === 'python' &&
        view.runtimeName !== null &&
        view.runtimeName !== 'python'
        ? ignored('pipfile-runtime-not-python')
        : ignored('other-buildpack');
    case 'install.R':
      return buildpack === 'r'
        ? used('runs-install-r')
        : ignored('install-r-needs-r');
    case 'DESCRIPTION':
      return buildpack === 'r'
        ? used('installs-r-package')
        : ignored('other-buildpack');
    case 'runtime.txt':
      return runtimeRole(ctx);
    case 'pyproject.toml':
      return pyprojectRole(ctx);
    case 'requirements3.txt':
      return requirements3Role(ctx);
  }
}

/** The role of one configuration file. */
export function roleOf(entry: IConfigEntry, ctx: IRoleContext): FileRole {
  for (const rule of GENERAL_RULES) {
    const role = rule(entry, ctx);
    if (role) {
      return role;
    }
  }
  return fileRole(entry.name, ctx);
}
