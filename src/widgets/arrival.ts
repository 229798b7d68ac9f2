import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { parseRollbackInfo, restartArrival } from '../model/arrival';
import { hubLocation, rollbackKey } from './restart';

export interface IArrivalOptions {
  /** The image this server runs on now. */
  runningImage: () => Promise<string | null>;
  /** Record in the history that the server could not start on an image. */
  recordFailedStart: (image: string) => Promise<void>;
  /**
   * An image in words ("environment/ · snapshot d099dfd"), not its escaped full name. A
   * failed start keeps the full name: it is what an administrator looks for.
   */
  imageLabel: (image: string) => Promise<string>;
  /** Show the environment history. */
  showHistory: () => void;
  trans: TranslationBundle;
}

/**
 * When the Lab is back after a restart, say how it ended: on the new image, or back on
 * the previous one after the spawn failed (and keep that failed attempt in the history).
 * Asks the server nothing unless this page left for a restart.
 */
export async function announceArrival(options: IArrivalOptions): Promise<void> {
  const location = hubLocation();
  if (!location) {
    return;
  }
  const key = rollbackKey(location);
  let info;
  try {
    info = parseRollbackInfo(window.localStorage.getItem(key));
  } catch {
    return;
  }
  if (!info) {
    return;
  }
  const { trans } = options;
  const arrival = restartArrival(info, await options.runningImage());
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to forget in private mode.
  }
  if (arrival.kind === 'arrived') {
    Notification.success(
      trans.__(
        'This server now runs on %1.',
        await options.imageLabel(arrival.image)
      ),
      { autoClose: 5000 }
    );
    return;
  }
  try {
    await options.recordFailedStart(arrival.failed);
  } catch (error) {
    console.warn(
      'jupyterlab-envbuilder: the failed start was not recorded',
      error
    );
  }
  const message =
    arrival.kind === 'rolled-back'
      ? trans.__(
          'Could not start on %1, so the server is back on the environment before: %2.',
          arrival.failed,
          arrival.running
        )
      : trans.__(
          'Could not start on %1; the server runs on %2 now.',
          arrival.failed,
          arrival.running ?? trans.__('an unknown image')
        );
  Notification.warning(message, {
    autoClose: false,
    actions: [
      {
        label: trans.__('Show history'),
        callback: () => options.showHistory()
      }
    ]
  });
}
