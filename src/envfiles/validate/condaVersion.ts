/**
 * Conda version expressions: `>=1.2,<2|3.0`, `=1.2=build`. Kept apart from the
 * match-spec walk in condaSpec.ts, which hands over the span after the name.
 */
import { Translate } from '../../translate';
import { ISpanIssue, spanError } from './problems';

const OPERATORS = ['==', '!=', '>=', '<=', '~=', '>', '<', '='];
export const OPERATOR_RUN = /^[=<>!~]+/;
const VERSION = /^[A-Za-z0-9_.*+!]+/;
export const BUILD = /^[A-Za-z0-9_.*+]+$/;

/** The operator to suggest for a mistyped one. */
function suggestOperator(run: string): string | null {
  const suggestions: Record<string, string> = {
    '=>': '>=',
    '=<': '<=',
    '===': '==',
    '=!': '!='
  };
  return suggestions[run] ?? null;
}

/**
 * Check `version[,|version...]` starting at `at` in `spec` up to `end`;
 * an `=build` may close the expression.
 */
export function checkVersionExpression(
  spec: string,
  at: number,
  end: number,
  __: Translate
): ISpanIssue[] {
  let i = at;
  while (i < end) {
    const run = OPERATOR_RUN.exec(spec.slice(i, end))?.[0] ?? '';
    if (run !== '' && !OPERATORS.includes(run)) {
      const suggestion = suggestOperator(run);
      return [
        spanError(
          i,
          i + run.length,
          'conda-bad-operator',
          suggestion
            ? __('"%1" is not a version operator; write "%2".', run, suggestion)
            : __(
                '"%1" is not a version operator; conda uses =, ==, !=, >=, <=, >, < and ~=.',
                run
              )
        )
      ];
    }
    let versionAt = i + run.length;
    while (versionAt < end && /\s/.test(spec[versionAt])) {
      versionAt++;
    }
    const version = VERSION.exec(spec.slice(versionAt, end))?.[0] ?? '';
    if (version === '') {
      return versionAt >= end
        ? [
            spanError(
              i,
              versionAt,
              'conda-missing-version',
              run
                ? __('A version is missing after "%1".', run)
                : __('A version is missing here.')
            )
          ]
        : [
            spanError(
              versionAt,
              versionAt + 1,
              'conda-version-char',
              __(
                '"%1" cannot appear in a version; versions use letters, digits, ".", "_" and "*".',
                spec[versionAt]
              )
            )
          ];
    }
    i = versionAt + version.length;
    while (i < end && /\s/.test(spec[i])) {
      i++;
    }
    if (i >= end) {
      return [];
    }
    const next = spec[i];
    if (next === '=' && BUILD.test(spec.slice(i + 1, end))) {
      // name=1.2=build_string (or name==1.2=build) pins a build.
      return [];
    }
    if (next !== ',' && next !== '|') {
      return [
        spanError(
          i,
          i + 1,
          'conda-version-char',
          __(
            '"%1" cannot appear in a version; versions use letters, digits, ".", "_" and "*".',
            next
          )
        )
      ];
    }
    i++;
    while (i < end && /\s/.test(spec[i])) {
      i++;
    }
    if (i >= end) {
      return [
        spanError(
          i - 1,
          i,
          'conda-missing-version',
          __('Another version should follow "%1"; remove it or add one.', next)
        )
      ];
    }
  }
  return [];
}
