import { IHandshake } from './types';
import { requestAPI } from './request';

/** `GET envbuilder/status?version=`: the handshake with the server extension. */
export function fetchHandshake(frontendVersion: string): Promise<IHandshake> {
  const query = new URLSearchParams({ version: frontendVersion });
  return requestAPI<IHandshake>(`status?${query.toString()}`);
}
