/**
 * Saved environments: a name and a description over a built image, kept in the home by the
 * server extension. No React and no JupyterLab here; the requests are injected.
 */
import { ISignal, Signal } from '@lumino/signaling';

import { refusalCode } from '../api/request';
import type { ISavedEnvironment, SavedApi } from '../api/saved';
import type { IBuildSummary, IEnvironmentEntry } from '../api/types';

/** A build of the history that produced an image: what can be saved. */
export interface IBuiltImageBuild {
  id: string;
  image: string;
  finishedAt: string | null;
}

/** The builds that produced an image (a dry run's too), newest first. */
export function builtImageBuilds(
  builds: readonly IBuildSummary[]
): IBuiltImageBuild[] {
  return builds
    .filter(
      b => (b.result === 'built' || b.result === 'dry-run') && b.imageName
    )
    .map(b => ({
      id: b.id,
      image: b.imageName as string,
      finishedAt: b.finishedAt
    }));
}

/** What went wrong with the last request, as the server's code: the view says it in words. */
export interface ISavedProblem {
  /** `list`, `save`, `rename` or `remove`, and the entry it was about. */
  action: 'list' | 'save' | 'rename' | 'remove';
  id: string | null;
  /** The server's `reason` (`nameTaken`, `notBuilt`, …) or `unreachable`. */
  reason: string;
}

export class SavedModel {
  constructor(private readonly _api: SavedApi) {}

  /** The saved environments, in the order saved; null until first loaded. */
  get environments(): readonly ISavedEnvironment[] | null {
    return this._environments;
  }

  get problem(): ISavedProblem | null {
    return this._problem;
  }

  /** Emitted after every change of the list or of the problem. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  async refresh(): Promise<void> {
    await this._run('list', null, async () => {
      this._environments = await this._api.list();
    });
  }

  /** Save the image of a build under a name; true when it was saved. */
  save(buildId: string, name: string, description: string): Promise<boolean> {
    return this._run('save', null, async () => {
      const entry = await this._api.save(buildId, name, description);
      this._environments = [...(this._environments ?? []), entry];
    });
  }

  /** Rename an entry and change its description; true when the server took it. */
  rename(id: string, name: string, description: string): Promise<boolean> {
    return this._run('rename', id, async () => {
      const entry = await this._api.update(id, { name, description });
      this._environments = (this._environments ?? []).map(e =>
        e.id === id ? entry : e
      );
    });
  }

  remove(id: string): Promise<boolean> {
    return this._run('remove', id, async () => {
      await this._api.remove(id);
      this._environments = (this._environments ?? []).filter(e => e.id !== id);
    });
  }

  /** Forget the last problem, e.g. when the user edits the field it was about. */
  clearProblem(): void {
    if (this._problem) {
      this._problem = null;
      this._changed.emit();
    }
  }

  private async _run(
    action: ISavedProblem['action'],
    id: string | null,
    request: () => Promise<void>
  ): Promise<boolean> {
    try {
      await request();
      this._problem = null;
      return true;
    } catch (error) {
      this._problem = { action, id, reason: refusalCode(error) };
      return false;
    } finally {
      this._changed.emit();
    }
  }

  private _environments: readonly ISavedEnvironment[] | null = null;
  private _problem: ISavedProblem | null = null;
  private readonly _changed = new Signal<this, void>(this);
}

/**
 * The named servers ('' is the default one) each image was last started on, from the
 * environment history every server of the user writes into the home.
 */
export function serversByImage(
  entries: readonly IEnvironmentEntry[]
): Map<string, string[]> {
  const latest = new Map<string, string>();
  for (const entry of entries) {
    // Newest first, as the server lists them: a server's latest start wins.
    if (entry.kind === 'started' && !latest.has(entry.server)) {
      latest.set(entry.server, entry.image);
    }
  }
  const byImage = new Map<string, string[]>();
  for (const [server, image] of latest) {
    byImage.set(image, [...(byImage.get(image) ?? []), server]);
  }
  return byImage;
}
