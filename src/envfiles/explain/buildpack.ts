/**
 * Which buildpack repo2docker picks, following the order of its
 * `Repo2Docker.buildpacks` list (app.py) and each buildpack's `detect()`.
 */
import { readPyproject } from '../pyproject';
import { FolderView } from './view';
import { BlockerId, BuildpackId, BuildpackReason } from './types';

export type Detection =
  | {
      kind: 'buildpack';
      id: BuildpackId;
      reason: BuildpackReason;
      decidedBy: string | null;
    }
  | { kind: 'blocked'; blocker: BlockerId; path: string | null };

type Rule = (view: FolderView) => Detection | null;

function pick(
  id: BuildpackId,
  reason: BuildpackReason,
  decidedBy: string | null
): Detection | null {
  return decidedBy === null
    ? null
    : { kind: 'buildpack', id, reason, decidedBy };
}

/** One rule per buildpack, tried in repo2docker's order; the first answer wins. */
const RULES: Rule[] = [
  view => pick('dockerfile', 'dockerfile', view.pathOf('Dockerfile')),
  view =>
    pick(
      'julia',
      'julia-project',
      view.pathOf('JuliaProject.toml') ?? view.pathOf('Project.toml')
    ),
  // The REQUIRE buildpack is still detected but only raises an error.
  view => {
    const path = view.pathOf('REQUIRE');
    return path === null
      ? null
      : { kind: 'blocked', blocker: 'julia-require', path };
  },
  view => pick('nix', 'nix', view.pathOf('default.nix')),
  // The R buildpack is the first to read runtime.txt, so a bad one fails here.
  view =>
    view.runtimeInvalid && view.runtime.kind === 'parsed'
      ? { kind: 'blocked', blocker: 'runtime-invalid', path: view.runtime.path }
      : null,
  view => {
    const runtime = view.runtime;
    const isRWithDate =
      runtime.kind === 'parsed' &&
      runtime.parse.spec?.name === 'r' &&
      runtime.parse.spec.date !== null;
    return isRWithDate ? pick('r', 'r-runtime', runtime.path) : null;
  },
  view => pick('r', 'r-description', view.pathOf('DESCRIPTION')),
  view =>
    pick(
      'conda',
      'conda',
      view.pathOf('environment.yml') ?? view.pathOf('environment.yaml')
    ),
  // pipenv is skipped when runtime.txt asks for something other than Python.
  view =>
    view.runtimeName !== null && view.runtimeName !== 'python'
      ? null
      : pick(
          'pipfile',
          'pipfile',
          view.pathOf('Pipfile.lock') ?? view.pathOf('Pipfile')
        ),
  view => {
    const runtime = view.runtime;
    if (runtime.kind === 'parsed' && view.runtimeName !== null) {
      // Any runtime name decides the Python buildpack's detect(): only
      // `python` says yes; others fall through to the default below.
      return view.runtimeName === 'python'
        ? pick('python', 'python-runtime', runtime.path)
        : null;
    }
    const pyproject = view.textOf('pyproject.toml');
    return (
      pick('python', 'python-package', view.pathOf('setup.py')) ??
      pick(
        'python',
        'python-package',
        pyproject !== null && readPyproject(pyproject).isPackage
          ? view.pathOf('pyproject.toml')
          : null
      ) ??
      pick('python', 'python-requirements', view.pathOf('requirements.txt'))
    );
  }
];

/** The buildpack repo2docker builds with, or what stops it from choosing. */
export function detectBuildpack(view: FolderView): Detection {
  for (const rule of RULES) {
    const detection = rule(view);
    if (detection) {
      // Everything but Dockerfile and Nix reads runtime.txt while building.
      if (
        detection.kind === 'buildpack' &&
        detection.id === 'julia' &&
        view.runtimeInvalid &&
        view.runtime.kind === 'parsed'
      ) {
        return {
          kind: 'blocked',
          blocker: 'runtime-invalid',
          path: view.runtime.path
        };
      }
      return detection;
    }
  }
  return {
    kind: 'buildpack',
    id: 'python',
    reason: 'python-default',
    decidedBy: null
  };
}
