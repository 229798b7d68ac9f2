/**
 * environment.yml: YAML syntax, then the structure conda reads: a mapping
 * with name, channels, dependencies, prefix and variables; dependencies are
 * conda match specs plus at most one `pip:` list of requirement lines.
 */
import { isMap, isScalar, isSeq, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { checkDependencies } from './envDependencies';
import { IContext, isEmpty, reportNotList, span } from './envYamlContext';
import { Problems } from './problems';
import { IFileSource } from './source';
import { isStringScalar, resolveNode } from './yamlNodes';
import { parseYaml } from './yamlSyntax';

const KEYS = ['name', 'channels', 'dependencies', 'prefix', 'variables'];

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
      previous = current;
    }
  }
  return row[b.length];
}

/** Warn about a key conda ignores; returns the key it was probably meant to be. */
function checkKey(ctx: IContext, key: Scalar, name: string): string | null {
  const __ = ctx.problems.__;
  const [start, end] = span(ctx, key);
  const close = KEYS.find(
    k => k === name.toLowerCase() || editDistance(k, name) <= 2
  );
  ctx.problems.warning(
    'env-unknown-key',
    start,
    end,
    close
      ? __('conda ignores the key "%1". Did you mean "%2"?', name, close)
      : __(
          'conda ignores the key "%1"; it reads only name, channels, dependencies, prefix and variables.',
          name
        )
  );
  return close ?? null;
}

function checkChannels(ctx: IContext, value: Node | null): void {
  const __ = ctx.problems.__;
  if (isEmpty(value)) {
    return;
  }
  if (!isSeq(value)) {
    reportNotList(ctx, 'channels', value);
    return;
  }
  for (const item of (value as YAMLSeq).items) {
    const node = resolveNode(item, ctx.doc);
    if (node === null) {
      continue;
    }
    const [start, end] = span(ctx, node);
    if (
      (isScalar(node) && node.value === null) ||
      (isStringScalar(node) && node.value.trim() === '')
    ) {
      ctx.problems.error(
        'env-channel-empty',
        start,
        end,
        __(
          'This channel entry is empty: write a channel such as conda-forge after "- ", or remove the line.'
        )
      );
    } else if (!isStringScalar(node)) {
      ctx.problems.error(
        'env-channel',
        start,
        end,
        __('A channel is a name such as conda-forge, or a URL.')
      );
    } else if (/\s/.test(node.value.trim())) {
      ctx.problems.error(
        'env-channel',
        start,
        end,
        __('A channel name cannot contain spaces; write one channel per line.')
      );
    }
  }
}

function checkTopLevel(ctx: IContext, root: YAMLMap): void {
  const __ = ctx.problems.__;
  // A misspelt "dependencies" already has its own warning.
  let hasDependencies = false;
  for (const pair of root.items) {
    const key = pair.key as Node;
    if (!isStringScalar(key)) {
      const [start, end] = span(ctx, key);
      ctx.problems.error(
        'env-key',
        start,
        end,
        __('Top-level keys are names such as channels and dependencies.')
      );
      continue;
    }
    const value = resolveNode(pair.value, ctx.doc);
    const [start, end] = span(ctx, key);
    switch (key.value) {
      case 'name':
        if (value !== null && !isScalar(value)) {
          ctx.problems.error(
            'env-name',
            ...span(ctx, value),
            __('name must be a single word, such as my-environment.')
          );
        }
        break;
      case 'channels':
        checkChannels(ctx, value);
        break;
      case 'dependencies':
        hasDependencies = true;
        checkDependencies(ctx, value);
        break;
      case 'prefix':
        ctx.problems.warning(
          'env-prefix-ignored',
          start,
          end,
          __(
            'repo2docker installs into its own environment and ignores prefix; remove it.'
          )
        );
        break;
      case 'variables':
        if (
          value !== null &&
          !isMap(value) &&
          !(isScalar(value) && value.value === null)
        ) {
          ctx.problems.error(
            'env-variables',
            ...span(ctx, value),
            __(
              'variables must be a mapping of names to values, such as MY_SETTING: "1".'
            )
          );
        }
        break;
      default:
        if (checkKey(ctx, key, key.value) === 'dependencies') {
          hasDependencies = true;
        }
    }
  }
  if (!hasDependencies) {
    const [start, end] = span(ctx, root);
    ctx.problems.warning(
      'env-no-dependencies',
      start,
      Math.min(end, start + 1),
      __(
        'There is no dependencies list, so nothing is installed from this file. Add "dependencies:" with one package per line.'
      )
    );
  }
}

export function validateEnvironmentYml(
  source: IFileSource,
  problems: Problems
): void {
  const __ = problems.__;
  const doc = parseYaml(source.text, problems);
  if (!doc) {
    return;
  }
  const ctx: IContext = { doc, text: source.text, problems };
  const root = resolveNode(doc.contents, doc);
  if (root === null || isEmpty(root)) {
    problems.warning(
      'env-empty',
      0,
      null,
      __(
        'This environment.yml is empty. Add "dependencies:" with the packages the environment needs.'
      )
    );
    return;
  }
  if (!isMap(root)) {
    const [start, end] = span(ctx, root);
    problems.error(
      'env-not-mapping',
      start,
      end,
      isSeq(root)
        ? __(
            'The top level must be keys such as channels: and dependencies:, not a list. Put the list under "dependencies:".'
          )
        : __(
            'The top level must be keys such as channels: and dependencies:, not a single value.'
          )
    );
    return;
  }
  checkTopLevel(ctx, root as YAMLMap);
}
