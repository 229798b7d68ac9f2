/**
 * Typed results and translatable messages shared by the launch-link builders.
 */

import { Translate } from '../translate';

/**
 * The input a problem is about, so a form can show it next to that field.
 */
export type LinkField =
  | 'hubUrl'
  | 'repo'
  | 'branch'
  | 'path'
  | 'targetPath'
  | 'app'
  | 'image'
  | 'imageOptions'
  | 'hubVersion'
  | 'binderUrl'
  | 'environment'
  | 'environmentRepo'
  | 'environmentRef'
  | 'serverName';

/**
 * One problem with the input, in words for the user.
 */
export interface ILinkError {
  field: LinkField;
  message: string;
}

/**
 * Either the built value or every problem found in the input.
 */
export type LinkResult<T> =
  { ok: true; value: T } | { ok: false; errors: ILinkError[] };

/**
 * Collects problems while several inputs are checked, so all are reported at once.
 */
export class Problems {
  constructor(readonly trans: Translate) {}

  readonly errors: ILinkError[] = [];

  add(field: LinkField, msg: string, ...args: any[]): void {
    this.errors.push({ field, message: this.trans(msg, ...args) });
  }

  /**
   * Add the errors of a nested result; return its value when it has one.
   */
  take<T>(result: LinkResult<T>): T | undefined {
    if (result.ok) {
      return result.value;
    }
    this.errors.push(...result.errors);
    return undefined;
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /**
   * The final result: the value when nothing went wrong.
   */
  result<T>(build: () => T): LinkResult<T> {
    return this.hasErrors
      ? { ok: false, errors: this.errors }
      : { ok: true, value: build() };
  }
}
