/** Types for the parts of `@jupyterhub/binderhub-client` (plain JavaScript) used here. */
declare module '@jupyterhub/binderhub-client/client.js' {
  export class BinderRepository {
    /**
     * @param providerSpec `<provider>/<spec>`, e.g. `git/<encoded URL>/<sha>`
     * @param buildEndpointUrl the URL that `<provider>/<spec>` is appended to
     */
    constructor(
      providerSpec: string,
      buildEndpointUrl: URL,
      options?: { apiToken?: string; buildToken?: string; buildOnly?: boolean }
    );
    readonly buildUrl: URL;
    /** The events of the build as they come; ends when the stream closes. */
    fetch(): AsyncIterable<unknown>;
    /** Stop following: ends `fetch()`'s iteration and aborts the request. */
    close(): void;
    /** The queue of `fetch()`'s events (event-iterator's), set once `fetch()` is called. */
    eventIteratorQueue?: {
      on(event: 'highWater' | 'lowWater', handler: () => void): void;
    } | null;
  }
}
