import { EnvBuilderRequestError } from '../../api/request';
import type { ISavedEnvironment, SavedApi } from '../../api/saved';
import {
  builtImageBuilds,
  SavedModel,
  serversByImage
} from '../../model/saved';

function entry(id: string, name: string, image: string): ISavedEnvironment {
  return {
    id,
    name,
    description: '',
    image,
    source: { provider: 'git', spec: null, repoUrl: null, ref: null },
    builtAt: null,
    savedAt: '2026-11-30T00:00:00Z',
    buildId: `b-${id}`
  };
}

/** The saved list as the server keeps it, refusing a taken name as the server does. */
function fakeApi(): SavedApi & { stored: ISavedEnvironment[] } {
  const stored: ISavedEnvironment[] = [];
  let next = 0;
  const taken = (name: string, id = '') =>
    stored.some(
      e => e.name.toLowerCase() === name.toLowerCase() && e.id !== id
    );
  const refuse = (reason: string) =>
    new EnvBuilderRequestError('409', 409, { reason, message: 'no' });
  return {
    stored,
    list: async () => [...stored],
    save: async (buildId, name) => {
      if (taken(name)) {
        throw refuse('nameTaken');
      }
      const saved = entry(String(++next), name, `image-of-${buildId}`);
      stored.push(saved);
      return saved;
    },
    update: async (id, changes) => {
      const found = stored.find(e => e.id === id);
      if (!found) {
        throw refuse('noSavedEnvironment');
      }
      if (changes.name !== undefined && taken(changes.name, id)) {
        throw refuse('nameTaken');
      }
      Object.assign(found, changes);
      return { ...found };
    },
    remove: async id => {
      stored.splice(
        stored.findIndex(e => e.id === id),
        1
      );
    }
  };
}

describe('SavedModel', () => {
  it('saves by name, refuses a taken name with its code, renames and deletes', async () => {
    const api = fakeApi();
    const model = new SavedModel(api);
    await model.refresh();
    expect(model.environments).toEqual([]);

    expect(await model.save('b1', 'thesis', '')).toBe(true);
    expect(model.environments?.map(e => e.name)).toEqual(['thesis']);
    expect(await model.save('b2', 'Thesis', '')).toBe(false);
    expect(model.problem).toEqual({
      action: 'save',
      id: null,
      reason: 'nameTaken'
    });
    expect(model.environments).toHaveLength(1);

    const id = model.environments![0].id;
    expect(await model.rename(id, 'thesis 2024', 'final runs')).toBe(true);
    expect(model.problem).toBeNull();
    expect(model.environments![0]).toMatchObject({
      name: 'thesis 2024',
      description: 'final runs'
    });
    expect(await model.remove(id)).toBe(true);
    expect(model.environments).toEqual([]);
    expect(api.stored).toEqual([]);
  });

  it('says the server could not be reached', async () => {
    const model = new SavedModel({
      ...fakeApi(),
      list: async () => {
        throw new EnvBuilderRequestError('down', 0);
      }
    });
    await model.refresh();
    expect(model.problem).toEqual({
      action: 'list',
      id: null,
      reason: 'unreachable'
    });
  });
});

describe('which servers run an image', () => {
  it('takes each server’s latest start (newest first, as the server lists them)', () => {
    const servers = serversByImage([
      { kind: 'started', image: 'b', server: 'course-101', time: '3' },
      { kind: 'last-known-good', image: 'a', server: '', time: '2' },
      { kind: 'started', image: 'a', server: '', time: '2' },
      { kind: 'started', image: 'a', server: 'course-101', time: '1' }
    ]);
    expect(servers.get('a')).toEqual(['']);
    expect(servers.get('b')).toEqual(['course-101']);
  });

  it('offers only builds that produced an image', () => {
    const base = {
      spec: 's',
      repoUrl: null,
      ref: null,
      snapshot: true,
      startedAt: null,
      cacheHit: false
    };
    expect(
      builtImageBuilds([
        {
          ...base,
          id: '1',
          result: 'failed',
          imageName: null,
          finishedAt: null
        },
        { ...base, id: '2', result: 'dry-run', imageName: 'x', finishedAt: 't' }
      ])
    ).toEqual([{ id: '2', image: 'x', finishedAt: 't' }]);
  });
});
