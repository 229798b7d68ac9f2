/**
 * Plain-words sentences for the explanation. Each literal goes through `__`
 * so the UI can translate it.
 */
import {
  PYTHON_MAJOR_DEFAULTS,
  DEFAULT_R_VERSION,
  R_VERSIONS
} from '../repo2docker';
import {
  BlockerId,
  BuildpackId,
  BuildpackReason,
  ConfigFolder,
  FileRole
} from './types';
import { RuntimeState } from './view';
import { Translate } from '../../translate';

export function buildpackLabel(id: BuildpackId, __: Translate): string {
  switch (id) {
    case 'dockerfile':
      return __('Dockerfile');
    case 'julia':
      return __('Julia');
    case 'nix':
      return __('Nix');
    case 'r':
      return __('R');
    case 'conda':
      return __('conda (environment.yml)');
    case 'pipfile':
      return __('pipenv (Pipfile)');
    case 'python':
      return __('Python (pip)');
  }
}

export function buildpackMessage(
  reason: BuildpackReason,
  decidedBy: string | null,
  __: Translate
): string {
  switch (reason) {
    case 'dockerfile':
      return __(
        '%1 is there, so repo2docker builds the image from it alone.',
        decidedBy
      );
    case 'julia-project':
      return __('%1 selects a Julia environment.', decidedBy);
    case 'nix':
      return __(
        '%1 selects a Nix environment, built with nix-shell.',
        decidedBy
      );
    case 'r-runtime':
      return __(
        '%1 asks for R with a CRAN snapshot date, so repo2docker sets up R, RStudio and the R kernel.',
        decidedBy
      );
    case 'r-description':
      return __(
        '%1 marks the folder as an R package, so repo2docker sets up R and installs its dependencies.',
        decidedBy
      );
    case 'conda':
      return __(
        '%1 selects a conda environment, installed with mamba.',
        decidedBy
      );
    case 'pipfile':
      return __(
        '%1 selects a Python environment installed with pipenv.',
        decidedBy
      );
    case 'python-runtime':
      return __(
        '%1 asks for Python, so repo2docker sets up Python and pip.',
        decidedBy
      );
    case 'python-package':
      return __(
        '%1 makes the folder a Python package, installed with pip.',
        decidedBy
      );
    case 'python-requirements':
      return __(
        '%1 selects a Python environment installed with pip.',
        decidedBy
      );
    case 'python-default':
      return __(
        'No file chooses another kind of environment, so repo2docker uses its default Python environment.'
      );
  }
}

/** Details a file message may mention. */
export interface IMessageContext {
  /** The configuration name the file should have. */
  name: string;
  folder: ConfigFolder;
  /** Label of the chosen buildpack, or '' when the build fails before choosing. */
  buildpack: string;
  /** What runtime.txt means, for runtime messages. */
  runtime: string;
  /** The runtime name (python, r, ...) when runtime.txt was read. */
  runtimeName: string;
}

export function fileMessage(
  role: FileRole,
  blocker: BlockerId | null,
  ctx: IMessageContext,
  __: Translate
): string {
  if (role.status === 'used') {
    switch (role.reason) {
      case 'builds-image':
        return __(
          'Used: repo2docker builds the image from this Dockerfile and nothing else.'
        );
      case 'builds-nix-environment':
        return __(
          'Used: the environment is built from this file with nix-shell.'
        );
      case 'installs-julia-packages':
        return __('Used: its Julia packages are installed and precompiled.');
      case 'installs-conda-packages':
        return __('Used: its packages are installed with mamba.');
      case 'also-installs-conda':
        return __(
          'Used: the %1 environment builds on conda, so these packages are installed too.',
          ctx.buildpack
        );
      case 'installs-r-package':
        return __(
          'Used: the R packages it lists as dependencies are installed.'
        );
      case 'pip-installs':
        return __('Used: installed with pip.');
      case 'runs-install-r':
        return __('Used: run with Rscript during the build.');
      case 'installs-package':
        return __(
          'Used: the folder is installed as a Python package with "pip install .".'
        );
      case 'pipfile-installed':
        return __('Used: packages are installed from it with pipenv.');
      case 'pipfile-python-version':
        return __(
          'Used only for the Python version, when Pipfile.lock does not give one: packages are installed from Pipfile.lock.'
        );
      case 'apt-packages':
        return __(
          'Used: these Ubuntu packages are installed with apt-get first.'
        );
      case 'post-build-script':
        return __(
          'Used: run once at the end of the build, as the notebook user.'
        );
      case 'start-script':
        return __('Used: run each time the server starts, before Jupyter.');
      case 'sets-python-version':
        return __('Used: sets the Python version: %1.', ctx.runtime);
      case 'sets-r-version':
        return __('Used: sets %1.', ctx.runtime);
      case 'runtime-unread':
        return __(
          'Used to choose the language version; its contents were not checked.'
        );
      case 'limits-python-version':
        return __(
          'Used only for requires-python, which limits the Python version repo2docker picks.'
        );
      case 'pyproject-unread':
        return __(
          'Used when it declares a package or requires-python; its contents were not checked.'
        );
      case 'installs-into-server':
        return __(
          "Used: the kernel runs an old Python, so these packages go into the Jupyter server's own Python."
        );
      case 'breaks-build':
        if (blocker === 'runtime-rejected') {
          return __(
            'The build fails here: repo2docker cannot build what this file asks for; see its problem.'
          );
        }
        return blocker === 'julia-require'
          ? __(
              'The build fails here: Julia REQUIRE files are no longer supported; use a Project.toml.'
            )
          : __(
              'The build fails here: repo2docker cannot read this file. Write one line such as python-3.12 or r-4.4-2024-06-01.'
            );
    }
  }
  switch (role.reason) {
    case 'dockerfile-wins':
      return __(
        'Ignored: with a Dockerfile, repo2docker builds from the Dockerfile alone.'
      );
    case 'binder-folder-wins':
      return __(
        'Ignored: repo2docker reads configuration only from the %1/ folder when it exists.',
        ctx.folder
      );
    case 'not-looked-at':
      return __(
        'Ignored: repo2docker reads configuration files only at the top level or in binder/ or .binder/.'
      );
    case 'misnamed':
      return __(
        'Ignored: repo2docker only reads the exact name %1; rename the file.',
        ctx.name
      );
    case 'top-level-only':
      return __(
        'Ignored: repo2docker reads %1 only at the top level, and only when there is no binder folder.',
        ctx.name
      );
    case 'both-binder-folders':
      return __(
        'Ignored: the build fails because both binder/ and .binder/ exist; keep only one.'
      );
    case 'build-fails':
      return __('Not used: the build fails before this file is read.');
    case 'other-buildpack':
      return __(
        'Ignored: repo2docker chose %1, which does not read this file.',
        ctx.buildpack
      );
    case 'nix-only':
      return __(
        'Ignored: a Nix environment contains only what default.nix lists.'
      );
    case 'conda-ignores-requirements':
      return __(
        'Ignored: with environment.yml, list pip packages under "pip:" in environment.yml instead.'
      );
    case 'pipfile-ignores-requirements':
      return __(
        'Ignored: with a Pipfile, packages come from the Pipfile; move them there.'
      );
    case 'conda-python-version':
      return __(
        'Ignored: with environment.yml, the Python version comes from its "python=" dependency.'
      );
    case 'pipfile-python-version':
      return __(
        'Ignored: with a Pipfile, the Python version comes from python_version under [requires] in the Pipfile.'
      );
    case 'runtime-r-needs-date':
      return __(
        'Ignored: to select R, runtime.txt also needs a CRAN snapshot date, for example r-4.4-2024-06-01.'
      );
    case 'runtime-julia':
      return __(
        'Ignored: repo2docker takes the Julia version from Project.toml ([compat] julia = "1.10"), not from runtime.txt.'
      );
    case 'runtime-unknown-name':
      return __(
        'Ignored: repo2docker understands only python-… and r-… in runtime.txt, not %1.',
        ctx.runtimeName
      );
    case 'pipfile-runtime-not-python':
      return __(
        'Ignored: runtime.txt asks for %1, so repo2docker skips pipenv and uses its default Python environment.',
        ctx.runtimeName
      );
    case 'install-r-needs-r':
      return __(
        'Ignored: install.R runs only when R is selected; add a runtime.txt such as r-4.4-2024-06-01.'
      );
    case 'setup-py-not-installed':
      return __(
        'Ignored: the %1 environment does not install the folder as a package.',
        ctx.buildpack
      );
    case 'environment-yml-preferred':
      return __('Ignored: environment.yml is read instead when both exist.');
    case 'julia-project-preferred':
      return __('Ignored: JuliaProject.toml is read instead when both exist.');
    case 'require-superseded':
      return __(
        'Ignored: Project.toml takes the place of the old REQUIRE file.'
      );
    case 'pyproject-not-package':
      return __(
        'Ignored: without both [project] and [build-system] it is not installed as a package, and it sets no requires-python.'
      );
    case 'requirements3-needs-old-python':
      return __(
        'Ignored: repo2docker reads requirements3.txt only when the kernel runs Python older than 3.7; list these packages in requirements.txt.'
      );
  }
}

export function blockerMessage(
  id: BlockerId,
  path: string | null,
  __: Translate,
  detail = ''
): string {
  switch (id) {
    case 'both-binder-folders':
      return __(
        'The build fails: the folder has both binder/ and .binder/, and repo2docker accepts only one. Move the files into one of them.'
      );
    case 'julia-require':
      return __(
        'The build fails: %1 is a Julia REQUIRE file, which repo2docker no longer supports. Use a Project.toml instead.',
        path
      );
    case 'runtime-invalid':
      return __(
        'The build fails: repo2docker cannot read %1. Write one line such as python-3.12, r-4.4-2024-06-01 or r-2024-06-01.',
        path
      );
    case 'runtime-rejected':
      return __('The build fails at %1: %2', path, detail);
    case 'pyproject-python':
      return __(
        'The build fails: %1 requires Python %2, and repo2docker supports no version that fits.',
        path,
        detail
      );
  }
}

/** What runtime.txt asks for, in plain words. */
export function runtimeSummary(state: RuntimeState, __: Translate): string {
  if (state.kind === 'absent') {
    return '';
  }
  if (state.kind === 'unread') {
    return __('contents not checked');
  }
  const spec = state.parse.spec;
  if (spec === null) {
    return __('not readable by repo2docker');
  }
  const { name, version, date } = spec;
  if (name === 'python') {
    if (version === null) {
      return __('the default Python %1', PYTHON_MAJOR_DEFAULTS['3']);
    }
    const byMajor = PYTHON_MAJOR_DEFAULTS[version];
    return byMajor
      ? __('Python %1 (repo2docker picks %2)', version, byMajor)
      : __('Python %1', version);
  }
  if (name === 'r') {
    const full =
      version === null ? DEFAULT_R_VERSION : (R_VERSIONS[version] ?? version);
    if (date === null) {
      return __('R %1, without a CRAN snapshot date', full);
    }
    return version === null
      ? __('R %1 (the default) with CRAN packages as of %2', full, date)
      : __('R %1 with CRAN packages as of %2', full, date);
  }
  return __('%1 %2, which repo2docker does not read', name, version ?? date);
}
