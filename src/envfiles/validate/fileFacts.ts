/**
 * Checks about the file itself rather than its syntax: where it is, whether
 * it is a link, its size and its encoding. They decide whether the file gets
 * into the snapshot at all, and whether its content is worth checking.
 */
import { pathSegments } from '../paths';
import { firstInvalidUtf8Byte, positionOfByte, utf8ByteLength } from '../text';
import { IFileFacts } from '../types';
import { Problems } from './problems';

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

const START = { line: 1, column: 1 };

/**
 * Report problems with the file as a whole. Returns false when the content
 * should not be checked further (it would not reach the build, or is not text).
 * `maxFileBytes` is the largest file the snapshot takes (the server's setting).
 */
export function checkFileFacts(
  path: string,
  text: string,
  facts: IFileFacts,
  problems: Problems,
  maxFileBytes: number
): boolean {
  const __ = problems.__;
  let checkContent = true;
  if (pathSegments(path) === null) {
    problems.addAt(
      'error',
      'outside-folder',
      START,
      null,
      __(
        'This file is outside the environment folder, so the build will not see it. Move it into the folder.'
      )
    );
  }
  if (facts.symlink) {
    problems.addAt(
      'error',
      'symlink',
      START,
      null,
      __(
        'This file is a symbolic link, and snapshots take only regular files, so the build cannot start. Replace the link with a copy of the file.'
      )
    );
  }
  const size = facts.size ?? facts.bytes?.length ?? utf8ByteLength(text);
  if (size > maxFileBytes) {
    problems.addAt(
      'error',
      'too-large',
      START,
      null,
      __(
        'This file is %1, more than the %2 an environment file may be, so the build cannot start. Keep data out of the environment folder.',
        formatSize(size),
        formatSize(maxFileBytes)
      )
    );
    checkContent = false;
  }
  const badByte = facts.bytes ? firstInvalidUtf8Byte(facts.bytes) : -1;
  if (facts.bytes && badByte >= 0) {
    problems.addAt(
      'error',
      'not-utf8',
      positionOfByte(facts.bytes, badByte),
      null,
      __(
        'Byte 0x%1 here is not valid UTF-8, so the build cannot read this file. Save it with the UTF-8 encoding.',
        facts.bytes[badByte].toString(16).toUpperCase().padStart(2, '0')
      )
    );
    return false;
  }
  if (facts.notUtf8) {
    problems.addAt(
      'error',
      'not-utf8',
      START,
      null,
      __(
        'This file is not UTF-8 text, so the build cannot read it. Save it with the UTF-8 encoding.'
      )
    );
    return false;
  }
  return checkContent;
}

/**
 * Report text that cannot be an environment file: NUL characters mean binary
 * content (stop checking); U+FFFD means bytes were lost when decoding.
 */
export function checkTextContent(text: string, problems: Problems): boolean {
  const __ = problems.__;
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    problems.error(
      'binary',
      nul,
      nul + 1,
      __(
        'This looks like a binary file (it contains a NUL character). Environment files must be plain text.'
      )
    );
    return false;
  }
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) {
    problems.warning(
      'replacement-character',
      replacement,
      replacement + 1,
      __(
        'This file contains the replacement character �, a sign that it was not saved as UTF-8. Retype the character or save the file as UTF-8.'
      )
    );
  }
  return true;
}
