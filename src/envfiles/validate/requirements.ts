/**
 * requirements.txt: joins `\` continuations the way pip does, then checks
 * each logical line and maps positions back to the physical lines.
 */
import { Problems } from './problems';
import { checkPipLine } from './pipLine';
import { IFileSource } from './source';

/**
 * Requirement lines checked per file. The grammar-based parser takes about
 * 0.1 ms a line; real files have at most a few hundred lines.
 */
export const MAX_CHECKED_REQUIREMENT_LINES = 5000;

/** Pieces of physical lines that make up one logical line. */
interface ISegment {
  /** Offset of the piece in the file and in the logical line. */
  fileStart: number;
  lineStart: number;
  length: number;
}

interface ILogicalLine {
  text: string;
  segments: ISegment[];
}

/** Physical lines with their offsets, without line breaks. */
function* physicalLines(
  text: string
): Generator<{ text: string; start: number }> {
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    yield { text: text.slice(start, match.index), start };
    start = match.index + match[0].length;
  }
  if (start < text.length) {
    yield { text: text.slice(start), start };
  }
}

/**
 * pip's joining: a line ending in `\` continues on the next one (the
 * backslash removed, nothing inserted), except a comment line, which never
 * continues and ends any continuation it appears in.
 */
function* logicalLines(text: string): Generator<ILogicalLine> {
  let current: ILogicalLine | null = null;
  for (const line of physicalLines(text)) {
    const isComment = /^\s*#/.test(line.text);
    const continues = line.text.endsWith('\\') && !isComment;
    const length = continues ? line.text.length - 1 : line.text.length;
    const piece = line.text.slice(0, length);
    current ??= { text: '', segments: [] };
    // A comment inside a continuation is separated by a space, as pip does.
    const separator = isComment && current.text !== '' ? ' ' : '';
    current.segments.push({
      fileStart: line.start,
      lineStart: current.text.length + separator.length,
      length
    });
    current.text += separator + piece;
    if (!continues) {
      yield current;
      current = null;
    }
  }
  if (current) {
    yield current;
  }
}

/** File offset of an offset in a logical line; ends stay on the piece they close. */
function toFileOffset(
  line: ILogicalLine,
  offset: number,
  isEnd: boolean
): number {
  let chosen = line.segments[0];
  for (const segment of line.segments) {
    const inside = isEnd
      ? offset > segment.lineStart
      : offset >= segment.lineStart;
    if (inside) {
      chosen = segment;
    }
  }
  const within = Math.min(offset - chosen.lineStart, chosen.length);
  return chosen.fileStart + Math.max(0, within);
}

/**
 * The project a plain requirement line names, by PEP 503's normalised name,
 * or null for options, URLs, paths and lines with an environment marker (two
 * lines for one project under different markers are how one pins per Python).
 */
function requirementName(text: string): string | null {
  const content = text.replace(/(^|\s)#.*$/, '').trim();
  if (content.includes(';') || /^[-.~/\\]/.test(content)) {
    return null;
  }
  const match =
    /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[|[<>=!~(]|$)/.exec(
      content
    );
  return match ? match[1].toLowerCase().replace(/[-_.]+/g, '-') : null;
}

export function validateRequirements(
  source: IFileSource,
  problems: Problems
): void {
  const __ = problems.__;
  let checked = 0;
  const firstLineOf = new Map<string, number>();
  for (const line of logicalLines(source.text)) {
    if (problems.full) {
      return;
    }
    if (line.text.trim() === '') {
      continue;
    }
    if (checked === MAX_CHECKED_REQUIREMENT_LINES) {
      problems.warning(
        'requirements-not-all-checked',
        line.segments[0].fileStart,
        null,
        __(
          'Only the first %1 requirement lines were checked.',
          MAX_CHECKED_REQUIREMENT_LINES
        )
      );
      return;
    }
    checked++;
    const name = requirementName(line.text);
    const start = line.segments[0].fileStart;
    const earlier = name === null ? undefined : firstLineOf.get(name);
    if (earlier !== undefined) {
      // pip's resolver takes both lines at once: they must all hold.
      problems.warning(
        'pip-twice',
        start,
        start + line.text.trimEnd().length,
        __(
          '"%1" is already required on line %2; pip must satisfy both lines at once. Keep one line with the version you want.',
          name,
          earlier
        )
      );
    } else if (name !== null) {
      firstLineOf.set(name, problems.index.positionAt(start).line);
    }
    for (const issue of checkPipLine(line.text, __)) {
      problems.add(
        issue.severity,
        issue.code,
        toFileOffset(line, issue.start, false),
        toFileOffset(line, issue.end, true),
        issue.message
      );
    }
  }
}
