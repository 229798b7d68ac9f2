/**
 * One line of the build log view: ANSI colours, the search's matches marked.
 */
import * as React from 'react';
import { RowComponentProps } from 'react-window';

import { ansiSegments, markRanges } from '../buildlog/ansi';
import { BuildLog, stripAnsi } from '../buildlog/log';
import { matchRanges } from '../buildlog/search';

export interface IRowProps {
  /** The log's version: the last line may change in place. */
  version: number;
  log: BuildLog;
  query: string;
  current: number;
  /** Width of the widest line, so that every row scrolls sideways together. */
  width: string;
}

export function LogRow(props: RowComponentProps<IRowProps>): JSX.Element {
  const { index, style, log, query, current, width } = props;
  const raw = log.line(index);
  // Every row is drawn again each time a streaming log is (the version changes); its
  // colours and marks are worked out again only when its own text or the search changes.
  const { matched, pieces } = React.useMemo(
    () => lineContent(raw, query ? stripAnsi(raw) : '', query),
    [raw, query]
  );
  const classes = ['jp-EnvBuilder-logLine'];
  if (matched) {
    classes.push('jp-mod-match');
  }
  if (index === current) {
    classes.push('jp-mod-current');
  }
  return (
    <div
      style={{ ...style, width: undefined, minWidth: width }}
      className={classes.join(' ')}
      data-line={index + 1}
      {...props.ariaAttributes}
    >
      {pieces}
    </div>
  );
}

/** A line's coloured and marked pieces, and whether the search matched it. */
function lineContent(
  raw: string,
  plain: string,
  query: string
): { matched: boolean; pieces: JSX.Element[] } {
  const ranges = query ? matchRanges(plain, query) : [];
  const pieces = markRanges(ansiSegments(raw), ranges).map((piece, i) => {
    const style: React.CSSProperties = {};
    if (piece.color) {
      style.color = `rgb(${piece.color})`;
    }
    if (piece.background) {
      style.backgroundColor = `rgb(${piece.background})`;
    }
    const content = (
      <span key={i} className={piece.className || undefined} style={style}>
        {piece.text}
      </span>
    );
    return piece.mark ? (
      <mark key={i} className="jp-EnvBuilder-logMatch">
        {content}
      </mark>
    ) : (
      content
    );
  });
  return { matched: ranges.length > 0, pieces };
}
