/**
 * Collects the problems of one file with positions, sorted and capped.
 */
import { IPosition, LineIndex } from '../text';
import { IProblem, Severity } from '../types';
import { Translate } from '../../translate';

/** More problems than this in one file are summarised in one last line. */
export const MAX_PROBLEMS_PER_FILE = 100;

/** A problem inside a string, by offsets into that string (end exclusive). */
export interface ISpanIssue {
  start: number;
  end: number;
  severity: Severity;
  code: string;
  message: string;
}

/** An error between two offsets of a string, at least one character wide so it shows. */
export function spanError(
  start: number,
  end: number,
  code: string,
  message: string
): ISpanIssue {
  return {
    start,
    end: Math.max(end, start + 1),
    severity: 'error',
    code,
    message
  };
}

export class Problems {
  constructor(
    readonly file: string,
    readonly index: LineIndex,
    readonly __: Translate
  ) {}

  /** Report a problem between two offsets of the file's text (end exclusive). */
  add(
    severity: Severity,
    code: string,
    start: number,
    end: number | null,
    message: string
  ): void {
    const length = this.index.text.length;
    const clampedEnd = end === null ? null : Math.min(end, length);
    const from = this.index.positionAt(start);
    const to =
      clampedEnd !== null && clampedEnd > start
        ? this.index.positionAt(clampedEnd)
        : null;
    this.addAt(severity, code, from, to, message);
  }

  /** Report a problem at known positions. */
  addAt(
    severity: Severity,
    code: string,
    from: IPosition,
    to: IPosition | null,
    message: string
  ): void {
    if (this._problems.length >= MAX_PROBLEMS_PER_FILE) {
      this._truncated = true;
      return;
    }
    const problem: IProblem = {
      file: this.file,
      line: from.line,
      column: from.column,
      severity,
      code,
      message
    };
    if (to) {
      problem.endLine = to.line;
      problem.endColumn = to.column;
    }
    this._problems.push(problem);
  }

  error(
    code: string,
    start: number,
    end: number | null,
    message: string
  ): void {
    this.add('error', code, start, end, message);
  }

  warning(
    code: string,
    start: number,
    end: number | null,
    message: string
  ): void {
    this.add('warning', code, start, end, message);
  }

  /** Report issues found in a string that starts at `offset` in the file. */
  addSpans(issues: readonly ISpanIssue[], offset: number): void {
    for (const issue of issues) {
      this.add(
        issue.severity,
        issue.code,
        offset + issue.start,
        offset + issue.end,
        issue.message
      );
    }
  }

  /**
   * Whether checking should stop, the cap being reached. Checks stop early on
   * huge inputs, so the list then ends with a note that more may follow.
   */
  get full(): boolean {
    if (this._problems.length >= MAX_PROBLEMS_PER_FILE) {
      this._truncated = true;
    }
    return this._truncated;
  }

  /** The problems sorted by position, with a last note when the list was cut. */
  list(): IProblem[] {
    const sorted = [...this._problems].sort(
      (a, b) => a.line - b.line || a.column - b.column
    );
    const last = sorted[sorted.length - 1];
    if (this._truncated && last) {
      sorted.push({
        file: this.file,
        line: last.line,
        column: last.column,
        severity: 'warning',
        code: 'too-many-problems',
        message: this.__(
          'Further problems are not listed; fix the ones above first.'
        )
      });
    }
    return sorted;
  }

  private _problems: IProblem[] = [];
  private _truncated = false;
}
