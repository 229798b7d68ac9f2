/**
 * Collects the problems found while a source is read.
 */
import {
  ISource,
  ISourceError,
  SourceField,
  SourceProblem,
  SourceResult
} from './types';

export class SourceProblems {
  readonly errors: ISourceError[] = [];

  add(field: SourceField, code: SourceProblem, value?: string): undefined {
    this.errors.push(
      value === undefined ? { field, code } : { field, code, value }
    );
    return undefined;
  }

  result(build: () => ISource | undefined): SourceResult {
    const value = this.errors.length ? undefined : build();
    if (value) {
      return { ok: true, value };
    }
    if (!this.errors.length) {
      this.add('source', 'notUnderstood');
    }
    return { ok: false, errors: this.errors };
  }
}

/**
 * `decodeURIComponent`, or undefined for a broken escape such as "%zz".
 */
export function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * `new URL`, or undefined when the text is not an absolute address.
 */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
