import { IHandshake } from './types';
import { requestAPI } from './request';

/**
 * How long the handshake may take. The server asks the hub, the build service and the
 * snapshot store in turn, each for at most 5 s; longer means the server itself is stuck.
 */
export const HANDSHAKE_TIMEOUT_SECONDS = 45;

/** `GET envbuilder/status?version=`: the handshake with the server extension. */
export function fetchHandshake(frontendVersion: string): Promise<IHandshake> {
  const query = new URLSearchParams({ version: frontendVersion });
  return requestAPI<IHandshake>(`status?${query.toString()}`, {
    signal: AbortSignal.timeout(HANDSHAKE_TIMEOUT_SECONDS * 1000)
  });
}
