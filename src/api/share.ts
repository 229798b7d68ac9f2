import { ServerConnection } from '@jupyterlab/services';

import { IBuildSummary, IGitInfo } from './types';
import { requestAPI } from './request';

/** `GET envbuilder/git?path=`: the git clone a notebook lives in. */
export function fetchGitInfo(path: string): Promise<IGitInfo> {
  const query = new URLSearchParams({ path });
  return requestAPI<IGitInfo>(`git?${query.toString()}`);
}

/**
 * `GET envbuilder/builds`: the first page of the build history, newest first, then the
 * builds running now that are beyond it (older: started before all the page's builds), so
 * a running build is found and followed wherever it is in the history.
 */
export async function fetchBuildHistory(
  settings?: ServerConnection.ISettings
): Promise<IBuildSummary[]> {
  const answer = await requestAPI<{
    builds: IBuildSummary[];
    running: IBuildSummary[];
  }>('builds', {}, settings);
  const onPage = new Set(answer.builds.map(build => build.id));
  const beyond = answer.running.filter(build => !onPage.has(build.id));
  return [...answer.builds, ...beyond];
}
