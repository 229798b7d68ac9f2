/**
 * Searching a build log: every occurrence counts, so "3 matches" on one line is three.
 */

/** Start and end (exclusive) of each case-insensitive occurrence of `query` in `text`. */
export function matchRanges(text: string, query: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (query === '') {
    return ranges;
  }
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  let from = haystack.indexOf(needle);
  while (from !== -1) {
    ranges.push([from, from + needle.length]);
    from = haystack.indexOf(needle, from + needle.length);
  }
  return ranges;
}

/**
 * The line of each case-insensitive occurrence of `query`, in order: a line with two
 * occurrences is there twice, so the length is the number of matches.
 */
export function occurrenceLines(
  lines: readonly string[],
  query: string
): number[] {
  const found: number[] = [];
  if (query === '') {
    return found;
  }
  const needle = query.toLowerCase();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].toLowerCase();
    for (let at = line.indexOf(needle); at !== -1;) {
      found.push(i);
      at = line.indexOf(needle, at + needle.length);
    }
  }
  return found;
}
