/**
 * Reading runtime.txt the way repo2docker does (BuildPack.runtime in base.py):
 * strip the text, split it on every `-`, and accept 2, 4 or 5 non-empty parts:
 * `name-version`, `name-YYYY-MM-DD` or `name-version-YYYY-MM-DD`.
 */

/** One `-`-separated part and where it starts in the file's text. */
export interface IRuntimePart {
  value: string;
  offset: number;
}

/** What runtime.txt asks for once it has been read successfully. */
export interface IRuntimeSpec {
  name: string;
  version: string | null;
  /** ISO date `YYYY-MM-DD`. */
  date: string | null;
}

/** Why repo2docker refuses a runtime.txt. */
export type RuntimeFailure = 'empty' | 'part-count' | 'empty-part' | 'date';

export interface IRuntimeParse {
  spec: IRuntimeSpec | null;
  failure: RuntimeFailure | null;
  /** The stripped content and its offset in the original text. */
  content: string;
  offset: number;
  parts: IRuntimePart[];
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isCalendarDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return (
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day
  );
}

/**
 * The characters Python's str.strip() removes. JavaScript's \s differs: it
 * also matches a byte-order mark, which repo2docker keeps as part of the name.
 */
const PY_SPACE =
  '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING_SPACE = new RegExp(`^${PY_SPACE}*`);
const TRAILING_SPACE = new RegExp(`${PY_SPACE}+$`);

export function parseRuntime(text: string): IRuntimeParse {
  const leading = LEADING_SPACE.exec(text)?.[0].length ?? 0;
  const content = text.slice(leading).replace(TRAILING_SPACE, '');
  const parts: IRuntimePart[] = [];
  let offset = leading;
  for (const value of content.split('-')) {
    parts.push({ value, offset });
    offset += value.length + 1;
  }
  const result = (
    failure: RuntimeFailure | null,
    spec: IRuntimeSpec | null
  ) => ({
    spec,
    failure,
    content,
    offset: leading,
    parts
  });

  if (content === '') {
    return result('empty', null);
  }
  if (![2, 4, 5].includes(parts.length)) {
    return result('part-count', null);
  }
  if (parts.some(part => part.value === '')) {
    return result('empty-part', null);
  }
  const version = parts.length === 4 ? null : parts[1].value;
  let date: string | null = null;
  if (parts.length >= 4) {
    date = parts
      .slice(-3)
      .map(part => part.value)
      .join('-');
    if (!isCalendarDate(date)) {
      return result('date', null);
    }
  }
  return result(null, { name: parts[0].value, version, date });
}
