import type { IInstalled, IPackages, PackagesApi } from '../../api/packages';
import { EnvBuilderRequestError } from '../../api/request';
import { diffPackages, isSame, packageList } from '../../model/packageDiff';
import { PackagesModel, RUNNING } from '../../model/packages';

function installed(
  pip: Record<string, string>,
  conda: Record<string, string> = {},
  display: Record<string, string> = {}
): IInstalled {
  return { pip, conda, display };
}

describe('packageList', () => {
  it('lists pip and conda packages once each, by name, with the names pip writes', () => {
    const list = packageList(
      installed(
        { numpy: '2.0.0', 'scikit-learn': '1.5.0' },
        { numpy: '2.0.0', python: '3.12.4', libgcc: '14.1.0' },
        { 'scikit-learn': 'scikit_learn' }
      )
    );
    expect(list.map(p => [p.name, p.version, p.conda])).toEqual([
      ['libgcc', '14.1.0', true],
      ['numpy', '2.0.0', false],
      ['python', '3.12.4', true],
      ['scikit_learn', '1.5.0', false]
    ]);
  });
});

describe('diffPackages', () => {
  it('says what going from one environment to the other adds, removes and changes', () => {
    const running = installed(
      { numpy: '1.26.4', six: '1.16.0', requests: '2.32.3', tqdm: '4.66.0' },
      {},
      { numpy: 'NumPy' }
    );
    const saved = installed(
      { numpy: '2.0.0', pandas: '2.2.2', requests: '2.32.3', tqdm: '4.66.0' },
      {},
      { numpy: 'numpy' }
    );
    const diff = diffPackages(running, saved);
    expect(diff.added.map(p => `${p.name} ${p.version}`)).toEqual([
      'pandas 2.2.2'
    ]);
    expect(diff.removed.map(p => `${p.name} ${p.version}`)).toEqual([
      'six 1.16.0'
    ]);
    expect(diff.changed).toEqual([
      { key: 'numpy', name: 'numpy', from: '1.26.4', to: '2.0.0' }
    ]);
    expect(diff.same).toBe(2);
    expect(isSame(diff)).toBe(false);

    // The other way round, added and removed swap and versions go back.
    const back = diffPackages(saved, running);
    expect(back.added.map(p => p.name)).toEqual(['six']);
    expect(back.removed.map(p => p.name)).toEqual(['pandas']);
    expect(back.changed[0]).toMatchObject({ from: '2.0.0', to: '1.26.4' });
  });

  it('finds two identical environments the same, and lists removals sorted', () => {
    const a = installed({ b: '1', a: '1' }, { python: '3.12' });
    expect(isSame(diffPackages(a, a))).toBe(true);
    expect(diffPackages(a, a).same).toBe(3);
    expect(diffPackages(a, installed({})).removed.map(p => p.key)).toEqual([
      'a',
      'b',
      'python'
    ]);
  });

  it('sees a conda package become pip-installed at another version as changed', () => {
    const diff = diffPackages(
      installed({}, { numpy: '1.26.4' }),
      installed({ numpy: '2.0.0' })
    );
    expect(diff.changed).toMatchObject([{ from: '1.26.4', to: '2.0.0' }]);
  });
});

function answer(
  image: string | null,
  pip: Record<string, string> | null,
  running = false
): IPackages {
  return {
    image,
    recordedAt: pip && !running ? '2026-11-30T01:00:00Z' : null,
    installed: pip ? installed(pip) : null,
    running
  };
}

describe('PackagesModel', () => {
  function fakeApi() {
    const calls: string[] = [];
    let runningPip: Record<string, string> = { six: '1.16.0' };
    const api: PackagesApi = {
      ofImage: async image => {
        calls.push(image);
        if (image === 'gone') {
          throw new EnvBuilderRequestError('unreachable', 0);
        }
        return answer(image, image === 'new:1' ? null : { six: '1.16.0' });
      },
      running: async () => {
        calls.push('running');
        return answer('base:1', runningPip, true);
      }
    };
    return {
      api,
      calls,
      install: (name: string, version: string) => {
        runningPip = { ...runningPip, [name]: version };
      }
    };
  }

  it('reads a recorded list once, and says when none is recorded yet', async () => {
    const { api, calls } = fakeApi();
    const model = new PackagesModel(api);
    let changes = 0;
    model.changed.connect(() => changes++);
    await model.load('saved:1');
    await model.load('saved:1');
    expect(calls).toEqual(['saved:1']);
    expect(model.state('saved:1')).toMatchObject({
      kind: 'ready',
      packages: { installed: { pip: { six: '1.16.0' } } }
    });
    await model.load('new:1');
    expect(model.state('new:1')).toMatchObject({
      kind: 'ready',
      packages: { installed: null }
    });
    expect(changes).toBe(4);
  });

  it('reads what runs now again when asked, so a package installed by hand shows', async () => {
    const { api, calls, install } = fakeApi();
    const model = new PackagesModel(api);
    await model.load(RUNNING);
    install('tqdm', '4.66.0');
    await model.load(RUNNING);
    expect(calls).toEqual(['running']);
    await model.load(RUNNING, { again: true });
    const state = model.state(RUNNING);
    expect(state?.kind === 'ready' && state.packages.installed?.pip).toEqual({
      six: '1.16.0',
      tqdm: '4.66.0'
    });
  });

  it('keeps a failure as the code a view words, and tries again on the next load', async () => {
    const { api, calls } = fakeApi();
    const model = new PackagesModel(api);
    await model.load('gone');
    expect(model.state('gone')).toEqual({
      kind: 'error',
      reason: 'unreachable'
    });
    await model.load('gone');
    expect(calls).toEqual(['gone', 'gone']);
  });
});
