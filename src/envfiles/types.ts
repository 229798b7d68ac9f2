/**
 * Types shared by the environment-file catalogue, explanation and validation.
 *
 * Nothing here depends on JupyterLab so the logic can be tested and reused on its own.
 */

/**
 * How bad a problem is: an error makes the build fail or do the wrong thing;
 * information is a problem in a file the build ignores, so it cannot fail it.
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One problem found in one file.
 *
 * Positions are 1-based. Columns count UTF-16 code units (as editors such as
 * CodeMirror do) on the text without a leading byte-order mark. The end, when
 * given, is exclusive: it is the position just after the last offending character.
 */
export interface IProblem {
  /** The path the caller passed for the file. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  /** A stable identifier of the kind of problem, for tests and styling. */
  code: string;
  /** Plain-words explanation that says what to do, already translated. */
  message: string;
}

/**
 * Facts about a file that cannot be seen in its text; the caller supplies what it knows.
 */
export interface IFileFacts {
  /** The raw bytes as saved, to check that they are UTF-8. */
  bytes?: Uint8Array;
  /** Set when the caller already knows the saved bytes are not UTF-8. */
  notUtf8?: boolean;
  /** Size on disk in bytes; computed from the text when absent. */
  size?: number;
  /** The file is a symbolic link. */
  symlink?: boolean;
}
