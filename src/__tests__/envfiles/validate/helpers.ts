import {
  IFileFacts,
  IProblem,
  validateEnvironmentFile
} from '../../../envfiles';

/** Problems as `line:column code` strings, for compact assertions. */
export function found(
  path: string,
  text: string,
  facts?: IFileFacts
): string[] {
  return check(path, text, facts).map(p => `${p.line}:${p.column} ${p.code}`);
}

export function check(
  path: string,
  text: string,
  facts?: IFileFacts
): IProblem[] {
  return validateEnvironmentFile({ path, text, facts });
}
