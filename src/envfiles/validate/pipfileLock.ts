/**
 * Pipfile.lock is JSON written by `pipenv lock`; repo2docker's pipenv
 * refuses a file that does not parse.
 */
import { Problems } from './problems';
import { IFileSource } from './source';

export function validatePipfileLock(
  source: IFileSource,
  problems: Problems
): void {
  const __ = problems.__;
  try {
    JSON.parse(source.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 reports either "(line L column C)" or "at position N"; otherwise it ran out of input.
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    const advice = __(
      'Pipfile.lock is not valid JSON (%1). It is written by "pipenv lock": run that again rather than editing the file.',
      // The position is shown separately; keep the library's words only.
      message
        .replace(/\s*\(line \d+ column \d+\)/, '')
        .replace(/\s*(in JSON )?at position \d+.*$/, '')
    );
    if (lineColumn) {
      problems.addAt(
        'error',
        'pipfile-lock-json',
        { line: Number(lineColumn[1]), column: Number(lineColumn[2]) },
        null,
        advice
      );
    } else {
      const at = position ? Number(position[1]) : source.text.length;
      problems.error('pipfile-lock-json', at, at + 1, advice);
    }
  }
}
