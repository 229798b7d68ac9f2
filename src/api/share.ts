import { IBuildSummary, IGitInfo } from './types';
import { requestAPI } from './request';

/** `GET envbuilder/git?path=`: the git clone a notebook lives in. */
export function fetchGitInfo(path: string): Promise<IGitInfo> {
  const query = new URLSearchParams({ path });
  return requestAPI<IGitInfo>(`git?${query.toString()}`);
}

/** `GET envbuilder/builds`: the build history, newest first. */
export async function fetchBuildHistory(): Promise<IBuildSummary[]> {
  const answer = await requestAPI<{ builds: IBuildSummary[] }>('builds');
  return answer.builds;
}
