/**
 * The words for a handshake that got no usable answer: what happened and what to do, in a
 * plain sentence; what came back sits in the details.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { HANDSHAKE_TIMEOUT_SECONDS } from '../api/status';
import { IHandshakeFailure } from '../model/handshakeFailure';

export interface IFailureWords {
  title: string;
  text: string;
  /** What came back, for whoever looks further (an administrator). */
  details: string;
}

type Trans = Pick<TranslationBundle, '__'>;

function details(failure: IHandshakeFailure, trans: Trans): string {
  if (failure.status === 0) {
    return trans.__('No answer. The browser said: %1', failure.message);
  }
  if (failure.kind === 'notJson' && failure.status === 200) {
    return trans.__('HTTP 200. The answer began with: %1', failure.message);
  }
  return trans.__('The answer: %1', failure.message);
}

/** Title, sentence and details for a failed handshake. */
export function failureWords(
  failure: IHandshakeFailure,
  trans: Trans
): IFailureWords {
  const status = String(failure.status);
  const said = (title: string, text: string): IFailureWords => ({
    title,
    text,
    details: details(failure, trans)
  });
  switch (failure.kind) {
    case 'refused':
      return said(
        trans.__('The server turned the check away'),
        trans.__(
          'Your server refused this page’s request (HTTP %1): usually your login has expired. Reload the page and log in again if asked; if it persists, tell your hub administrator.',
          status
        )
      );
    case 'serverError':
      return said(
        trans.__('The server extension failed'),
        trans.__(
          'The server extension hit an error while checking (HTTP 500). Check again in a moment; if it persists, tell your hub administrator: the error is in your server’s log.'
        )
      );
    case 'unavailable':
      return said(
        trans.__('The server is not answering right now'),
        trans.__(
          'Your server did not answer (HTTP %1, usually from the hub’s proxy in front of it): it may be starting, stopping or too busy. Check again in a moment; if it does not come back, start it again from the hub home page.',
          status
        )
      );
    case 'unreachable':
      return said(
        trans.__('The server could not be reached'),
        trans.__(
          'This page got no answer at all from your server: your network connection may be down, or the server has stopped. Check your connection, then check again; if it persists, see on the hub home page whether your server runs.'
        )
      );
    case 'timeout':
      return said(
        trans.__('The server took too long to answer'),
        trans.__(
          'Your server did not answer the check within %1 seconds: it may be very busy (a large install, a kernel using all the CPU). Check again in a moment.',
          String(HANDSHAKE_TIMEOUT_SECONDS)
        )
      );
    case 'notJson':
      return said(
        trans.__('A web page came back instead of the check'),
        trans.__(
          'Something other than the server extension answered with a web page, usually a login page or the error page of a proxy in front of your server. Reload the page and log in again if asked; if it persists, tell your hub administrator.'
        )
      );
    default:
      return said(
        trans.__('The server did not answer the check'),
        failure.status
          ? trans.__(
              'Asking the server extension failed (HTTP %1). Check again in a moment; if it persists, tell your hub administrator and include the details.',
              status
            )
          : trans.__(
              'Asking the server extension failed. Check again in a moment; if it persists, tell your hub administrator and include the details.'
            )
      );
  }
}
