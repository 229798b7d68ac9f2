/**
 * What repo2docker will do with an environment folder, derived from the rules
 * in layout.ts (where it looks), buildpack.ts (what it picks) and roles.ts
 * (what each file is then used for).
 */
import { noTranslation, Translate } from '../../translate';
import { detectBuildpack } from './buildpack';
import { readLayout } from './layout';
import {
  blockerMessage,
  buildpackLabel,
  buildpackMessage,
  fileMessage,
  runtimeSummary
} from './messages';
import { validateEnvironmentFile } from '../validate';
import { decidePython } from './python';
import { pythonMessage } from './pythonMessage';
import { IRoleContext, roleOf } from './roles';
import {
  BlockerId,
  IBlocker,
  IBuildpackChoice,
  IEnvironmentExplanation,
  IPythonDecision
} from './types';
import { FolderView } from './view';

export interface IExplainOptions {
  /**
   * File contents by path, as given in `paths`. runtime.txt decides between R
   * and Python; environment.yml, the Pipfiles and pyproject.toml decide the
   * Python version; pyproject.toml whether the folder is a package.
   */
  contents?: Readonly<Record<string, string>>;
  trans?: Translate;
}

/** The first error the validator finds in runtime.txt's text, if any. */
function runtimeError(view: FolderView, __: Translate): string | null {
  const runtime = view.runtime;
  if (runtime.kind !== 'parsed' || runtime.parse.spec === null) {
    return null;
  }
  const text = view.textOf('runtime.txt') ?? '';
  const problems = validateEnvironmentFile(
    { path: runtime.path, text },
    { trans: __ }
  );
  return problems.find(p => p.severity === 'error')?.message ?? null;
}

/**
 * Explain what repo2docker will do with a folder holding `paths` (relative
 * to the folder; paths outside it are skipped, as the snapshot skips them).
 */
export function explainEnvironment(
  paths: readonly string[],
  options: IExplainOptions = {}
): IEnvironmentExplanation {
  const __ = options.trans ?? noTranslation;
  const layout = readLayout(paths);
  const view = new FolderView(layout, options.contents ?? {});

  const blockers: IBlocker[] = [];
  const block = (id: BlockerId, path: string | null, detail = '') =>
    blockers.push({ id, path, message: blockerMessage(id, path, __, detail) });
  let buildpack: IBuildpackChoice | null = null;
  let python: IPythonDecision | null = null;
  if (layout.folder === null) {
    block('both-binder-folders', null);
  } else {
    const detection = detectBuildpack(view);
    if (detection.kind === 'blocked') {
      block(detection.blocker, detection.path);
    } else {
      buildpack = {
        id: detection.id,
        label: buildpackLabel(detection.id, __),
        reason: detection.reason,
        decidedBy: detection.decidedBy,
        message: buildpackMessage(detection.reason, detection.decidedBy, __)
      };
      python = decidePython(view, detection.id);
    }
  }

  const runtimePath = view.pathOf('runtime.txt');
  const context = (blocker: BlockerId | null): IRoleContext => ({
    view,
    buildpack: buildpack?.id ?? null,
    blocker,
    python
  });
  // A runtime.txt the build reads but the validator rejects fails the build.
  const rejected = runtimeError(view, __);
  const runtimeEntry = layout.entries.find(e => e.path === runtimePath);
  if (
    blockers.length === 0 &&
    rejected !== null &&
    runtimeEntry &&
    roleOf(runtimeEntry, context(null)).status === 'used'
  ) {
    block('runtime-rejected', runtimePath, rejected);
  }
  if (
    blockers.length === 0 &&
    python?.source === 'pyproject' &&
    python.version === null
  ) {
    block('pyproject-python', python.path, python.written ?? '');
  }

  const blocker = blockers[0]?.id ?? null;
  const runtimeSummaryText =
    view.runtime.kind === 'absent' ? '' : runtimeSummary(view.runtime, __);
  const files = layout.entries.map(entry => {
    const role = roleOf(entry, context(blocker));
    const message = fileMessage(
      role,
      blocker,
      {
        name: entry.name,
        folder: view.folder,
        buildpack: buildpack?.label ?? '',
        runtime: runtimeSummaryText,
        runtimeName: view.runtimeName ?? ''
      },
      __
    );
    return { ...role, path: entry.path, message };
  });

  // Only a runtime.txt the build uses says what the version is.
  const runtimeRole = files.find(f => f.path === runtimePath);
  const runtime =
    runtimePath !== null &&
    view.runtime.kind !== 'absent' &&
    runtimeRole?.status === 'used' &&
    runtimeRole.reason !== 'breaks-build'
      ? {
          path: runtimePath,
          spec: view.runtime.kind === 'parsed' ? view.runtime.parse.spec : null,
          summary: runtimeSummaryText
        }
      : null;
  const pythonChoice =
    python !== null && buildpack !== null && blocker === null
      ? { ...python, message: pythonMessage(python, buildpack.id, __) }
      : null;

  return {
    folder: layout.folder,
    buildpack,
    runtime,
    python: pythonChoice,
    files,
    blockers
  };
}
