/**
 * What the build makes of the problems found in the files: a file the
 * explanation marks ignored is never read, so its problems cannot fail the
 * build and become information; a reason the explanation gives for the
 * build failing, that no file's error already states, becomes an error.
 */
import { IEnvironmentExplanation } from './explain/types';
import { IProblem } from './types';

export function settleProblems(
  problems: readonly IProblem[],
  explanation: IEnvironmentExplanation
): IProblem[] {
  const ignored = new Set(
    explanation.files.filter(f => f.status === 'ignored').map(f => f.path)
  );
  const settled = problems.map(problem =>
    ignored.has(problem.file) && problem.severity !== 'info'
      ? { ...problem, severity: 'info' as const }
      : problem
  );
  const failing = new Set(
    settled.filter(p => p.severity === 'error').map(p => p.file)
  );
  for (const blocker of explanation.blockers) {
    // A blocker of the whole folder (`binder/` next to `.binder/`) points at the
    // folder that has to go, so Build is off with the reason next to it.
    const file =
      blocker.path ??
      (blocker.id === 'both-binder-folders' ? '.binder/' : null);
    if (file !== null && !failing.has(file)) {
      settled.push({
        file,
        line: 1,
        column: 1,
        severity: 'error',
        code: `build-fails-${blocker.id}`,
        message: blocker.message
      });
      failing.add(file);
    }
  }
  return settled;
}
