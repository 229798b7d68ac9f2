/**
 * postBuild and start scripts, checked against how repo2docker runs them.
 *
 * repo2docker makes both executable itself (`RUN chmod +x` in the generated
 * Dockerfile), so the executable bit does not matter. It then runs postBuild
 * with `RUN ./postBuild`, i.e. through /bin/sh, which falls back to running a
 * file without "#!" as a sh script; but it launches start directly from
 * Python (repo2docker-entrypoint), where a file without "#!" cannot run.
 */
import { Problems } from './problems';
import { IFileSource } from './source';

export type ScriptKind = 'postBuild' | 'start';

/** Shells whose scripts must end with `exec "$@"` to hand over to Jupyter. */
const SHELLS = ['sh', 'bash', 'dash', 'zsh', 'ksh'];

/** The interpreter's program name from a "#!" line: `bash` for both /bin/bash and /usr/bin/env bash. */
function interpreterName(shebang: string): string {
  const words = shebang.slice(2).trim().split(/\s+/);
  const program = words[0].split('/').pop() ?? '';
  return program === 'env'
    ? (words.find((w, i) => i > 0 && !w.startsWith('-')) ?? '')
    : program;
}

function checkShebang(
  kind: ScriptKind,
  source: IFileSource,
  problems: Problems
): string | null {
  const __ = problems.__;
  const index = problems.index;
  const first = index.lineText(1);
  const severity = kind === 'start' ? 'error' : 'warning';
  const missing =
    kind === 'start'
      ? __(
          'repo2docker launches start directly, which fails without a "#!" first line ("Exec format error"), so the server does not start. Make the first line #!/bin/bash.'
        )
      : __(
          'Without a "#!" first line, repo2docker runs postBuild with /bin/sh, where bash features fail. Make the first line #!/bin/bash.'
        );
  if (source.bom) {
    problems.add(
      severity,
      'script-bom',
      0,
      null,
      __(
        'The file starts with an invisible byte-order mark, so the "#!" line is not recognised. Save the file as UTF-8 without a BOM.'
      )
    );
    return null;
  }
  if (!first.startsWith('#!')) {
    const later = [...Array(Math.min(index.lineCount, 20)).keys()]
      .map(i => i + 1)
      .find(line => index.lineText(line).trimStart().startsWith('#!'));
    if (later !== undefined) {
      const start = index.lineStart(later);
      problems.add(
        severity,
        'script-shebang-not-first',
        start,
        start + index.lineText(later).length,
        __(
          'The "#!" line must be the very first line of the file, with nothing before it.'
        )
      );
    } else {
      problems.add(
        severity,
        'script-no-shebang',
        0,
        first.length > 0 ? first.length : null,
        missing
      );
    }
    return null;
  }
  const program = first.slice(2).trim().split(/\s+/)[0];
  if (!program.startsWith('/')) {
    problems.error(
      'script-shebang-path',
      0,
      first.length,
      __(
        'The interpreter after "#!" needs its full path, such as #!/bin/bash or #!/usr/bin/env python3.'
      )
    );
    return null;
  }
  const name = interpreterName(first);
  if (name === '') {
    problems.error(
      'script-shebang-path',
      0,
      first.length,
      __('Name the program after /usr/bin/env, such as #!/usr/bin/env bash.')
    );
    return null;
  }
  return name;
}

/** postBuild runs as the notebook user: commands that need root fail there. */
function checkRootCommands(problems: Problems): void {
  const __ = problems.__;
  const index = problems.index;
  for (let line = 1; line <= index.lineCount && !problems.full; line++) {
    const text = index.lineText(line);
    const match =
      /(^|[;&|]\s*)\s*(sudo\b|apt-get\s+install\b|apt\s+install\b)/.exec(text);
    if (!match || text.trimStart().startsWith('#')) {
      continue;
    }
    const start =
      index.lineStart(line) + match.index + match[0].length - match[2].length;
    problems.warning(
      'postbuild-needs-root',
      start,
      start + match[2].length,
      __(
        'postBuild runs as the notebook user, without root, so "%1" fails. List Ubuntu packages in apt.txt instead.',
        match[2].replace(/\s+/g, ' ')
      )
    );
  }
}

/** The server only starts if a shell start script hands over with exec "$@". */
function checkExec(problems: Problems): void {
  const __ = problems.__;
  const text = problems.index.text;
  const code = text.replace(/^\s*#.*$/gm, '');
  if (/\bexec\s+(?:"\$@"|"\$\{@\}"|\$@|\$\{@\})/.test(code)) {
    return;
  }
  const end = text.trimEnd().length;
  const lastLine = problems.index.positionAt(end).line;
  problems.error(
    'start-no-exec',
    problems.index.lineStart(lastLine),
    end,
    __(
      'A start script must end with exec "$@" so that Jupyter starts after it; add that line at the end.'
    )
  );
}

export function validateScript(
  kind: ScriptKind,
  source: IFileSource,
  problems: Problems
): void {
  const __ = problems.__;
  const cr = source.text.indexOf('\r');
  if (cr >= 0) {
    problems.error(
      'script-crlf',
      cr,
      cr + 1,
      __(
        'This script has Windows line endings (CRLF): Linux reads the "\\r" as part of each command, so the script fails (for example "bad interpreter"). Save it with LF line endings.'
      )
    );
  }
  const interpreter = checkShebang(kind, source, problems);
  const shell = interpreter === null || SHELLS.includes(interpreter);
  if (kind === 'postBuild' && shell) {
    checkRootCommands(problems);
  }
  if (kind === 'start' && shell) {
    checkExec(problems);
  }
}
