/**
 * YAML syntax errors with the `yaml` library's own positions, in plain words.
 */
import { Document, parseDocument, YAMLError } from 'yaml';
import { Problems } from './problems';

/** The text of the repeated key: the library points at its first character only. */
function duplicateKey(error: YAMLError, text: string): string {
  return (/^[^:\r\n]*/.exec(text.slice(error.pos[0]))?.[0] ?? '').trim();
}

function describe(error: YAMLError, text: string, problems: Problems): string {
  const __ = problems.__;
  // The library's message without its trailing position note, if any.
  const detail = error.message.replace(
    / at line \d+, column \d+:?[\s\S]*$/,
    ''
  );
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return __('Tabs cannot indent YAML; use spaces instead.');
    case 'DUPLICATE_KEY': {
      const key = duplicateKey(error, text);
      return key.length > 0 && key.length <= 60
        ? __(
            'The key "%1" appears twice here; keep one and merge the values.',
            key
          )
        : __('A key appears twice here; keep one and merge the values.');
    }
    case 'MULTIPLE_DOCS':
      return __(
        'Only one YAML document is read: remove this "---" and what follows, or merge it into the part above.'
      );
    case 'RESOURCE_EXHAUSTION':
      return __('The YAML is nested too deeply to read.');
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN':
      return __(
        'YAML syntax error: %1. Check the indentation: items of one list start with "- " at the same column, and keys end with ":".',
        detail
      );
    case 'MISSING_CHAR':
      return /quote/.test(detail)
        ? __(
            'This quoted value is never closed: add the closing %1 where the value ends.',
            /'/.test(detail) ? "'" : '"'
          )
        : __('YAML syntax error: %1.', detail);
    case 'BAD_SCALAR_START':
      return __('YAML syntax error: %1. Put the value in quotes.', detail);
    default:
      return __('YAML syntax error: %1.', detail);
  }
}

/** Where a quoted scalar may begin: after these, or at the start of a line. */
const SCALAR_LEAD = new Set(['-', ':', ',', '[', '{', '?']);

/** End (exclusive) of the quoted scalar opening at `at`, or -1 when never closed. */
function quotedEnd(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
    } else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
      } else {
        return i + 1;
      }
    }
  }
  return -1;
}

/**
 * Where the quoted value that is never closed opens, read the way YAML does:
 * quotes count only where a value starts, and comments are skipped.
 */
function openingQuote(text: string): number {
  let lead = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      lead = true;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && !/[\r\n]/.test(text[i + 1])) {
        i++;
      }
    } else if ((ch === '"' || ch === "'") && lead) {
      const end = quotedEnd(text, i);
      if (end < 0) {
        return i;
      }
      i = end - 1;
      lead = false;
    } else if (!/\s/.test(ch)) {
      lead = SCALAR_LEAD.has(ch);
    }
  }
  return -1;
}

/**
 * Deeper flow nesting ("[[[[…" or "{a: {a: …") than any environment file
 * needs; the parser takes seconds on a megabyte of it, so it is refused first.
 */
export const MAX_YAML_FLOW_DEPTH = 200;

/** Offset where flow brackets first nest deeper than the limit, or -1. */
function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      depth++;
      if (depth > MAX_YAML_FLOW_DEPTH) {
        return i;
      }
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return -1;
}

/**
 * Parse one YAML document and report its syntax errors and warnings.
 * Returns null when there are errors: structure checks on a broken document
 * would only repeat them in other words. The first error on a line is
 * reported: the next ones on the same line follow from it.
 */
export function parseYaml(text: string, problems: Problems): Document | null {
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    problems.error(
      'yaml-too-deep',
      deep,
      deep + 1,
      problems.__(
        'The YAML is nested more than %1 levels deep here; environment files need only a few.',
        MAX_YAML_FLOW_DEPTH
      )
    );
    return null;
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const reportedLines = new Set<number>();
  const report = (error: YAMLError, severity: 'error' | 'warning') => {
    let [start, end] = error.pos;
    if (error.code === 'DUPLICATE_KEY') {
      end = start + duplicateKey(error, text).length;
    } else if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
      // The parser notices at the end of the text; the fix belongs where it opens.
      const opening = openingQuote(text);
      if (opening >= 0) {
        start = opening;
        end =
          opening + (/^[^\r\n]*/.exec(text.slice(opening))?.[0].length ?? 1);
      }
    }
    const line = problems.index.positionAt(start).line;
    if (reportedLines.has(line)) {
      return;
    }
    reportedLines.add(line);
    problems.add(
      severity,
      `yaml-${error.code.toLowerCase()}`,
      start,
      end,
      describe(error, text, problems)
    );
  };
  doc.errors.forEach(error => report(error, 'error'));
  doc.warnings.forEach(warning => report(warning, 'warning'));
  return doc.errors.length > 0 ? null : doc;
}
