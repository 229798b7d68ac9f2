/**
 * apt.txt: one Ubuntu package per line, `#` starting a comment anywhere.
 * repo2docker strips comments and blanks, checks only that a line *starts*
 * with [a-z0-9.+-], and pastes every line into one `apt-get install` shell
 * command, so anything else on a line reaches the shell.
 */
import { Problems } from './problems';
import { IFileSource } from './source';

/** Debian policy: lower case letters, digits, + - . ; at least two characters, starting alphanumeric. */
const NAME_CHAR = /[a-z0-9+.-]/;
const COMMANDS = ['apt-get', 'apt', 'sudo', 'install'];

function checkPackage(word: string, start: number, problems: Problems): void {
  const __ = problems.__;
  const end = start + word.length;
  const equals = word.indexOf('=');
  const name = equals >= 0 ? word.slice(0, equals) : word;
  if (/[A-Z]/.test(name) && /^[A-Za-z0-9+.-]+$/.test(name)) {
    problems.error(
      'apt-uppercase',
      start,
      start + name.length,
      __('Ubuntu package names are lower case: write %1.', name.toLowerCase())
    );
    return;
  }
  if (!/^[a-z0-9]/.test(name)) {
    problems.error(
      'apt-name-start',
      start,
      start + 1,
      __(
        'A package name starts with a lower-case letter or a digit; "%1" cannot start it.',
        word[0]
      )
    );
    return;
  }
  const bad = [...name].findIndex(ch => !NAME_CHAR.test(ch));
  if (bad >= 0) {
    problems.error(
      'apt-invalid-char',
      start + bad,
      start + bad + 1,
      __(
        '"%1" cannot appear in a package name, which uses lower-case letters, digits, "+", "-" and "."; apt.txt lists names only.',
        name[bad]
      )
    );
    return;
  }
  if (name.length < 2) {
    problems.error(
      'apt-short-name',
      start,
      end,
      __(
        'Ubuntu package names have at least two characters; check the spelling of "%1".',
        name
      )
    );
    return;
  }
  if (equals >= 0) {
    problems.warning(
      'apt-version-pin',
      start + equals,
      end,
      __(
        "A pinned version works only while the base image's Ubuntu release has exactly that version; list the bare name %1 instead.",
        name
      )
    );
  }
}

export function validateApt(source: IFileSource, problems: Problems): void {
  const __ = problems.__;
  if (source.bom) {
    problems.error(
      'apt-bom',
      0,
      null,
      __(
        'The file starts with an invisible byte-order mark, which makes repo2docker reject the first package. Save the file as UTF-8 without a BOM.'
      )
    );
  }
  const index = problems.index;
  for (let line = 1; line <= index.lineCount && !problems.full; line++) {
    const text = index.lineText(line);
    const offset = index.lineStart(line);
    const comment = text.indexOf('#');
    const content = comment >= 0 ? text.slice(0, comment) : text;
    const words = [...content.matchAll(/\S+/g)];
    if (words.length === 0) {
      continue;
    }
    const first = words[0];
    if (COMMANDS.includes(first[0])) {
      problems.error(
        'apt-command',
        offset + (first.index ?? 0),
        offset + content.trimEnd().length,
        __(
          'List only package names, one per line: repo2docker runs apt-get install itself.'
        )
      );
      continue;
    }
    if (words.length > 1) {
      const second = words[1];
      problems.warning(
        'apt-several-per-line',
        offset + (second.index ?? 0),
        offset + content.trimEnd().length,
        __('Put each package on its own line.')
      );
    }
    for (const word of words) {
      checkPackage(word[0], offset + (word.index ?? 0), problems);
    }
  }
}
