/** A files model over fake contents and editors, and ways to wait for it, for its tests. */
import { environmentFiles, IProblem } from '../../envfiles';
import { EnvFilesModel } from '../../model/envfiles';
import { EnvFolderState } from '../../model/envfilesCheck';
import { EnvironmentFolder } from '../../model/folder';
import { FakeContents, FakeEditors } from './fakeContents';

export const STARTER_REQUIREMENTS = environmentFiles().find(
  f => f.name === 'requirements.txt'
)!.starter;

const DELAY = 20;

export function setup(
  files: Record<string, string | Uint8Array> = {},
  options: Partial<Omit<EnvFilesModel.IOptions, 'folder'>> & {
    folder?: string;
  } = {}
) {
  const contents = new FakeContents(files);
  const editors = new FakeEditors();
  const folder = new EnvironmentFolder(options.folder);
  const model = new EnvFilesModel({
    contents,
    documents: editors,
    validationDelay: DELAY,
    pollInterval: 60 * 60 * 1000,
    ...options,
    folder
  });
  return { contents, editors, model, folder };
}

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/** Wait until a condition holds, as the panel would after its debounce. */
export async function until(
  condition: () => boolean,
  timeout = 2000
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not reached');
    }
    await sleep(5);
  }
}

export function ready(state: EnvFolderState) {
  if (state.kind !== 'ready') {
    throw new Error(`expected a ready folder, got ${state.kind}`);
  }
  return state;
}

export function where(problems: readonly IProblem[]): string[] {
  return problems.map(p => `${p.file}:${p.line}:${p.column} ${p.code}`);
}
