/**
 * When the log view draws a log that grows: a replayed or fast build brings thousands of
 * lines a second, far more than anyone reads, and each drawing of the view lays out a new
 * screenful of rows. So it draws at once (in the next frame) when lines come now and then,
 * and every `DRAW_INTERVAL_MS` while they pour in, which leaves the frames between to take
 * the lines in.
 */
import * as React from 'react';

import { BuildLog } from '../buildlog/log';

/** While a log keeps changing, it is drawn at most this often (about ten times a second). */
export const DRAW_INTERVAL_MS = 100;

/**
 * The log's version as last drawn: re-renders in an animation frame, at most once a frame.
 * While not `shown` (its tab is in the background) it does not follow the log, and catches
 * up at once when shown again.
 */
export function useLogVersion(log: BuildLog, shown = true): number {
  const [version, setVersion] = React.useState(log.version);
  React.useEffect(() => {
    if (!shown) {
      return;
    }
    let frame = 0;
    let timer = 0;
    let drawn = -Infinity;
    const draw = () => {
      frame = 0;
      drawn = performance.now();
      setVersion(log.version);
    };
    const onChange = () => {
      if (frame !== 0 || timer !== 0) {
        return;
      }
      const wait = drawn + DRAW_INTERVAL_MS - performance.now();
      if (wait <= 0) {
        frame = window.requestAnimationFrame(draw);
        return;
      }
      timer = window.setTimeout(() => {
        timer = 0;
        frame = window.requestAnimationFrame(draw);
      }, wait);
    };
    log.changed.connect(onChange);
    setVersion(log.version);
    return () => {
      log.changed.disconnect(onChange);
      window.cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [log, shown]);
  return version;
}
