/**
 * A refresh that callers may ask for at any time. Calls made while it runs share one more
 * run after it, so every caller sees a result that began after it asked, and a burst of
 * calls costs at most two requests.
 */
export class Coalesced {
  /** `stop`: whether to skip the run asked for meanwhile (e.g. once disposed). */
  constructor(
    private readonly _task: () => Promise<void>,
    private readonly _stop: () => boolean = () => false
  ) {}

  /** Run, or share the run under way (`shared`): for callers to whom it is recent enough. */
  run(options?: { shared?: boolean }): Promise<void> {
    if (this._running && options?.shared) {
      return this._running;
    }
    if (this._running) {
      this._again = true;
      return this._running;
    }
    this._running = (async () => {
      do {
        this._again = false;
        await this._task();
      } while (this._again && !this._stop());
    })().finally(() => {
      this._running = null;
    });
    return this._running;
  }

  private _running: Promise<void> | null = null;
  private _again = false;
}
