/**
 * What repo2docker will do with an environment folder, derived from the rules
 * in layout.ts (where it looks), buildpack.ts (what it picks) and roles.ts
 * (what each file is then used for).
 */
import { formatMessage } from '../translate';
import { Translate } from '../types';
import { detectBuildpack } from './buildpack';
import { readLayout } from './layout';
import {
  blockerMessage,
  buildpackLabel,
  buildpackMessage,
  fileMessage,
  runtimeSummary
} from './messages';
import { roleOf } from './roles';
import { IBlocker, IBuildpackChoice, IEnvironmentExplanation } from './types';
import { FolderView } from './view';

export interface IExplainOptions {
  /**
   * File contents by path, as given in `paths`. Only runtime.txt is read:
   * without it repo2docker's choice between R and Python cannot be known.
   */
  contents?: Readonly<Record<string, string>>;
  trans?: Translate;
}

/**
 * Explain what repo2docker will do with a folder holding `paths` (relative
 * to the folder; paths outside it are skipped, as the snapshot skips them).
 */
export function explainEnvironment(
  paths: readonly string[],
  options: IExplainOptions = {}
): IEnvironmentExplanation {
  const __ = options.trans ?? formatMessage;
  const layout = readLayout(paths);
  const view = new FolderView(layout, options.contents ?? {});

  const blockers: IBlocker[] = [];
  let buildpack: IBuildpackChoice | null = null;
  if (layout.folder === null) {
    blockers.push({
      id: 'both-binder-folders',
      path: null,
      message: blockerMessage('both-binder-folders', null, __)
    });
  } else {
    const detection = detectBuildpack(view);
    if (detection.kind === 'blocked') {
      blockers.push({
        id: detection.blocker,
        path: detection.path,
        message: blockerMessage(detection.blocker, detection.path, __)
      });
    } else {
      buildpack = {
        id: detection.id,
        label: buildpackLabel(detection.id, __),
        reason: detection.reason,
        decidedBy: detection.decidedBy,
        message: buildpackMessage(detection.reason, detection.decidedBy, __)
      };
    }
  }

  const blocker = blockers[0]?.id ?? null;
  const runtime =
    view.runtime.kind === 'absent' || layout.folder === null
      ? null
      : {
          path: view.runtime.path,
          spec: view.runtime.kind === 'parsed' ? view.runtime.parse.spec : null,
          summary: runtimeSummary(view.runtime, __)
        };
  const files = layout.entries.map(entry => {
    const role = roleOf(entry, {
      view,
      buildpack: buildpack?.id ?? null,
      blocker
    });
    const message = fileMessage(
      role,
      blocker,
      {
        name: entry.name,
        folder: view.folder,
        buildpack: buildpack?.label ?? '',
        runtime: runtime?.summary ?? '',
        runtimeName: view.runtimeName ?? ''
      },
      __
    );
    return { ...role, path: entry.path, message };
  });

  return { folder: layout.folder, buildpack, runtime, files, blockers };
}
