/**
 * What the build section says in words when the build service or the files give none.
 */
import { EnvBuilderRequestError } from '../api/request';
import { IBuildEvent } from '../buildlog/events';
import { Translate } from '../translate';
import { IBuildProblem } from './precheck';

/** Why the environment files keep Build off, or null when they do not. */
export function problemsReason(
  problems: readonly IBuildProblem[],
  __: Translate
): string | null {
  const errors = problems.filter(p => p.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    const where = first.line
      ? __('%1, line %2', first.file, first.line)
      : first.file;
    return errors.length === 1
      ? __(
          'Fix the problem in the environment files first: %1: %2',
          where,
          first.message
        )
      : __(
          'Fix the %1 problems in the environment files first; the first: %2: %3',
          errors.length,
          where,
          first.message
        );
  }
  return null;
}

/** The failure in plain words, for an event that brings no message of its own. */
export function failureText(event: IBuildEvent, __: Translate): string {
  switch (event.error) {
    case 'cut':
      return __(
        'The connection to this server broke off before the build finished. The build may go on: build again (or reload the page) to see it.'
      );
    case 'connect':
      return __(
        'This server refused to open the build stream (HTTP %1).',
        event.status_code ?? '?'
      );
    case 'no-image':
      return __(
        'The build service said the build is ready but named no image.'
      );
    default:
      return __(
        'The build failed; the build service gave no reason. The log above may show why.'
      );
  }
}

/** Saving the open environment files failed before the build. */
export function saveFailure(error: unknown, __: Translate): IBuildEvent {
  return {
    phase: 'failed',
    error: 'save',
    message: __('Saving the environment files failed: %1', String(error))
  };
}

/** The server could not commit the environment folder. */
export function snapshotFailure(
  error: unknown,
  folder: string,
  __: Translate
): IBuildEvent {
  const body = error instanceof EnvBuilderRequestError ? error.body : null;
  if (isUnconfirmed(body)) {
    return {
      phase: 'failed',
      error: 'snapshot',
      status_code: 409,
      message: __(
        'Files were added to %1 after you agreed to the list: %2. Nothing was sent; build again to see the new list.',
        folder,
        body.paths.join(', ')
      )
    };
  }
  return {
    phase: 'failed',
    error: 'snapshot',
    status_code:
      error instanceof EnvBuilderRequestError ? error.status : undefined,
    message: __(
      'The environment folder %1 could not be committed: %2',
      folder || '/',
      error instanceof Error ? error.message : String(error)
    )
  };
}

/** The server's refusal of a folder that gained files since the user agreed to send them. */
function isUnconfirmed(
  body: unknown
): body is { reason: 'unconfirmed-files'; paths: string[] } {
  const answer = body as { reason?: unknown; paths?: unknown } | null;
  return (
    answer?.reason === 'unconfirmed-files' &&
    Array.isArray(answer.paths) &&
    answer.paths.every(p => typeof p === 'string')
  );
}

/** The server kept failing while the client tried to reconnect. */
export function unreachableFailure(
  event: IBuildEvent,
  tries: number,
  __: Translate
): IBuildEvent {
  return {
    phase: 'failed',
    error: 'unreachable',
    status_code: event.status_code,
    message: __(
      'This server did not answer (%1); gave up after %2 tries. The build may go on: build again to see it.',
      event.detail ?? '',
      tries
    )
  };
}

/** The server would not start the build (the POST failed). */
export function startFailure(error: unknown, __: Translate): IBuildEvent {
  return {
    phase: 'failed',
    error: 'start',
    status_code:
      error instanceof EnvBuilderRequestError ? error.status : undefined,
    message: __(
      'The build could not be started: %1',
      error instanceof Error ? error.message : String(error)
    )
  };
}
