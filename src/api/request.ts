import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { API_NAMESPACE } from '../contract';

/**
 * A failed call to the server extension, carrying the HTTP status and the server's JSON.
 *
 * `status` is 0 when the server could not be reached at all.
 */
export class EnvBuilderRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown = null
  ) {
    super(message);
    this.name = 'EnvBuilderRequestError';
  }

  /** The server's code for the refusal (`noFolder`, `tooLargeFile`, …), or null. */
  get reason(): string | null {
    const reason = this._field('reason');
    return typeof reason === 'string' ? reason : null;
  }

  /** A parameter of the refusal (`path`, `limit`, `setting`, …), or undefined. */
  detail(name: string): unknown {
    return this._field(name);
  }

  private _field(name: string): unknown {
    const body = this.body;
    return body && typeof body === 'object'
      ? (body as Record<string, unknown>)[name]
      : undefined;
  }

  /** The server extension is not installed or not enabled: its routes do not exist. */
  get isMissingExtension(): boolean {
    return this.status === 404;
  }
}

/**
 * Call the server extension at `envbuilder/<endPoint>` and return its JSON answer.
 */
export async function requestAPI<T>(
  endPoint: string,
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const url = URLExt.join(settings.baseUrl, API_NAMESPACE, endPoint);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    // The caller's time limit (AbortSignal.timeout) ran out: not a network error.
    const reason: unknown = init.signal?.aborted ? init.signal.reason : null;
    const timedOut =
      (reason as { name?: unknown } | null)?.name === 'TimeoutError';
    throw new EnvBuilderRequestError(
      `The Jupyter server could not be reached: ${String(error)}`,
      0,
      { reason: timedOut ? 'timeout' : 'unreachable' }
    );
  }
  const text = await response.text();
  let body: unknown = null;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) {
    const serverMessage =
      body && typeof body === 'object' && 'message' in body
        ? String((body as { message: unknown }).message)
        : response.statusText;
    throw new EnvBuilderRequestError(
      `${response.status} ${serverMessage}`.trim(),
      response.status,
      body
    );
  }
  return body as T;
}

/**
 * The code a view words for a failed request: the server's `reason`, `http-<status>` without
 * one, `unreachable` when the server could not be reached (or the error is not a request's).
 */
export function refusalCode(error: unknown): string {
  if (error instanceof EnvBuilderRequestError) {
    return (
      error.reason ??
      (error.status === 0 ? 'unreachable' : `http-${error.status}`)
    );
  }
  return 'unreachable';
}
