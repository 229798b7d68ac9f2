/** A course repository and its pull, unwrapped, for the nbgitpuller link tests. */
import { gitPull, IContent } from '../../links/nbgitpuller';

export const HUB = 'https://hub.example.org';
export const COURSE = 'https://github.com/org/course';

export function pull(content: IContent) {
  const result = gitPull(content);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.errors));
  }
  return result.value;
}

export function query(content: IContent): Record<string, string> {
  return Object.fromEntries(
    new URLSearchParams(pull(content).path.split('?')[1])
  );
}
