import { requestAPI } from './request';

/** Where a saved environment came from, as its build record says. */
export interface ISavedSource {
  provider: string | null;
  /** `<provider>/<spec>`, e.g. `git/<encoded url>/<sha>` for a folder snapshot. */
  spec: string | null;
  repoUrl: string | null;
  ref: string | null;
}

/** One saved environment, `GET envbuilder/saved`. */
export interface ISavedEnvironment {
  id: string;
  name: string;
  description: string;
  image: string;
  source: ISavedSource;
  builtAt: string | null;
  savedAt: string;
  /** The build record, for its log. */
  buildId: string;
}

/** The saved-environments routes, one function each. */
export const savedApi = {
  async list(): Promise<ISavedEnvironment[]> {
    const answer = await requestAPI<{ environments: ISavedEnvironment[] }>(
      'saved'
    );
    return answer.environments;
  },

  save(
    buildId: string,
    name: string,
    description: string
  ): Promise<ISavedEnvironment> {
    return requestAPI<ISavedEnvironment>('saved', {
      method: 'POST',
      body: JSON.stringify({ buildId, name, description })
    });
  },

  update(
    id: string,
    changes: { name?: string; description?: string }
  ): Promise<ISavedEnvironment> {
    return requestAPI<ISavedEnvironment>(`saved/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: JSON.stringify(changes)
    });
  },

  async remove(id: string): Promise<void> {
    await requestAPI(`saved/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }
};

export type SavedApi = typeof savedApi;
