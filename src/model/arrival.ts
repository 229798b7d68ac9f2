/**
 * What became of the last restart, read when the Lab is back. Before it leaves for the
 * hub, the page stores which image it left (`previousImage`) and which it asked for
 * (`newImage`); the image it now runs on tells whether the spawn worked.
 */
import { IRollbackInfo } from './restart';

export type RestartArrival =
  /** The server runs on the image it was restarted onto. */
  | { kind: 'arrived'; image: string }
  /** The spawn failed and the server was started again on the previous image. */
  | { kind: 'rolled-back'; failed: string; running: string }
  /** The spawn failed and the server runs on some other image now. */
  | { kind: 'elsewhere'; failed: string; running: string | null };

/** Read the stored restart; null when there was none or it cannot be read. */
export function parseRollbackInfo(stored: string | null): IRollbackInfo | null {
  if (!stored) {
    return null;
  }
  try {
    const value = JSON.parse(stored) as Partial<IRollbackInfo> | null;
    return typeof value?.newImage === 'string' && value.newImage !== ''
      ? {
          newImage: value.newImage,
          previousImage:
            typeof value.previousImage === 'string'
              ? value.previousImage
              : null,
          previousSpawnUrl:
            typeof value.previousSpawnUrl === 'string'
              ? value.previousSpawnUrl
              : null
        }
      : null;
  } catch {
    return null;
  }
}

/** How the last restart ended, judged by the image the server runs on now. */
export function restartArrival(
  info: IRollbackInfo,
  runningImage: string | null
): RestartArrival {
  if (runningImage === info.newImage) {
    return { kind: 'arrived', image: info.newImage };
  }
  if (runningImage !== null && runningImage === info.previousImage) {
    return {
      kind: 'rolled-back',
      failed: info.newImage,
      running: runningImage
    };
  }
  return { kind: 'elsewhere', failed: info.newImage, running: runningImage };
}
