/**
 * What the build section says in words when the build service or the files give none.
 */
import { EnvBuilderRequestError } from '../api/request';
import { IBuildEvent } from '../buildlog/events';
import { Translate } from '../translate';
import { errorText } from './errorText';
import { IBuildProblem } from './precheck';

/** Why Build is off at `stage`, or null when it can start. */
export function blockedReason(
  stage: string,
  busy: boolean,
  problems: readonly IBuildProblem[],
  __: Translate
): string | null {
  if (stage === 'confirming') {
    return __('Agree to the files to send, or cancel, first.');
  }
  return busy ? __('A build is under way.') : problemsReason(problems, __);
}

/** Why the environment files keep Build off, or null when they do not. */
function problemsReason(
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

/** A failed event's text: the build service's own message, else our words for its code. */
export function failureMessage(event: IBuildEvent, __: Translate): string {
  const message = event.message;
  return typeof message === 'string' && message.trim() !== ''
    ? message
    : failureText(event, __) + '\n';
}

/** Words for a failure the build gateway of this server reports as a code. */
function gatewayText(event: IBuildEvent, __: Translate): string | null {
  const status = event.status_code ?? '?';
  const detail = event.detail ?? '';
  switch (event.error) {
    case 'cut':
      return __(
        'The connection to the build service broke off mid-build (%1). The build may go on there: build again to attach to it.',
        detail
      );
    case 'unreachable':
      return __(
        'The build service cannot be reached (%1). It may be down; try again later.',
        detail
      );
    case 'silent':
      return __(
        'No word from the build service for %1 seconds; gave up. The build may go on there: build again to attach to it.',
        event.seconds ?? '?'
      );
    case 'notConfigured':
      return __(
        'No build service is configured for this server. An administrator sets its address (%1).',
        event.setting ?? ''
      );
    case 'notEventStream':
      return __(
        'The build service did not answer with an event stream (%1). An administrator checks %2.',
        detail,
        event.setting ?? ''
      );
    case 'forbidden':
      return __(
        'The build service refused this server (HTTP %1): its token needs the scope %2. Ask your hub administrator to grant it to the server role (jupyterlab_envbuilder.hub.configure(c) does it).',
        status,
        event.missingScope ?? ''
      );
    case 'rateLimited':
      return event.retryAfter
        ? __(
            'The build service limits how often it builds: try again in %1 seconds.',
            event.retryAfter
          )
        : __('The build service limits how often it builds: try again later.');
    case 'upstreamHttp':
      if (status === 404) {
        return __(
          'The build service has no such page (HTTP 404). An administrator checks EnvBuilder.build_service_url.'
        );
      }
      if (typeof status === 'number' && status >= 300 && status < 400) {
        return __(
          'The build service redirected (HTTP %1) instead of building: it may want a login, so this server’s token was not accepted.',
          status
        );
      }
      return typeof status === 'number' && status >= 500
        ? __(
            'The build service failed (HTTP %1). Try again later; if it persists, tell your hub administrator.',
            status
          )
        : __('The build service answered HTTP %1.', status);
    case 'badSpec':
      return __('The build service does not take this build spec.');
    case 'gateway':
      return __(
        'This server stopped following the build (%1). Build again; if it persists, tell your hub administrator.',
        detail
      );
    default:
      return null;
  }
}

/** The failure in plain words, for an event that brings no message of its own. */
export function failureText(event: IBuildEvent, __: Translate): string {
  const fromGateway = event.gateway ? gatewayText(event, __) : null;
  if (fromGateway !== null) {
    return fromGateway;
  }
  switch (event.error) {
    case 'cut':
      return __(
        'The connection to this server broke off before the build finished. The build may go on: build again (or reload the page) to see it.'
      );
    case 'notStarted':
      return __(
        'No build of this environment has been started on this server.'
      );
    case 'interrupted':
      return __('This build was interrupted when its server stopped.');
    case 'connect':
      return __(
        'This server refused to open the build stream (HTTP %1).',
        event.status_code ?? '?'
      );
    case 'noImage':
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
      errorText(error, __)
    )
  };
}

/** The server's refusal of a folder that gained files since the user agreed to send them. */
function isUnconfirmed(
  body: unknown
): body is { reason: 'unconfirmedFiles'; paths: string[] } {
  const answer = body as { reason?: unknown; paths?: unknown } | null;
  return (
    answer?.reason === 'unconfirmedFiles' &&
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
    message: __('The build could not be started: %1', errorText(error, __))
  };
}
