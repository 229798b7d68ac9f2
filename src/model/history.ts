import { ISignal, Signal } from '@lumino/signaling';

import { IBuildSummary } from '../api/types';
import { Coalesced } from './coalesce';

/** Fetches the build history, newest first. */
export type BuildHistoryFetcher = () => Promise<IBuildSummary[]>;

/** What is known of the build history. */
export type HistoryState =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'unavailable'; error: unknown };

/** An image some build of the history produced, or named in a dry run. */
export interface IBuiltImage {
  image: string;
  finishedAt: string | null;
  repoUrl: string | null;
  ref: string | null;
  /** A dry run only named the image: none was built. */
  dryRun: boolean;
}

/**
 * The image a build offers to start a server on: the one it built, or the name a dry run
 * gave (a spawner that starts on any name, as the dev hub's, can use it; each place that
 * offers it says no image was built).
 */
export function offeredImage(build: IBuildSummary): string | null {
  return build.result === 'built' || build.result === 'dry-run'
    ? (build.imageName ?? null)
    : null;
}

/**
 * The build history of this server, one model for every view that shows it (the Build
 * section, the Share section's images, the environment history), so they agree and ask
 * the server once per change instead of once each.
 */
export class BuildHistoryModel {
  constructor(private readonly _fetch: BuildHistoryFetcher) {}

  /** The builds, newest first: the last list read ([] before the first answer). */
  get builds(): readonly IBuildSummary[] {
    return this._builds;
  }

  get state(): HistoryState {
    return this._state;
  }

  /** Emitted after every answer, a failed one too. */
  get changed(): ISignal<this, readonly IBuildSummary[]> {
    return this._changed;
  }

  /** The images successful builds produced, newest first, once each. */
  get images(): IBuiltImage[] {
    return this._collect(build => build.result === 'built');
  }

  /**
   * Every image a history row offers to restart into (dry runs' names too), newest first,
   * once each: what Share offers, so the two never differ.
   */
  get offered(): IBuiltImage[] {
    return this._collect(build => offeredImage(build) !== null);
  }

  private _collect(take: (build: IBuildSummary) => boolean): IBuiltImage[] {
    const seen = new Set<string>();
    const images: IBuiltImage[] = [];
    for (const build of this._builds) {
      const image = offeredImage(build);
      if (image && take(build) && !seen.has(image)) {
        seen.add(image);
        images.push({
          image,
          finishedAt: build.finishedAt,
          repoUrl: build.repoUrl,
          ref: build.ref,
          dryRun: build.result === 'dry-run'
        });
      }
    }
    return images;
  }

  /** Ask the server again (calls made meanwhile share one more request; `shared`: the one under way will do). */
  refresh(options?: { shared?: boolean }): Promise<void> {
    const run = this._refresh.run(options);
    this._first ??= run;
    return run;
  }

  /** The first answer: asked for only when no view has asked yet, so views starting together share it. */
  load(): Promise<void> {
    return this._first ?? this.refresh();
  }

  private async _load(): Promise<void> {
    try {
      this._builds = await this._fetch();
      this._state = { kind: 'ready' };
    } catch (error) {
      console.warn(
        'jupyterlab-envbuilder: the build history failed to load',
        error
      );
      this._state = { kind: 'unavailable', error };
    }
    this._changed.emit(this._builds);
  }

  private _builds: readonly IBuildSummary[] = [];
  private _state: HistoryState = { kind: 'loading' };
  private readonly _refresh = new Coalesced(() => this._load());
  private _first: Promise<void> | null = null;
  private _changed = new Signal<this, readonly IBuildSummary[]>(this);
}

/** The newest successful build of a snapshot (a dry run names its image too), if any. */
export function builtFrom(
  builds: readonly IBuildSummary[],
  sha: string | null
): IBuildSummary | null {
  if (!sha) {
    return null;
  }
  return (
    builds.find(
      b =>
        b.ref === sha &&
        (b.result === 'built' || b.result === 'dry-run') &&
        b.imageName !== null
    ) ?? null
  );
}
