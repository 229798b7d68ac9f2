/**
 * What the environment.yml checks share: the parsed document, positions of
 * nodes, and how to report problems found inside a scalar or on a node.
 */
import { Document, isScalar, Node, Scalar } from 'yaml';
import { ISpanIssue, Problems } from './problems';
import { nodeSpan, scalarValueOffset } from './yamlNodes';

export interface IContext {
  doc: Document;
  text: string;
  problems: Problems;
}

export function span(ctx: IContext, node: Node): [number, number] {
  return nodeSpan(node, ctx.text);
}

/** Report issues found inside a scalar's value, or on the whole scalar if its text is not literal. */
export function reportInScalar(
  ctx: IContext,
  scalar: Scalar,
  issues: ISpanIssue[]
): void {
  const offset = scalarValueOffset(scalar, ctx.text);
  const [start, end] = span(ctx, scalar);
  for (const issue of issues) {
    if (offset === null) {
      ctx.problems.add(issue.severity, issue.code, start, end, issue.message);
    } else {
      ctx.problems.add(
        issue.severity,
        issue.code,
        offset + issue.start,
        offset + issue.end,
        issue.message
      );
    }
  }
}

/** A missing value: nothing after "key:" or "- ". */
export function isEmpty(node: Node | null): node is null | Scalar<null> {
  return node === null || (isScalar(node) && node.value === null);
}

export function reportNotList(ctx: IContext, key: string, value: Node): void {
  const __ = ctx.problems.__;
  const [start, end] = span(ctx, value);
  const missingSpace =
    isScalar(value) && /^-\S/.test(String(value.value ?? ''));
  ctx.problems.error(
    `env-${key}-not-list`,
    start,
    end,
    missingSpace
      ? __(
          '%1 must be a list, but this is read as text: put a space after each "-".',
          key
        )
      : __(
          '%1 must be a list: write each entry on its own line, starting with "- ".',
          key
        )
  );
}
