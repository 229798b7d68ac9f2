import type { BinderRepository } from '@jupyterhub/binderhub-client/client.js';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { fromClient, IBuildEvent } from '../buildlog/events';
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
  /** The events as they come; ends when the stream closes or `close()` is called. */
  readonly events: AsyncIterable<IBuildEvent>;
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

async function* clientEvents(
  raw: AsyncIterable<unknown>
): AsyncGenerator<IBuildEvent> {
  for await (const event of raw) {
    yield fromClient(event);
  }
}

/**
 * Follow the build of `spec` (`<provider>/<spec>`, as a snapshot gives it), started with
 * `startBuild`, through the gateway with BinderHub's own client. The gateway takes this page's Jupyter token
 * (`Authorization: Bearer`, which Jupyter Server and JupyterHub both accept); without
 * a token the client sends the `_xsrf` cookie's value, which cookie logins need.
 * The client loads with the first build followed, not with JupyterLab.
 */
export function openBuildStream(
  spec: string,
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): IBuildStream {
  const token = settings.token || PageConfig.getToken();
  let repository: BinderRepository | null = null;
  let closed = false;
  async function* events(): AsyncGenerator<IBuildEvent> {
    const client = await import('@jupyterhub/binderhub-client/client.js');
    if (closed) {
      return;
    }
    repository = new client.BinderRepository(spec, gatewayUrl(settings), {
      buildOnly: true,
      apiToken: token || undefined
    });
    const raw = repository.fetch();
    // The client queues a whole network read of events at once and warns on the console
    // from 100 on; a replayed log brings thousands per read, all taken at once below.
    repository.eventIteratorQueue?.on('highWater', () => undefined);
    yield* clientEvents(raw);
  }
  return {
    events: events(),
    close: () => {
      closed = true;
      repository?.close();
    }
  };
}
