import { IEnvironments } from './types';
import { requestAPI } from './request';

/** `GET envbuilder/environments?folder=`: running image, last-known-good, changed since start. */
export function fetchEnvironments(folder: string): Promise<IEnvironments> {
  const query = new URLSearchParams({ folder });
  return requestAPI<IEnvironments>(`environments?${query.toString()}`);
}

/** Record the image this server runs now as last-known-good, before a restart. */
export async function recordLastKnownGood(image: string | null): Promise<void> {
  if (!image) {
    return;
  }
  await requestAPI('environments', {
    method: 'POST',
    body: JSON.stringify({ lastKnownGood: image })
  });
}

/** Record that a restart could not start this server on `image`, once the Lab is back. */
export async function recordFailedStart(image: string): Promise<void> {
  await requestAPI('environments', {
    method: 'POST',
    body: JSON.stringify({ failedStart: image })
  });
}
