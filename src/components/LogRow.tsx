/**
 * One line of the build log view: ANSI colours, the search's matches marked.
 */
import * as React from 'react';
import { RowComponentProps } from 'react-window';

import { ansiSegments, markRanges } from '../buildlog/ansi';
import { matchRanges } from '../buildlog/search';

export interface IRowProps {
  /** The log's version: the last line may change in place. */
  version: number;
  lines: readonly string[];
  plainLines: readonly string[];
  query: string;
  current: number;
  /** Width of the widest line, so that every row scrolls sideways together. */
  width: string;
}

export function LogRow(props: RowComponentProps<IRowProps>): JSX.Element {
  const { index, style, lines, plainLines, query, current, width } = props;
  const ranges = query ? matchRanges(plainLines[index], query) : [];
  const pieces = markRanges(ansiSegments(lines[index]), ranges);
  const classes = ['jp-EnvBuilder-logLine'];
  if (ranges.length > 0) {
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
      {pieces.map((piece, i) => {
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
      })}
    </div>
  );
}
