import type { IPinChange, IPinProposal, PinsApi } from '../../api/pins';
import { EnvBuilderRequestError } from '../../api/request';
import { EnvironmentFolder } from '../../model/folder';
import { PinsModel } from '../../model/pins';

const PINNED: IPinChange = {
  file: 'requirements.txt',
  fingerprint: 'f1',
  text: 'six==1.16.0\n',
  diff: '--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1 +1 @@\n-six\n+six==1.16.0\n'
};

/** The pins routes over an in-memory folder: proposals name what `add` asks for. */
function fakeApi(files: Map<string, string>) {
  const calls = { proposed: [] as string[][], written: [] as string[] };
  const api: PinsApi = {
    propose: async (_folder, add) => {
      calls.proposed.push([...add]);
      const text =
        ['six==1.16.0', ...add.map(n => `${n}==1.0`)].join('\n') + '\n';
      const proposal: IPinProposal = {
        changes:
          files.get('requirements.txt') === text
            ? []
            : [
                {
                  ...PINNED,
                  fingerprint: files.get('requirements.txt') ?? '',
                  text
                }
              ],
        drift: [{ name: 'tqdm', version: '1.0', change: 'added' }]
      };
      return proposal;
    },
    write: async (_folder, changes) => {
      for (const change of changes) {
        if ((files.get(change.file) ?? '') !== change.fingerprint) {
          throw new EnvBuilderRequestError('409', 409, {
            reason: 'fileChanged',
            file: change.file
          });
        }
        files.set(change.file, change.text);
        calls.written.push(change.file);
      }
      return changes.map(c => c.file);
    }
  };
  return { api, calls };
}

describe('PinsModel', () => {
  it('proposes, writes nothing until accepted, adds drift on request', async () => {
    const files = new Map([['requirements.txt', 'six\n']]);
    const { api, calls } = fakeApi(files);
    const model = new PinsModel(api, new EnvironmentFolder('environment'));
    await model.propose();
    expect(model.state.kind).toBe('ready');
    expect(files.get('requirements.txt')).toBe('six\n');

    await model.add('tqdm');
    expect(calls.proposed).toEqual([[], ['tqdm']]);
    expect(files.get('requirements.txt')).toBe('six\n');

    await model.accept();
    expect(files.get('requirements.txt')).toBe('six==1.16.0\ntqdm==1.0\n');
    expect(model.written).toEqual(['requirements.txt']);
    expect(model.added).toEqual([]);
  });

  it('says which file changed under a proposal and writes nothing', async () => {
    const files = new Map([['requirements.txt', 'six\n']]);
    const { api, calls } = fakeApi(files);
    const model = new PinsModel(api, new EnvironmentFolder('environment'));
    await model.propose();
    files.set('requirements.txt', 'six\nnumpy\n');
    await model.accept();
    expect(model.state).toEqual({
      kind: 'error',
      reason: 'fileChanged',
      file: 'requirements.txt'
    });
    expect(calls.written).toEqual([]);
    expect(files.get('requirements.txt')).toBe('six\nnumpy\n');
  });
});
