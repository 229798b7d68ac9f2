/**
 * A log line's ANSI colours as styled pieces of text, with search matches marked.
 *
 * Only the log view uses this (it is loaded lazily, with `anser`).
 */
import Anser from 'anser';

/** A run of text in one style. */
export interface ISegment {
  text: string;
  /** `ansi-red-fg ansi-bold …`: the 16 terminal colours are themed in CSS. */
  className: string;
  /** 24-bit colours, as `r, g, b`. */
  color?: string;
  background?: string;
}

/** A piece of a segment, marked when it is part of a search match. */
export interface IPiece extends ISegment {
  mark: boolean;
}

function classesOf(entry: Anser.AnserJsonEntry): string {
  const classes: string[] = [];
  // 256-colour palette entries have no themed colour: they show in the default one.
  if (
    entry.fg &&
    entry.fg !== 'ansi-truecolor' &&
    !entry.fg.startsWith('ansi-palette-')
  ) {
    classes.push(`${entry.fg}-fg`);
  }
  if (
    entry.bg &&
    entry.bg !== 'ansi-truecolor' &&
    !entry.bg.startsWith('ansi-palette-')
  ) {
    classes.push(`${entry.bg}-bg`);
  }
  for (const decoration of entry.decorations ?? []) {
    classes.push(`ansi-${decoration}`);
  }
  return classes.join(' ');
}

/** The styled runs of a line; a line without escapes is one plain run. */
export function ansiSegments(line: string): ISegment[] {
  if (!line.includes('\x1b')) {
    return line === '' ? [] : [{ text: line, className: '' }];
  }
  return Anser.ansiToJson(line, { use_classes: true, remove_empty: true }).map(
    entry => {
      const segment: ISegment = {
        text: entry.content,
        className: classesOf(entry)
      };
      if (entry.fg === 'ansi-truecolor' && entry.fg_truecolor) {
        segment.color = entry.fg_truecolor;
      }
      if (entry.bg === 'ansi-truecolor' && entry.bg_truecolor) {
        segment.background = entry.bg_truecolor;
      }
      return segment;
    }
  );
}

/**
 * The segments cut where the ranges (offsets into the segments' joined text, sorted,
 * not overlapping) start and end, each piece marked when inside a range.
 */
export function markRanges(
  segments: readonly ISegment[],
  ranges: readonly [number, number][]
): IPiece[] {
  const pieces: IPiece[] = [];
  let offset = 0;
  let r = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    let at = offset;
    while (at < end) {
      while (r < ranges.length && ranges[r][1] <= at) {
        r++;
      }
      const range = ranges[r];
      let stop: number;
      let mark: boolean;
      if (!range || range[0] >= end) {
        stop = end;
        mark = false;
      } else if (range[0] > at) {
        stop = range[0];
        mark = false;
      } else {
        stop = Math.min(range[1], end);
        mark = true;
      }
      pieces.push({
        ...segment,
        text: segment.text.slice(at - offset, stop - offset),
        mark
      });
      at = stop;
    }
    offset = end;
  }
  return pieces;
}
