/**
 * Paths inside the environment folder, as the caller lists them.
 */

/**
 * The segments of a path relative to the environment folder, or null when the
 * path is absolute or climbs out with `..`: the snapshot never contains such files.
 */
export function pathSegments(path: string): string[] | null {
  const unified = path.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[A-Za-z]:\//.test(unified)) {
    return null;
  }
  const segments: string[] = [];
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (segments.length === 0) {
        return null;
      }
      segments.pop();
      continue;
    }
    segments.push(part);
  }
  return segments.length > 0 ? segments : null;
}

/** The last segment of a path: the file name. */
export function baseName(path: string): string {
  const unified = path.replace(/\\/g, '/');
  return unified.slice(unified.lastIndexOf('/') + 1);
}
