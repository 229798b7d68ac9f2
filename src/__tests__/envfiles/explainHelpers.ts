import { explainEnvironment, IEnvironmentExplanation } from '../../envfiles';

/** `path → status:reason` for compact assertions. */
export function roles(
  explanation: IEnvironmentExplanation
): Record<string, string> {
  return Object.fromEntries(
    explanation.files.map(f => [f.path, `${f.status}:${f.reason}`])
  );
}

export function explain(
  paths: string[],
  contents: Record<string, string> = {}
) {
  return explainEnvironment(paths, { contents });
}
