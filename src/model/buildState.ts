/**
 * The state of the panel's build and how a build of the history is shown, without the model
 * that changes it: pure, so the views and tests read it on their own.
 */
import { IBuildSummary } from '../api/types';
import {
  buildEnd,
  IBuildEvent,
  phaseOf,
  progressPhase
} from '../buildlog/events';
import { Translate } from '../translate';
import { failureMessage } from './buildTexts';
import { IBuildProblem } from './precheck';

/** Where the build of the panel is. */
export type BuildStage =
  /** Nothing built since the page loaded, and no build in the history. */
  | 'idle'
  /** Checking the environment files. */
  | 'checking'
  /** The check found errors: nothing was built. */
  | 'blocked'
  /** Saving open environment files with unsaved changes. */
  | 'saving'
  /** Showing the files that a build would send, before they are sent. */
  | 'confirming'
  /** The user did not agree to send the files: nothing was sent or built. */
  | 'declined'
  /** Committing the environment folder. */
  | 'snapshot'
  /** Following the build service's event stream. */
  | 'watching'
  /** The user stopped watching; the build goes on without us. */
  | 'stopped'
  | 'ready'
  | 'failed';

/** The stages of a build under way: Build is off during them. */
export const BUSY_STAGES: readonly BuildStage[] = [
  'checking',
  'saving',
  'confirming',
  'snapshot',
  'watching'
];

export interface IBuildState {
  stage: BuildStage;
  /** The build service's last phase that says how far it got (`waiting`, `building`, …). */
  phase: string | null;
  /** `<provider>/<spec>` of the build. */
  spec: string | null;
  /** The commit of the environment folder that is built. */
  sha: string | null;
  /** Milliseconds since the epoch. */
  startedAt: number | null;
  finishedAt: number | null;
  imageName: string | null;
  /** The build service built no image (the local build service without a container engine). */
  dryRun: boolean;
  /** The image was there already: `ready` came at once. */
  cacheHit: boolean;
  /** Following a build that was running when this page loaded. */
  reattached: boolean;
  /** A build of the history shown after a reload, not followed live. */
  fromHistory: boolean;
  /** The event that ended a failed build, or what kept it from starting. */
  failure: IBuildEvent | null;
  /** Errors of the environment files that blocked the build. */
  problems: readonly IBuildProblem[];
  /** Files saved before the build. */
  saved: readonly string[];
}

/** Saves open documents with unsaved changes under a folder; resolves with their paths. */
export type DirtySaver = (folder: string) => Promise<string[]>;

export const IDLE: IBuildState = {
  stage: 'idle',
  phase: null,
  spec: null,
  sha: null,
  startedAt: null,
  finishedAt: null,
  imageName: null,
  dryRun: false,
  cacheHit: false,
  reattached: false,
  fromHistory: false,
  failure: null,
  problems: [],
  saved: []
};

/** How a finished build of the history is shown after a reload. */
export const FINISHED_RESULTS: Record<string, 'ready' | 'failed'> = {
  built: 'ready',
  'dry-run': 'ready',
  failed: 'failed',
  interrupted: 'failed'
};

/**
 * The state after one event of the followed build: `ended` when it ended the build, with
 * `failed` (the ending event) when it failed; null when the event changed nothing (most
 * events of a big log: nothing is made for them).
 */
export function afterEvent(
  state: IBuildState,
  event: IBuildEvent,
  first: boolean,
  now: () => number
): { state: IBuildState; ended: boolean; failed?: IBuildEvent } | null {
  const phase = progressPhase(event);
  const dryRun = state.dryRun || event.dryRun === true;
  const end = buildEnd(event);
  if (end?.kind === 'ready') {
    return {
      state: {
        ...state,
        stage: 'ready',
        phase: 'ready',
        imageName: end.image,
        dryRun,
        cacheHit: first,
        finishedAt: now()
      },
      ended: true
    };
  }
  if (end?.kind === 'failed') {
    return { state, ended: true, failed: end.event };
  }
  if (phase !== state.phase || dryRun !== state.dryRun) {
    return {
      state: { ...state, phase: phase ?? state.phase, dryRun },
      ended: false
    };
  }
  return null;
}

/**
 * How a finished build of the history is shown after a reload, before its record is read;
 * null for a build that is neither done nor failed.
 */
export function historyBuildState(last: IBuildSummary): IBuildState | null {
  const stage = FINISHED_RESULTS[last.result];
  if (!stage) {
    return null;
  }
  return {
    ...IDLE,
    stage,
    spec: last.spec,
    sha: last.ref,
    startedAt: parseTime(last.startedAt),
    finishedAt: parseTime(last.finishedAt),
    imageName: stage === 'ready' ? last.imageName : null,
    dryRun: last.result === 'dry-run',
    fromHistory: true,
    failure:
      stage === 'failed'
        ? {
            phase: 'failed',
            error: last.result === 'interrupted' ? 'interrupted' : undefined,
            message: last.message ?? undefined
          }
        : null
  };
}

/** The state of a history build once its record is read: its own failure and dry run. */
export function withRecord(
  state: IBuildState,
  events: readonly IBuildEvent[],
  __: Translate
): IBuildState {
  const failed = [...events].reverse().find(e => phaseOf(e) === 'failed');
  return {
    ...state,
    failure:
      state.failure && failed
        ? { ...failed, message: failureMessage(failed, __) }
        : state.failure,
    dryRun: state.dryRun || events.some(e => e.dryRun === true)
  };
}

/** Milliseconds since the epoch, or null for a missing or unreadable time. */
export function parseTime(time: string | null | undefined): number | null {
  const value = time ? Date.parse(time) : NaN;
  return Number.isNaN(value) ? null : value;
}

/** The log text of events, in order; a failure that came as a code, in words. */
export function* messagesOf(
  events: Iterable<IBuildEvent>,
  __: Translate
): Iterable<string> {
  for (const event of events) {
    if (event && phaseOf(event) === 'failed') {
      yield failureMessage(event, __);
    } else if (event && typeof event.message === 'string') {
      yield event.message;
    }
  }
}
