/**
 * The steps before a build can be followed: check the files, save open editors,
 * snapshot the folder and start the build. Each step may be overtaken by a newer
 * run (`current()` turns false); the model then drops the outcome.
 */
import { ISnapshot } from '../api/types';
import { IBuildEvent } from '../buildlog/events';
import { Translate } from '../translate';
import { DirtySaver, IBuildState } from './buildState';
import { saveFailure, snapshotFailure, startFailure } from './buildTexts';
import { IBuildPrecheck, IBuildProblem, precheckErrors } from './precheck';
import { SendConfirmer } from './sendFiles';

/** The requests that start a build. */
export interface IStartApi {
  /** With `paths`, a folder holding any other file is refused and nothing is sent. */
  createSnapshot(folder: string, paths?: readonly string[]): Promise<ISnapshot>;
  /** Start the build of `spec` (or join the one running); its events come from `openStream`. */
  startBuild(spec: string): Promise<void>;
}

export interface IStartSteps {
  api: IStartApi;
  precheck: IBuildPrecheck | null;
  saveDirty: DirtySaver | null;
  /** Asks the user about the files to send when they include new ones; null: never asks. */
  confirmSend: SendConfirmer | null;
  folder: string;
  /** False once a newer run has begun. */
  current: () => boolean;
  /** Saving began (`saved` undefined), or a later step began after saving `saved`. */
  onStage: (
    stage: 'saving' | 'confirming' | 'snapshot',
    saved?: string[]
  ) => void;
  trans: Translate;
}

export type StartOutcome =
  | { kind: 'started'; snapshot: ISnapshot }
  | { kind: 'blocked'; problems: IBuildProblem[] }
  | { kind: 'failed'; failure: IBuildEvent }
  | { kind: 'declined' }
  | { kind: 'overtaken' };

/** The state a start that built nothing ends in (blocked or declined); null when none. */
export function endedBefore(
  state: IBuildState,
  started: StartOutcome,
  now: number
): IBuildState | null {
  switch (started.kind) {
    case 'blocked':
      return {
        ...state,
        stage: 'blocked',
        problems: started.problems,
        finishedAt: now
      };
    case 'declined':
      return { ...state, stage: 'declined', finishedAt: now };
    default:
      return null;
  }
}

export async function startSteps(steps: IStartSteps): Promise<StartOutcome> {
  const { api, folder, current, trans: __ } = steps;
  if (steps.precheck) {
    const errors = await precheckErrors(steps.precheck);
    if (!current()) {
      return { kind: 'overtaken' };
    }
    if (errors.length > 0) {
      return { kind: 'blocked', problems: errors };
    }
  }
  let saved: string[] = [];
  if (steps.saveDirty) {
    steps.onStage('saving');
    try {
      saved = await steps.saveDirty(folder);
    } catch (error) {
      return { kind: 'failed', failure: saveFailure(error, __) };
    }
  }
  if (!current()) {
    return { kind: 'overtaken' };
  }
  // After saving, so the list shows the files as they will be sent.
  let agreed: string[] | undefined;
  if (steps.confirmSend) {
    steps.onStage('confirming', saved);
    let paths: string[] | null;
    try {
      paths = await steps.confirmSend(folder);
    } catch (error) {
      return current()
        ? { kind: 'failed', failure: snapshotFailure(error, folder, __) }
        : { kind: 'overtaken' };
    }
    if (!current()) {
      return { kind: 'overtaken' };
    }
    if (paths === null) {
      return { kind: 'declined' };
    }
    agreed = paths;
  }
  steps.onStage('snapshot', saved);
  let snapshot: ISnapshot;
  try {
    snapshot = await api.createSnapshot(folder, agreed);
  } catch (error) {
    return current()
      ? { kind: 'failed', failure: snapshotFailure(error, folder, __) }
      : { kind: 'overtaken' };
  }
  if (!current()) {
    return { kind: 'overtaken' };
  }
  try {
    // Starting is a POST; the stream (a GET) only follows what was started.
    await api.startBuild(snapshot.spec);
  } catch (error) {
    return current()
      ? { kind: 'failed', failure: startFailure(error, __) }
      : { kind: 'overtaken' };
  }
  return current() ? { kind: 'started', snapshot } : { kind: 'overtaken' };
}

/** Start the build of a spec that has no folder to snapshot (a source); null once started. */
export async function startSpec(
  api: IStartApi,
  spec: string,
  trans: Translate
): Promise<IBuildEvent | null> {
  try {
    await api.startBuild(spec);
    return null;
  } catch (error) {
    return startFailure(error, trans);
  }
}
