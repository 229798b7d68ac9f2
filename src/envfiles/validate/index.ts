/**
 * Validation of one environment file, on unsaved text: file-level facts
 * first, then the content check for the file's kind. Never throws: a check
 * that fails unexpectedly becomes a warning on the file.
 */
import { DEFAULT_MAX_FILE_BYTES } from '../../contract';
import { baseName } from '../paths';
import { hasBom, LineIndex, stripBom } from '../text';
import { noTranslation, Translate } from '../../translate';
import { IFileFacts, IProblem } from '../types';
import { validateApt } from './apt';
import { validateEnvironmentYml } from './environmentYml';
import { checkFileFacts, checkTextContent } from './fileFacts';
import { validatePipfileLock } from './pipfileLock';
import { Problems } from './problems';
import { validateRequirements } from './requirements';
import { validateRuntime } from './runtime';
import { validateScript } from './scripts';
import { checkSecrets } from './secrets';
import { IFileSource } from './source';

export interface IEnvironmentFileInput {
  /** Path relative to the environment folder, such as requirements.txt or binder/apt.txt. */
  path: string;
  /** The text as in the editor, saved or not. */
  text: string;
  facts?: IFileFacts;
}

export interface IValidateOptions {
  /** Translates messages; defaults to English with placeholders filled. */
  trans?: Translate;
  /**
   * The largest file a snapshot takes, in bytes: the server's setting, which the handshake
   * carries (`settings.limits.maxFileBytes`); the contract's default when not given.
   */
  maxFileBytes?: number;
}

type ContentCheck = (source: IFileSource, problems: Problems) => void;

/** The content check for a file name; names without one get file-level checks only. */
function contentCheck(name: string): ContentCheck | null {
  switch (name) {
    case 'environment.yml':
    case 'environment.yaml':
      return validateEnvironmentYml;
    case 'requirements.txt':
      return validateRequirements;
    case 'apt.txt':
      return validateApt;
    case 'runtime.txt':
      return validateRuntime;
    case 'postBuild':
      return (source, problems) =>
        validateScript('postBuild', source, problems);
    case 'start':
      return (source, problems) => validateScript('start', source, problems);
    case 'Pipfile.lock':
      return validatePipfileLock;
    default:
      return null;
  }
}

/** Problems in one environment file, sorted by position. */
export function validateEnvironmentFile(
  input: IEnvironmentFileInput,
  options: IValidateOptions = {}
): IProblem[] {
  const __ = options.trans ?? noTranslation;
  const source: IFileSource = {
    text: stripBom(input.text),
    bom: hasBom(input.text)
  };
  const problems = new Problems(input.path, new LineIndex(source.text), __);
  try {
    if (
      checkFileFacts(
        input.path,
        input.text,
        input.facts ?? {},
        problems,
        options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
      ) &&
      checkTextContent(source.text, problems)
    ) {
      contentCheck(baseName(input.path))?.(source, problems);
      checkSecrets(source, problems);
    }
  } catch (error) {
    problems.addAt(
      'warning',
      'check-failed',
      { line: 1, column: 1 },
      null,
      __(
        'This file could not be checked completely (%1).',
        error instanceof Error ? error.message : String(error)
      )
    );
  }
  return problems.list();
}
