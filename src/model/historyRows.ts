/**
 * The build history as the panel lists it: one row per image, so a build that found its
 * image built already (a cache hit) adds no second row for the same image.
 */
import { IBuildSummary } from '../api/types';
import { offeredImage } from './history';

export interface IHistoryRow {
  /** The build that made the image (its log is the interesting one), or the build itself. */
  build: IBuildSummary;
  /** The image it made, if any. */
  image: string | null;
  /** When this image was last asked for: the newest of its builds. */
  latest: IBuildSummary;
  /** How many later builds found the image built already. */
  cacheHits: number;
}

/** Rows newest first, as the builds come (newest first). */
export function historyRows(builds: readonly IBuildSummary[]): IHistoryRow[] {
  const byImage = new Map<string, IHistoryRow>();
  const rows: IHistoryRow[] = [];
  for (const build of builds) {
    const image = offeredImage(build);
    const row = image ? byImage.get(image) : undefined;
    if (row) {
      // An older build of an image already listed: it made the image, the newer ones
      // found it built.
      row.build = build;
      row.cacheHits += 1;
      continue;
    }
    const fresh: IHistoryRow = { build, image, latest: build, cacheHits: 0 };
    if (image) {
      byImage.set(image, fresh);
    }
    rows.push(fresh);
  }
  return rows;
}
