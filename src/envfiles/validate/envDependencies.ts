/**
 * The dependencies list of environment.yml: conda match specs, the Python
 * version repo2docker reads from them, and at most one `pip:` list whose
 * entries are requirement lines.
 */
import {
  isMap,
  isScalar,
  isSeq,
  Node,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq
} from 'yaml';
import { checkCondaSpec } from './condaSpec';
import {
  IContext,
  isEmpty,
  reportInScalar,
  reportNotList,
  span
} from './envYamlContext';
import { checkPipLine } from './pipLine';
import { checkPythonSupport } from './pythonSupport';
import { pastedCommand } from './slips';
import { isStringScalar, resolveNode } from './yamlNodes';

/** A plain value that runs on to the next line: usually a missing "- " or a bad indent. */
function isMultiLinePlain(ctx: IContext, scalar: Scalar): boolean {
  const [start, end] = span(ctx, scalar);
  return (
    scalar.type === Scalar.PLAIN && /[\r\n]/.test(ctx.text.slice(start, end))
  );
}

/** What repo2docker reads as the Python version (`python=3.x`, see conda/__init__.py). */
function checkPythonVersion(ctx: IContext, scalar: Scalar<string>): void {
  const match = /^python\s*=+\s*([\d.]*)/.exec(scalar.value.trim());
  if (!match || match[1] === '') {
    return;
  }
  const [start, end] = span(ctx, scalar);
  checkPythonSupport(match[1], 'env', ctx.problems, start, end);
}

/** The package name of a conda spec, without channel and version. */
function condaName(spec: string): string {
  return spec
    .trim()
    .replace(/^[^\s:]*::/, '')
    .split(/[\s=<>!~[]/)[0];
}

function checkPipList(ctx: IContext, pair: Pair): number {
  const __ = ctx.problems.__;
  const key = pair.key as Scalar;
  const value = resolveNode(pair.value, ctx.doc);
  if (isEmpty(value)) {
    const [start, end] = span(ctx, key);
    ctx.problems.error(
      'env-pip-empty',
      start,
      end,
      __(
        '"pip:" has no packages. List them below it, indented further than "- pip:", each starting with "- ".'
      )
    );
    return 0;
  }
  if (!isSeq(value)) {
    reportNotList(ctx, 'pip', value);
    return 0;
  }
  let count = 0;
  for (const item of (value as YAMLSeq).items) {
    const node = resolveNode(item, ctx.doc);
    if (node === null) {
      continue;
    }
    if (!isStringScalar(node)) {
      const [start, end] = span(ctx, node);
      ctx.problems.error(
        'env-pip-item',
        start,
        end,
        __(
          'Each pip entry is one requirement line written as text, such as requests>=2.31.'
        )
      );
      continue;
    }
    count++;
    reportInScalar(ctx, node, checkPipLine(node.value, __));
  }
  return count;
}

/**
 * Check a mapping in the dependencies, which only "pip:" may be (mamba skips
 * other keys silently). Returns the "pip:" entries found in it.
 */
function checkDependencyMapping(
  ctx: IContext,
  map: YAMLMap,
  pipSeen: boolean
): Pair[] {
  const __ = ctx.problems.__;
  const pipPairs: Pair[] = [];
  for (const pair of map.items) {
    const key = pair.key as Node;
    const [start, end] = span(ctx, key);
    const name = isScalar(key) ? String(key.value) : '';
    if (name !== 'pip') {
      reportMapping(ctx, pair, name, start, end);
      continue;
    }
    pipPairs.push(pair);
    if (pipSeen || pipPairs.length > 1) {
      ctx.problems.warning(
        'env-pip-twice',
        start,
        end,
        __(
          'Merge the "pip:" lists into one: mamba, which repo2docker uses, installs each, but conda keeps only the last and drops the others.'
        )
      );
    }
  }
  return pipPairs;
}

/** A mapping other than "pip:", such as "numpy: 1.26", which mamba skips. */
function reportMapping(
  ctx: IContext,
  pair: Pair,
  name: string,
  start: number,
  end: number
): void {
  const __ = ctx.problems.__;
  const value = resolveNode(pair.value, ctx.doc);
  const scalarValue =
    isScalar(value) && value.value !== null ? String(value.value) : null;
  ctx.problems.error(
    'env-dependency-mapping',
    start,
    end,
    name.toLowerCase().trim() === 'pip'
      ? __('Write "pip:" in lower case, with no space before the colon.')
      : scalarValue !== null
        ? __(
            'Only "pip:" may be a mapping in dependencies. Write this as "%1=%2", without ":".',
            name,
            scalarValue
          )
        : __(
            'Only "pip:" may be a mapping in dependencies; write "%1" as a plain entry.',
            name
          )
  );
}

export function checkDependencies(ctx: IContext, value: Node | null): void {
  const __ = ctx.problems.__;
  if (isEmpty(value)) {
    return;
  }
  if (!isSeq(value)) {
    reportNotList(ctx, 'dependencies', value);
    return;
  }
  let pipPair: Pair | null = null;
  let pipPackages = 0;
  let hasPip = false;
  for (const item of (value as YAMLSeq).items) {
    if (ctx.problems.full) {
      return;
    }
    const node = resolveNode(item, ctx.doc);
    if (node === null) {
      continue;
    }
    const [start, end] = span(ctx, node);
    if (isMap(node)) {
      for (const pair of checkDependencyMapping(
        ctx,
        node as YAMLMap,
        pipPair !== null
      )) {
        pipPair ??= pair;
        pipPackages += checkPipList(ctx, pair);
      }
    } else if (isSeq(node)) {
      ctx.problems.error(
        'env-dependency-nested',
        start,
        end,
        __('A list cannot be nested in dependencies; remove the extra "- ".')
      );
    } else if (isScalar(node) && node.value === null) {
      ctx.problems.error(
        'env-dependency-empty',
        start,
        end,
        __(
          'This entry is empty: write a package after "- " or remove the line.'
        )
      );
    } else if (!isStringScalar(node)) {
      ctx.problems.error(
        'env-dependency-not-text',
        start,
        end,
        __(
          'Write each dependency as a package name, such as numpy or python=3.12.'
        )
      );
    } else if (isMultiLinePlain(ctx, node)) {
      // Point at where the next line's text joins this entry.
      const source = ctx.text.slice(start, end);
      const breakAt = start + source.search(/[\r\n]\s*\S/);
      const joinedAt =
        breakAt + (/^[\r\n]\s*/.exec(ctx.text.slice(breakAt))?.[0].length ?? 0);
      ctx.problems.error(
        'env-dependency-multiline',
        joinedAt,
        end,
        __(
          'This entry runs on to the next line and is read as "%1". Start each entry with "- " at the same indentation.',
          node.value
        )
      );
    } else {
      hasPip ||= condaName(node.value) === 'pip';
      const slip = pastedCommand(node.value, 'conda', __);
      reportInScalar(ctx, node, slip ? [slip] : checkCondaSpec(node.value, __));
      checkPythonVersion(ctx, node);
    }
  }
  if (pipPair && pipPackages > 0 && !hasPip) {
    const [start, end] = span(ctx, pipPair.key as Node);
    ctx.problems.warning(
      'env-pip-missing',
      start,
      end,
      __(
        'Add "- pip" to the dependencies. mamba, which repo2docker uses, adds it for you, but conda does not and warns that these packages may be installed with a pip from outside the environment.'
      )
    );
  }
}
