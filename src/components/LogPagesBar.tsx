/**
 * A build log read a page at a time, in the log view: the line above it that says which
 * messages are read and what is being read (or what failed, with Try again), and the hooks
 * that keep the view's place when a page is put on top and read the rest before acting on
 * the whole log.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { LogPages } from '../model/logPages';

/** Re-render when a read of the pages starts, ends or fails. */
export function usePages(pages: LogPages | null): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    if (!pages) {
      return;
    }
    const onChange = () => setTick(tick => tick + 1);
    pages.changed.connect(onChange);
    return () => {
      pages.changed.disconnect(onChange);
    };
  }, [pages]);
}

/**
 * Keep the lines on screen in place when a page is put on top (`onShift` hears by how many
 * lines), and read the previous page when the view comes within a screen of its top or
 * does not fill the screen. Returns the handler for the view's scroll events.
 */
export function usePageAnchor(
  pages: LogPages | null,
  element: () => HTMLElement | null | undefined,
  rowHeight: number,
  version: number,
  onShift: (lines: number) => void
): (scrolled: HTMLElement) => void {
  const seen = React.useRef({ pages, prepended: pages?.prepended ?? 0 });
  React.useLayoutEffect(() => {
    if (!pages) {
      return;
    }
    if (seen.current.pages !== pages) {
      seen.current = { pages, prepended: pages.prepended };
    }
    const lines = pages.prepended - seen.current.prepended;
    seen.current.prepended = pages.prepended;
    const view = element();
    if (lines > 0 && view) {
      view.scrollTop += lines * rowHeight;
      onShift(lines);
    }
    if (view && view.scrollHeight <= view.clientHeight) {
      void pages.loadEarlier();
    }
  }, [pages, version, rowHeight]);
  return scrolled => {
    if (pages && scrolled.scrollTop < scrolled.clientHeight) {
      void pages.loadEarlier();
    }
  };
}

/** Run `action` on the whole log: when only its end is read, read the rest first. */
export async function withWholeLog(
  pages: LogPages | null,
  action: () => void
): Promise<void> {
  if (!pages || pages.whole || (await pages.loadRest())) {
    action();
  }
}

const count = (value: number) => value.toLocaleString();

export function LogPagesBar(props: {
  pages: LogPages;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { pages, trans } = props;
  const { error, activity } = pages;
  if (error) {
    return (
      <div
        className="jp-EnvBuilder-logPages jp-mod-error"
        data-testid="envbuilder-log-pages"
        role="alert"
      >
        <span>
          {error.during === 'tail'
            ? trans.__('The log could not be read: %1', error.text)
            : trans.__(
                'Earlier lines of the log could not be read: %1',
                error.text
              )}
        </span>
        <button
          className="jp-Button jp-mod-styled jp-mod-accept"
          onClick={() => void pages.retry()}
        >
          {trans.__('Try again')}
        </button>
      </div>
    );
  }
  if (pages.record === null || pages.whole) {
    return pages.record === null && activity === 'tail' ? (
      <div
        className="jp-EnvBuilder-logPages"
        data-testid="envbuilder-log-pages"
      >
        {trans.__('Reading the end of the log…')}
      </div>
    ) : null;
  }
  const from = count(pages.offset + 1);
  const all = count(pages.eventCount);
  return (
    <div
      className="jp-EnvBuilder-logPages"
      data-testid="envbuilder-log-pages"
      aria-live="polite"
    >
      {activity === 'rest'
        ? trans.__(
            'Build messages %1–%2 of %3 read · reading the rest of the log…',
            from,
            all,
            all
          )
        : activity === 'earlier'
          ? trans.__(
              'Build messages %1–%2 of %3 read · reading earlier lines…',
              from,
              all,
              all
            )
          : trans.__(
              'Build messages %1–%2 of %3 read · scroll up for earlier lines',
              from,
              all,
              all
            )}
    </div>
  );
}
