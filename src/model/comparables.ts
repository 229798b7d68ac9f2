/**
 * What an environment can be compared with, besides the running server: the environments
 * saved by name, and the builds of the history whose package list is known (recorded at the
 * first start of a server on the image). Pure; no JupyterLab.
 */
import type { ISavedEnvironment } from '../api/saved';
import type { IBuildSummary } from '../api/types';
import { offeredImage } from './history';

/** Another environment to compare with. */
export interface IComparable {
  image: string;
  /** How people know it: a saved name, or a build's time and snapshot. */
  label: string;
}

/**
 * Saved environments first (by their names, in the order saved), then builds with a known
 * package list (newest first); each image once, under its saved name if it has one.
 */
export function comparables(
  saved: readonly ISavedEnvironment[],
  builds: readonly IBuildSummary[],
  buildLabel: (build: IBuildSummary) => string
): IComparable[] {
  const seen = new Set<string>();
  const result: IComparable[] = [];
  const add = (image: string, label: string) => {
    if (!seen.has(image)) {
      seen.add(image);
      result.push({ image, label });
    }
  };
  for (const entry of saved) {
    add(entry.image, entry.name);
  }
  for (const build of builds) {
    const image = offeredImage(build);
    if (image && build.packagesRecorded) {
      add(image, buildLabel(build));
    }
  }
  return result;
}
