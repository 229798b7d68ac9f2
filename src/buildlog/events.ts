/**
 * Events of BinderHub's build API as the panel reads them: phases and the end of a build.
 *
 * Nothing here depends on JupyterLab, so it can be tested on its own.
 */

/** One event of a build's event stream (BinderHub's build API, through the gateway). */
export interface IBuildEvent {
  /** Lower-case; may be missing or unknown. */
  phase?: string;
  /** Log text, as printed, newlines included (or not). */
  message?: string;
  imageName?: string;
  /** The image name on BinderHub's launching `ready`. */
  image?: string;
  /** Set by the local build service when it has no container engine: nothing was built. */
  dryRun?: boolean;
  /** An HTTP error of the build service, inside the stream. */
  status_code?: number;
  /** Kind of failure, set by the gateway (`forbidden`, `rateLimited`, `cut`, …) or the stream reader. */
  error?: string;
  /** The build service's own text when the gateway rephrased the message. */
  detail?: string;
  /** The scope the server's token lacks (with `error: 'forbidden'`). */
  missingScope?: string;
  /** Seconds to wait (with `error: 'rateLimited'`). */
  retryAfter?: number;
  /** Set on the events the build gateway of this server makes up itself (codes, no prose). */
  gateway?: boolean;
  /** The admin setting that decides (with `notConfigured`, `notEventStream`). */
  setting?: string;
  /** How long the build service was silent (with `error: 'silent'`). */
  seconds?: number;
  /** `notJson`: the build service sent a line that is not a JSON object. */
  warning?: string;
}

/** Phases that say how far a build got; others (`unknown`, `running`, odd ones) do not. */
export const PROGRESS_PHASES = [
  'waiting',
  'fetching',
  'building',
  'pushing',
  'built',
  'launching',
  'ready',
  'failed'
] as const;

export type ProgressPhase = (typeof PROGRESS_PHASES)[number];

/** A phase already lower-case and trimmed. */
const CLEAN_PHASE = /^[a-z][a-z-]*$/;

/** The phase of an event, lower-case and trimmed; null when missing or not a string. */
export function phaseOf(event: IBuildEvent): string | null {
  const phase = (event as { phase?: unknown }).phase;
  if (typeof phase !== 'string') {
    return null;
  }
  if (CLEAN_PHASE.test(phase)) {
    // The usual case, taken without making a new string for each of a big log's events.
    return phase;
  }
  const clean = phase.trim().toLowerCase();
  return clean === '' ? null : clean;
}

/** The phase if it says how far the build got, else null. */
export function progressPhase(event: IBuildEvent): ProgressPhase | null {
  const phase = phaseOf(event);
  return (PROGRESS_PHASES as readonly string[]).includes(phase ?? '')
    ? (phase as ProgressPhase)
    : null;
}

/** The image an event names, if any (`imageName`; `image` on a launching `ready`). */
export function imageOf(event: IBuildEvent): string | null {
  return named(event.imageName) ?? named(event.image);
}

function named(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** How an event ends a build, if it does. */
export type BuildEnd =
  { kind: 'ready'; image: string } | { kind: 'failed'; event: IBuildEvent };

/**
 * Whether the event ends the build: `failed`, `ready` with an image, or `built` with an
 * image (a BinderHub that launches would go on to `launching`: the image is ready, and
 * nothing is launched from here). A `ready` without an image is a failure.
 */
export function buildEnd(event: IBuildEvent): BuildEnd | null {
  const phase = phaseOf(event);
  const image = imageOf(event);
  if (phase === 'failed') {
    return { kind: 'failed', event };
  }
  if ((phase === 'ready' || phase === 'built') && image) {
    return { kind: 'ready', image };
  }
  if (phase === 'ready') {
    return {
      kind: 'failed',
      event: { ...event, phase: 'failed', error: 'noImage' }
    };
  }
  return null;
}

/**
 * An event as the panel uses it, from the data of one event on the wire: a JSON object
 * (the phase lower-cased and trimmed); anything else is shown as a line of the log.
 */
export function fromWire(data: string): IBuildEvent {
  let raw: unknown = data;
  try {
    raw = JSON.parse(data);
  } catch {
    // Not JSON: the text itself is the message.
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    return { message: `${text}\n`, phase: 'unknown' };
  }
  // A fresh object of JSON.parse, no one else's: changed in place, not copied (one
  // allocation less per event of a 50,000-line log).
  const event = raw as IBuildEvent;
  const phase = phaseOf(event);
  if (phase !== null) {
    event.phase = phase;
  }
  return event;
}
