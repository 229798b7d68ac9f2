/**
 * The whole build log: virtualised, ANSI colours, following the tail, search, copy and
 * download; a long record read a page at a time (its end first). Loaded lazily (with
 * react-window and anser), never in the first bundle.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import {
  caretDownIcon,
  caretUpIcon,
  copyIcon,
  downloadIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import * as React from 'react';
import { List, useListRef } from 'react-window';

import { BuildLog } from '../buildlog/log';
import { occurrenceLines } from '../buildlog/search';
import { LogPages } from '../model/logPages';
import { useLogVersion } from './logDraws';
import { LogRow } from './LogRow';
import {
  LogPagesBar,
  usePageAnchor,
  usePages,
  withWholeLog
} from './LogPagesBar';

/** Pixels from the bottom that still count as "at the end". */
const AT_END = 4;
const FALLBACK_ROW_HEIGHT = 18;
/**
 * Rows drawn beyond the view, for scrolling. Few: while the log follows a build, every
 * drawing brings a whole new screenful of rows, and each row drawn is laid out.
 */
const OVERSCAN_ROWS = 6;

export interface ILogViewProps {
  log: BuildLog;
  trans: TranslationBundle;
  /** File name for the download, e.g. `build-1a2b3c4.txt`. */
  fileName: string;
  onCopy: (text: string) => void;
  /** A line to show (0-based); `token` changes to show the same line again. */
  reveal?: { line: number; token: number } | null;
  /** Show the log as it comes: follow its end. */
  live: boolean;
  /** The record the log is read from a page at a time; null for a log read whole or live. */
  pages?: LogPages | null;
  /** False while the view cannot be seen (a background tab): it does not follow the log. */
  shown?: boolean;
}

/** The height of one log line in the current theme, measured once. */
function useRowHeight(): [React.RefObject<HTMLDivElement>, number] {
  const probe = React.useRef<HTMLDivElement>(null);
  const [height, setHeight] = React.useState(FALLBACK_ROW_HEIGHT);
  React.useLayoutEffect(() => {
    const measured = probe.current?.getBoundingClientRect().height ?? 0;
    if (measured > 0) {
      setHeight(Math.ceil(measured));
    }
  }, []);
  return [probe, height];
}

export function LogView(props: ILogViewProps): JSX.Element {
  const { log, trans, live } = props;
  const pages = props.pages ?? null;
  usePages(pages);
  const version = useLogVersion(log, props.shown ?? true);
  const [probe, rowHeight] = useRowHeight();
  const listRef = useListRef(null);
  const [following, setFollowing] = React.useState(true);
  const followingRef = React.useRef(true);
  const lastScrollTop = React.useRef(0);
  const [query, setQuery] = React.useState('');
  // The marked line, and which match of the search is shown (-1: none yet).
  const [current, setCurrent] = React.useState(-1);
  const [match, setMatch] = React.useState(-1);
  // Only part of a long record is read: search, copy and download read the rest first.
  const partial = pages !== null && !pages.whole;
  // A browser copies only straight from a click: after reading the rest, a second click.
  const [copyAgain, setCopyAgain] = React.useState(false);
  const copy = () => {
    if (partial) {
      void withWholeLog(pages, () => setCopyAgain(true));
      return;
    }
    setCopyAgain(false);
    props.onCopy(log.text);
  };

  const follow = React.useCallback((value: boolean) => {
    followingRef.current = value;
    setFollowing(value);
  }, []);

  const scrollToEnd = React.useCallback(() => {
    const element = listRef.current?.element;
    if (element) {
      element.scrollTop = element.scrollHeight;
      lastScrollTop.current = element.scrollTop;
    }
  }, [listRef]);

  // A page put on top moves every line down: the marked line and the view move with it.
  const onNearTop = usePageAnchor(
    pages,
    () => listRef.current?.element,
    rowHeight,
    version,
    lines => {
      setCurrent(line => (line >= 0 ? line + lines : line));
      setMatch(-1);
    }
  );

  // While following, every change of the log ends at its last line.
  React.useLayoutEffect(() => {
    if (followingRef.current) {
      scrollToEnd();
    }
  }, [version, rowHeight, scrollToEnd]);

  // A log that came while its tab was in the background had no size to scroll: shown, it
  // still follows, so it opens at its end.
  const body = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    const element = body.current;
    if (!element || typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => {
      if (followingRef.current && element.clientHeight > 0) {
        scrollToEnd();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollToEnd]);

  // Scrolling up stops following; coming back to the end follows again.
  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    const atEnd =
      element.scrollHeight - element.scrollTop - element.clientHeight <= AT_END;
    if (atEnd) {
      if (!followingRef.current) {
        follow(true);
      }
    } else if (
      element.scrollTop < lastScrollTop.current &&
      followingRef.current
    ) {
      follow(false);
    }
    lastScrollTop.current = element.scrollTop;
    onNearTop(element);
  };

  // The line of each match, in order.
  const matches = React.useMemo(
    // No plain text is made for a log nobody searches.
    () => (query === '' ? [] : occurrenceLines(log.plainLines, query)),
    [log, version, query]
  );
  React.useEffect(() => {
    if (query && partial) {
      void pages?.loadRest();
    }
  }, [query, partial]);

  const showLine = React.useCallback(
    (line: number) => {
      if (line < 0 || line >= log.length) {
        return;
      }
      follow(false);
      setCurrent(line);
      listRef.current?.scrollToRow({ index: line, align: 'center' });
    },
    [log, listRef, follow]
  );

  React.useEffect(() => {
    if (props.reveal) {
      showLine(props.reveal.line);
    }
  }, [props.reveal?.token]);

  // The match shown, while its line is still the marked one.
  const position = match !== -1 && matches[match] === current ? match : -1;
  const step = (direction: 1 | -1) => {
    if (matches.length === 0) {
      return;
    }
    let next: number;
    if (position === -1) {
      // From the line shown at the top, the next match forward or back.
      const top = Math.floor(
        (listRef.current?.element?.scrollTop ?? 0) / rowHeight
      );
      const after = matches.findIndex(m => m >= top);
      next =
        direction === 1
          ? Math.max(after, 0)
          : (after <= 0 ? matches.length : after) - 1;
    } else {
      next = (position + direction + matches.length) % matches.length;
    }
    setMatch(next);
    showLine(matches[next]);
  };

  const download = () => {
    // The whole log is read by now (withWholeLog).
    const blob = new Blob([log.text], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = props.fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const width = `calc(${log.widest}ch + 5em)`;
  // Ctrl+F (Cmd+F) in the log searches the whole log, not only the lines on screen.
  const searchInput = React.useRef<HTMLInputElement>(null);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      event.stopPropagation();
      searchInput.current?.focus();
      searchInput.current?.select();
    }
  };

  return (
    <div
      className="jp-EnvBuilder-logView"
      data-testid="envbuilder-log-view"
      onKeyDown={onKeyDown}
    >
      <div className="jp-EnvBuilder-logToolbar" role="toolbar">
        <input
          ref={searchInput}
          type="search"
          className="jp-EnvBuilder-logSearch jp-mod-styled"
          placeholder={trans.__('Search the log')}
          aria-label={trans.__('Search the log')}
          value={query}
          onChange={event => {
            setQuery(event.target.value);
            setCurrent(-1);
            setMatch(-1);
          }}
          onKeyDown={event => {
            if (event.key === 'Enter') {
              event.preventDefault();
              step(event.shiftKey ? -1 : 1);
            } else if (event.key === 'Escape' && query) {
              event.stopPropagation();
              setQuery('');
            }
          }}
        />
        <span
          className="jp-EnvBuilder-muted jp-EnvBuilder-logCount"
          data-testid="envbuilder-log-matches"
          aria-live="polite"
        >
          {!query
            ? partial
              ? trans._n('%1 line read', '%1 lines read', log.length)
              : trans._n('%1 line', '%1 lines', log.length)
            : partial && pages?.activity === 'rest'
              ? trans.__('Reading the whole log to search it…')
              : partial
                ? trans._n(
                    '%1 match in the lines read',
                    '%1 matches in the lines read',
                    matches.length
                  )
                : position === -1
                  ? trans._n('%1 match', '%1 matches', matches.length)
                  : trans.__('%1 of %2', position + 1, matches.length)}
        </span>
        <ToolbarButtonComponent
          icon={caretUpIcon}
          tooltip={trans.__('Previous match (Shift+Enter)')}
          enabled={matches.length > 0}
          onClick={() => step(-1)}
        />
        <ToolbarButtonComponent
          icon={caretDownIcon}
          tooltip={trans.__('Next match (Enter)')}
          enabled={matches.length > 0}
          onClick={() => step(1)}
        />
        <span className="jp-EnvBuilder-logSpacer" />
        <ToolbarButtonComponent
          icon={copyIcon}
          tooltip={trans.__('Copy the whole log')}
          onClick={copy}
        />
        <ToolbarButtonComponent
          icon={downloadIcon}
          tooltip={trans.__('Download the whole log as a text file')}
          onClick={() => void withWholeLog(pages, download)}
        />
      </div>
      {pages && <LogPagesBar pages={pages} trans={trans} />}
      {copyAgain && (
        <p
          className="jp-EnvBuilder-muted jp-EnvBuilder-logPages"
          role="status"
          data-testid="envbuilder-log-copy-again"
        >
          {trans.__(
            'The whole log is read now: press Copy again to copy all of it.'
          )}
        </p>
      )}
      <div className="jp-EnvBuilder-logBody" ref={body}>
        <div
          ref={probe}
          className="jp-EnvBuilder-logLine jp-EnvBuilder-logProbe"
          aria-hidden="true"
        >
          {'\u00a0'}
        </div>
        {log.length === 0 ? (
          pages?.record !== null && (
            <p className="jp-EnvBuilder-muted jp-EnvBuilder-logEmpty">
              {live
                ? trans.__('Waiting for the first lines of the build…')
                : trans.__('This build printed nothing.')}
            </p>
          )
        ) : (
          <List
            className={`jp-EnvBuilder-logList${partial ? ' jp-mod-partial' : ''}`}
            listRef={listRef}
            rowComponent={LogRow}
            rowCount={log.length}
            rowHeight={rowHeight}
            rowProps={{
              version,
              log,
              query,
              current,
              width
            }}
            overscanCount={OVERSCAN_ROWS}
            onScroll={onScroll}
            tabIndex={0}
            aria-label={trans.__('Build log')}
          />
        )}
        {!following && log.length > 0 && (
          <button
            className="jp-Button jp-mod-styled jp-mod-accept jp-EnvBuilder-logJump"
            data-testid="envbuilder-log-jump"
            onClick={() => {
              follow(true);
              setCurrent(-1);
              scrollToEnd();
            }}
          >
            {trans.__('Jump to the end')}
          </button>
        )}
      </div>
    </div>
  );
}
