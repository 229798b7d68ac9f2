import { URLExt } from '@jupyterlab/coreutils';

/**
 * Where this Lab runs on the hub, from JupyterHub's page config.
 */
export interface IHubLocation {
  /** e.g. `/hub/` */
  hubPrefix: string;
  /** Owner of the server (`hubServerUser` on JupyterHub ≥ 5, else `hubUser`). */
  owner: string;
  /** '' is the default server. */
  server: string;
}

/** Answer of the hub to one call, with what the restart flow needs to decide. */
export interface IHubAnswer {
  status: number;
  message: string;
}

/**
 * The few hub REST API calls the browser makes to restart its own server, with the page's
 * token (whose scopes the admin grants with `oauth_client_allowed_scopes`).
 */
export class HubApi {
  constructor(
    readonly location: IHubLocation,
    private readonly _token: string,
    private readonly _fetch: typeof fetch = (...args) => fetch(...args)
  ) {}

  /** `{hubPrefix}api/users/{owner}/servers/{server}` (or `/server` for the default one). */
  get serverApiPath(): string {
    const { hubPrefix, owner, server } = this.location;
    const user = encodeURIComponent(owner);
    return server === ''
      ? URLExt.join(hubPrefix, 'api', 'users', user, 'server')
      : URLExt.join(
          hubPrefix,
          'api',
          'users',
          user,
          'servers',
          encodeURIComponent(server)
        );
  }

  /**
   * Ask the hub to stop this server — never with `{"remove": true}`, which would make
   * KubeSpawner delete a named server's volume. 202: stopping; 204: stopped.
   */
  async stopServer(): Promise<IHubAnswer> {
    let response: Response;
    try {
      response = await this._fetch(this.serverApiPath, {
        method: 'DELETE',
        headers: { Authorization: `token ${this._token}` }
      });
    } catch (error) {
      return { status: 0, message: String(error) };
    }
    let message = response.statusText;
    try {
      const body = (await response.json()) as { message?: string };
      message = body.message ?? message;
    } catch {
      // 202 and 204 have no JSON body.
    }
    return { status: response.status, message };
  }

  /** The hub page that starts this server with `options` and then opens `next`. */
  spawnUrl(options: [string, string][], next: string): string {
    const { hubPrefix, owner, server } = this.location;
    const query = new URLSearchParams(options);
    query.set('next', next);
    const path =
      server === ''
        ? URLExt.join(hubPrefix, 'spawn', encodeURIComponent(owner))
        : URLExt.join(
            hubPrefix,
            'spawn',
            encodeURIComponent(owner),
            encodeURIComponent(server)
          );
    return `${path}?${query.toString()}`;
  }
}
