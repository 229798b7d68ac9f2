/**
 * Positions of YAML nodes in the source, including positions inside a
 * scalar's value when the value is written as-is.
 */
import { Document, isAlias, isScalar, Node, Scalar } from 'yaml';

/** A node with aliases followed one step (never recursively, so alias bombs cost nothing). */
export function resolveNode(node: unknown, doc: Document): Node | null {
  if (isAlias(node)) {
    return (node.resolve(doc) as Node | undefined) ?? null;
  }
  return (node as Node | null) ?? null;
}

/** Start and end offsets of a node's value in the source. */
export function nodeSpan(node: Node, text: string): [number, number] {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  let end = valueEnd;
  while (end > start && /\s/.test(text[end - 1])) {
    end--;
  }
  if (end > start) {
    return [start, end];
  }
  // An empty value (a lone "-" or "key:") has no width: point at what introduces it.
  let at = start;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) {
    at--;
  }
  return at > 0 ? [at - 1, at] : [0, 1];
}

/**
 * Offset in the source of the character at `index` of a scalar's value, or
 * null when the value is not written literally there (escapes, folding).
 */
export function scalarValueOffset(scalar: Scalar, text: string): number | null {
  if (typeof scalar.value !== 'string' || !scalar.range) {
    return null;
  }
  const [start, end] = scalar.range;
  const value = scalar.value;
  const quoted =
    scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE;
  const from = quoted ? start + 1 : start;
  const to = quoted ? end - 1 : end;
  return text.slice(from, to) === value ? from : null;
}

export function isStringScalar(node: unknown): node is Scalar<string> {
  return isScalar(node) && typeof node.value === 'string';
}
