import { ISignal, Signal } from '@lumino/signaling';

import { IBuildSummary, IEnvironments } from '../api/types';
import { EnvironmentFolder } from './folder';
import { BuildHistoryModel } from './history';

/**
 * What the history says about the images this server ran on; null until first loaded. The
 * build of the running image comes from the one build history the other views share.
 */
export class EnvironmentsModel {
  constructor(
    private readonly _fetch: (folder: string) => Promise<IEnvironments>,
    private readonly _folder: EnvironmentFolder,
    private readonly _history: BuildHistoryModel
  ) {
    _history.changed.connect(this._onHistory, this);
  }

  get environments(): IEnvironments | null {
    return this._environments;
  }

  /**
   * The build of the environment folder that made the running image; null when none here did
   * (an image built from a source is not the folder's, whatever the folder holds).
   */
  get runningBuild(): IBuildSummary | null {
    const image = this._environments?.runningImage;
    return (
      (image &&
        this._history.builds.find(b => b.imageName === image && b.snapshot)) ||
      null
    );
  }

  /**
   * Whether the environment folder differs from the snapshot the running image was built
   * from; null when unknown (not built here, or the folder cannot be read).
   */
  get changedSinceStart(): boolean | null {
    const build = this.runningBuild;
    const sha = this._environments?.folderSha;
    return build && sha ? build.ref !== sha : null;
  }

  get error(): string | null {
    return this._error;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Ask the server again, about the environment folder as it is set now. */
  async refresh(): Promise<void> {
    void this._history.load();
    try {
      this._environments = await this._fetch(this._folder.path);
      this._error = null;
    } catch (error) {
      this._error = String(error);
    }
    this._changed.emit();
  }

  /**
   * Earlier images to go back to, newest first, without the running one and without repeats:
   * the last-known-good one first when there is one.
   */
  get rollbackImages(): string[] {
    const environments = this._environments;
    if (!environments) {
      return [];
    }
    const seen = new Set<string>();
    if (environments.runningImage) {
      seen.add(environments.runningImage);
    }
    const images: string[] = [];
    const add = (image: string | null) => {
      if (image && !seen.has(image)) {
        seen.add(image);
        images.push(image);
      }
    };
    add(environments.lastKnownGood);
    for (const entry of environments.entries) {
      if (entry.kind !== 'failed-start') {
        add(entry.image);
      }
    }
    return images;
  }

  /** Images a restart could not start this server on, newest first, with when. */
  get failedStarts(): { image: string; time: string }[] {
    return (this._environments?.entries ?? [])
      .filter(entry => entry.kind === 'failed-start')
      .map(({ image, time }) => ({ image, time }));
  }

  private _onHistory(): void {
    if (this._environments) {
      this._changed.emit();
    }
  }

  private _environments: IEnvironments | null = null;
  private _error: string | null = null;
  private _changed = new Signal<this, void>(this);
}
