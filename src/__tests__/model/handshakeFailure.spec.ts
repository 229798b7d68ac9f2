/**
 * A handshake without a usable answer is told by what happened: turned away, the extension
 * failed, a proxy answered for the server, no answer, too slow, or a web page instead of JSON.
 */
import { ServerConnection } from '@jupyterlab/services';

import { EnvBuilderRequestError, requestAPI } from '../../api/request';
import { IHandshake } from '../../api/types';
import { HandshakeModel } from '../../model/handshake';
import { failureOf, notAHandshake } from '../../model/handshakeFailure';

const LOGIN_PAGE =
  '<!DOCTYPE html>\n<html><head><title>JupyterHub</title></head><body>Sign in</body></html>';

describe('failureOf', () => {
  it.each([
    [401, 'refused'],
    [403, 'refused'],
    [500, 'serverError'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [418, 'other']
  ])('names HTTP %s as %s', (status, kind) => {
    const failure = failureOf(
      new EnvBuilderRequestError(`${status} Nope`, status, { message: 'Nope' })
    );
    expect(failure).toEqual({ kind, status, message: `${status} Nope` });
  });

  it('tells a time limit that ran out from a network error', () => {
    expect(
      failureOf(new EnvBuilderRequestError('x', 0, { reason: 'timeout' })).kind
    ).toBe('timeout');
    expect(
      failureOf(new EnvBuilderRequestError('x', 0, { reason: 'unreachable' }))
        .kind
    ).toBe('unreachable');
  });

  it('names a web page that came back with an odd status', () => {
    expect(
      failureOf(new EnvBuilderRequestError('400 Bad Request', 400, LOGIN_PAGE))
        .kind
    ).toBe('notJson');
  });

  it('keeps anything else as it is', () => {
    expect(failureOf(new TypeError('boom'))).toEqual({
      kind: 'other',
      status: 0,
      message: 'TypeError: boom'
    });
  });
});

describe('notAHandshake', () => {
  it('names a page that came back with 200 instead of the handshake, with its beginning', () => {
    const failure = notAHandshake(
      LOGIN_PAGE + ' '.repeat(10) + 'x'.repeat(400)
    );
    expect(failure?.kind).toBe('notJson');
    expect(failure?.message).toMatch(/^<!DOCTYPE html> <html><head><title>/);
    expect(failure?.message.length).toBeLessThanOrEqual(161);
  });

  it('passes a handshake', () => {
    expect(
      notAHandshake({ version: '1', capabilities: {} } as unknown as IHandshake)
    ).toBeNull();
  });
});

describe('the handshake model on a failure', () => {
  it('says a web page came back rather than that versions differ', async () => {
    const model = new HandshakeModel(
      async () => LOGIN_PAGE as unknown as IHandshake,
      '1.2.3'
    );
    await model.refresh();
    expect(model.state.kind).toBe('error');
    expect(model.state.kind === 'error' && model.state.failure.kind).toBe(
      'notJson'
    );
  });
});

describe('requestAPI with a time limit', () => {
  it('says the time ran out, not that the server could not be reached', async () => {
    const limit = new AbortController();
    // A server that never answers: the request ends only when the time limit aborts it.
    const settings = ServerConnection.makeSettings({
      baseUrl: 'http://localhost/',
      fetch: (() =>
        new Promise((_resolve, reject) => {
          limit.signal.addEventListener('abort', () =>
            reject(limit.signal.reason)
          );
        })) as typeof fetch
    });
    const asked = requestAPI('status', { signal: limit.signal }, settings);
    limit.abort(new DOMException('signal timed out', 'TimeoutError'));
    const error = await asked.catch(e => e as EnvBuilderRequestError);
    expect(error).toBeInstanceOf(EnvBuilderRequestError);
    expect(failureOf(error).kind).toBe('timeout');

    const offline = ServerConnection.makeSettings({
      baseUrl: 'http://localhost/',
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as any
    });
    const down = await requestAPI('status', {}, offline).catch(e => e);
    expect(failureOf(down).kind).toBe('unreachable');
  });
});
