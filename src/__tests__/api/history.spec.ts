/**
 * The build history's first page, and a build running now wherever it is in the history:
 * one started before many quicker builds is beyond the first page, and is still followed.
 */
import { ServerConnection } from '@jupyterlab/services';

import { fetchBuildHistory } from '../../api/share';
import { IBuildSummary } from '../../api/types';
import { BuildHistoryModel } from '../../model/history';

function build(id: string, result: string): IBuildSummary {
  return {
    id,
    spec: `git/repo/${id}`,
    repoUrl: null,
    ref: id,
    snapshot: true,
    startedAt: null,
    finishedAt: null,
    result,
    imageName: null,
    cacheHit: false
  };
}

/** A server whose `GET envbuilder/builds` answers `page`. */
function server(page: unknown): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: 'http://127.0.0.1:8000/user/alice/work/',
    fetch: (async () =>
      new Response(JSON.stringify(page), {
        status: 200,
        headers: { 'Content-Type': 'application/json' }
      })) as typeof fetch
  });
}

describe('fetchBuildHistory', () => {
  it('lists a running build beyond the first page after the page, where the panel finds it', async () => {
    const page = {
      builds: [build('c', 'built'), build('b', 'built')],
      total: 60,
      next: 2,
      running: [build('a', 'running')]
    };
    const history = new BuildHistoryModel(() =>
      fetchBuildHistory(server(page))
    );
    await history.load();
    expect(history.builds.map(b => b.id)).toEqual(['c', 'b', 'a']);
    expect(history.builds.find(b => b.result === 'running')?.id).toBe('a');
  });

  it('lists a running build on the page once', async () => {
    const running = build('c', 'running');
    const builds = await fetchBuildHistory(
      server({ builds: [running, build('b', 'built')], running: [running] })
    );
    expect(builds.map(b => b.id)).toEqual(['c', 'b']);
  });
});
