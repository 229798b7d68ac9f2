/**
 * Version checks pip applies to specifiers (PEP 440), beyond what the
 * requirement grammar checks: the version's shape and which operators may
 * use wildcards and local versions.
 */

/** A public or local PEP 440 version, case-insensitive, `v` prefix allowed. */
const VERSION =
  /^v?(?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;

export type VersionIssue =
  | 'invalid'
  | 'wildcard-operator'
  | 'local-operator'
  | 'compatible-needs-two-parts';

/** What is wrong with `operator version` for pip, or null when nothing is. */
export function checkSpecifier(
  operator: string,
  version: string
): VersionIssue | null {
  if (operator === '===') {
    // Arbitrary equality compares strings; any version text is allowed.
    return null;
  }
  const wildcard = version.endsWith('.*');
  const bare = wildcard ? version.slice(0, -2) : version;
  if (!VERSION.test(bare)) {
    return 'invalid';
  }
  const exact = operator === '==' || operator === '!=';
  if (wildcard && !exact) {
    return 'wildcard-operator';
  }
  if (bare.includes('+') && (!exact || wildcard)) {
    return 'local-operator';
  }
  if (operator === '~=' && !/^v?(?:\d+!)?\d+\.\d+/i.test(bare)) {
    return 'compatible-needs-two-parts';
  }
  return null;
}
