import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { IBuildEvent } from '../buildlog/events';
import { IBuildRecord, ISnapshot, ISnapshotPreview } from './types';
import { requestAPI } from './request';
import { API_NAMESPACE } from '../contract';

/**
 * `POST envbuilder/snapshots`: commit the environment folder, content-addressed. With `paths`
 * (the files the user agreed to send), a folder holding any other file is refused (409).
 */
export function createSnapshot(
  folder: string,
  paths?: readonly string[]
): Promise<ISnapshot> {
  return requestAPI<ISnapshot>('snapshots', {
    method: 'POST',
    body: JSON.stringify(paths ? { folder, paths } : { folder })
  });
}

/** `GET envbuilder/snapshots?folder=`: the files a snapshot would send; nothing is sent. */
export function previewSnapshot(folder: string): Promise<ISnapshotPreview> {
  const query = new URLSearchParams({ folder });
  return requestAPI<ISnapshotPreview>(`snapshots?${query.toString()}`);
}

/**
 * `POST envbuilder/builds`: start the build of `spec` (or join the one running). A POST,
 * XSRF-checked, so that no link or page elsewhere can start a build with this server's token.
 */
export async function startBuild(spec: string): Promise<void> {
  await requestAPI<{ id: string }>('builds', {
    method: 'POST',
    body: JSON.stringify({ spec })
  });
}

/** A part of a build record's events: the last `tail`, or `limit` from index `offset` on. */
export type RecordPage = { tail: number } | { offset: number; limit: number };

/** `GET envbuilder/builds/<id>`: one build of the history, all its events or a page of them. */
export function fetchBuildRecord(
  id: string,
  page?: RecordPage
): Promise<IBuildRecord> {
  const query = page
    ? '?' +
      Object.entries(page)
        .map(([k, v]) => `${k}=${v}`)
        .join('&')
    : '';
  return requestAPI<IBuildRecord>(`builds/${encodeURIComponent(id)}${query}`);
}

/** A build's event stream being followed. */
export interface IBuildStream {
  /**
   * The events as they come, a few at a time, in order; ends when the stream closes or
   * `close()` is called.
   */
  readonly events: AsyncIterable<readonly IBuildEvent[]>;
  /** Stop following. The build itself goes on. */
  close(): void;
}

/** The build gateway of this server, `<base url>envbuilder/build/`. */
export function gatewayUrl(
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): URL {
  const path = URLExt.join(settings.baseUrl, API_NAMESPACE, 'build') + '/';
  return new URL(path, window.location.href);
}

/** Wait this long before asking again after a 5xx or 429 answer, as BinderHub's client does. */
const RETRY_MS = 1000;

/**
 * Follow the build of `spec` (`<provider>/<spec>`, as a snapshot gives it), started with
 * `startBuild`, through the gateway (`?build_only=true`, BinderHub's build API), with this
 * page's token or `_xsrf` cookie as every request of JupyterLab. The events are taken
 * apart a few at a time as they are asked for, so the caller can let the page draw between
 * them even when one network read brings a whole replayed log.
 *
 * Connection trouble comes as events too: `retrying` (HTTP 5xx or 429, or no answer: asked
 * again after `retryMs`; the gateway then replays the build from the start), `connect`
 * (refused with another status) and `cut` (the stream broke off or ended before the build).
 * After a `failed` event the stream is closed here (BinderHub keeps it open).
 */
export function openBuildStream(
  spec: string,
  settings: ServerConnection.ISettings = ServerConnection.makeSettings(),
  retryMs = RETRY_MS
): IBuildStream {
  const abort = new AbortController();
  const url = new URL(spec, gatewayUrl(settings));
  url.searchParams.set('build_only', 'true');
  async function* events(): AsyncGenerator<IBuildEvent[]> {
    // The stream's reader loads with the first build followed, not with JupyterLab.
    const { gatewayEvents } = await import('./buildEvents');
    yield* gatewayEvents(url, settings, abort.signal, retryMs);
  }
  return { events: events(), close: () => abort.abort() };
}
