/**
 * The build history as the panel lists it: one row per image, so a build that found its
 * image built already (a cache hit) adds no second row for the same image.
 */
import { IBuildSummary } from '../api/types';
import { offeredImage } from './history';

export interface IHistoryRow {
  /**
   * The build that made the image (its log is the interesting one): the oldest that was no
   * cache hit; the oldest build when all were (another user's build made it, say).
   */
  build: IBuildSummary;
  /** The image it made, if any. */
  image: string | null;
  /** When this image was last asked for: the newest of its builds. */
  latest: IBuildSummary;
  /** How many of its builds found the image built already. */
  cacheHits: number;
}

/** Rows newest first, as the builds come (newest first). */
export function historyRows(builds: readonly IBuildSummary[]): IHistoryRow[] {
  const byImage = new Map<string, IHistoryRow>();
  const rows: IHistoryRow[] = [];
  for (const build of builds) {
    const image = offeredImage(build);
    const row = image ? byImage.get(image) : undefined;
    const hit = build.cacheHit ? 1 : 0;
    if (row) {
      // An older build of an image already listed.
      if (!build.cacheHit || row.build.cacheHit) {
        row.build = build;
      }
      row.cacheHits += hit;
      continue;
    }
    const fresh: IHistoryRow = { build, image, latest: build, cacheHits: hit };
    if (image) {
      byImage.set(image, fresh);
    }
    rows.push(fresh);
  }
  return rows;
}
