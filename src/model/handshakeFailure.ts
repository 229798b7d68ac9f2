/**
 * What went wrong when the handshake got no usable answer, in a few kinds the panel can say
 * plainly: the request was turned away, the server extension failed, something in front of
 * the server answered for it, nothing answered, or a web page came back instead of JSON.
 */
import { EnvBuilderRequestError } from '../api/request';

export type HandshakeFailureKind =
  | 'refused'
  | 'serverError'
  | 'unavailable'
  | 'unreachable'
  | 'timeout'
  | 'notJson'
  | 'other';

export interface IHandshakeFailure {
  kind: HandshakeFailureKind;
  /** The HTTP status, 0 when no answer came. */
  status: number;
  /** What the browser or the server said, for the details. */
  message: string;
}

/** How much of a page that came back instead of JSON the details show. */
const EXCERPT = 160;

function looksLikeHtml(body: unknown): body is string {
  return (
    typeof body === 'string' && /^\s*<(!doctype|html|head|body)/i.test(body)
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}

/** The kind of a failed handshake request (a 404 is the missing extension, told apart before). */
export function failureOf(error: unknown): IHandshakeFailure {
  if (!(error instanceof EnvBuilderRequestError)) {
    return { kind: 'other', status: 0, message: String(error) };
  }
  const { status, message } = error;
  const kind: HandshakeFailureKind =
    status === 0
      ? error.reason === 'timeout'
        ? 'timeout'
        : 'unreachable'
      : status === 401 || status === 403
        ? 'refused'
        : status === 500
          ? 'serverError'
          : status === 502 || status === 503 || status === 504
            ? 'unavailable'
            : looksLikeHtml(error.body)
              ? 'notJson'
              : 'other';
  return { kind, status, message };
}

/**
 * A successful answer that is not the handshake (a login page, a proxy's page): what it
 * began with, or null when it is a handshake.
 */
export function notAHandshake(answer: unknown): IHandshakeFailure | null {
  if (
    answer !== null &&
    typeof answer === 'object' &&
    'capabilities' in answer &&
    'version' in answer
  ) {
    return null;
  }
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return {
    kind: 'notJson',
    status: 200,
    message: excerpt(String(text ?? ''))
  };
}
