/**
 * Words for builds, shared by the Build section, the status bar item and notifications.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { IBuildState } from '../model/buildState';

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** Time since the build started, up to now or to its end. */
export function elapsedOf(state: IBuildState, now: number): number | null {
  if (state.startedAt === null) {
    return null;
  }
  return (state.finishedAt ?? now) - state.startedAt;
}

/** What the build is doing, in a few words. */
export function stageLabel(
  state: IBuildState,
  trans: TranslationBundle
): string {
  switch (state.stage) {
    case 'idle':
      return trans.__('No build yet');
    case 'checking':
      return trans.__('Checking the environment files');
    case 'blocked':
      return trans.__('Not built: the environment files have errors');
    case 'saving':
      return trans.__('Saving the environment files');
    case 'confirming':
      return trans.__('Waiting for you to agree to the files to send');
    case 'declined':
      return trans.__('Not built: the files were not sent');
    case 'snapshot':
      return trans.__('Taking a snapshot of the environment folder');
    case 'stopped':
      return trans.__('Not watching (the build goes on)');
    case 'ready':
      return state.dryRun
        ? trans.__('Done (dry run: no image was built)')
        : trans.__('Image ready');
    case 'failed':
      return trans.__('Build failed');
    case 'watching':
      return phaseLabel(state.phase, trans);
  }
}

/** A phase of the build service, in words. */
export function phaseLabel(
  phase: string | null,
  trans: TranslationBundle
): string {
  switch (phase) {
    case 'waiting':
      return trans.__('Waiting for the build service');
    case 'fetching':
      return trans.__('Fetching the environment files');
    case 'building':
      return trans.__('Building the image');
    case 'pushing':
      return trans.__('Pushing the image');
    case 'built':
      return trans.__('Image built');
    case 'launching':
      return trans.__('Launching');
    case 'ready':
      return trans.__('Image ready');
    case 'failed':
      return trans.__('Build failed');
    default:
      return trans.__('Connecting to the build service');
  }
}

/** A build result of the history (`built`, `dry-run`, `failed`, `running`, `interrupted`). */
export function resultLabel(result: string, trans: TranslationBundle): string {
  switch (result) {
    case 'built':
      return trans.__('built');
    case 'dry-run':
      return trans.__('dry run, no image');
    case 'failed':
      return trans.__('failed');
    case 'running':
      return trans.__('running');
    case 'interrupted':
      return trans.__('interrupted');
    default:
      return result;
  }
}

/** The first 7 characters of a commit SHA. */
export function shortSha(sha: string | null): string {
  return sha ? sha.slice(0, 7) : '';
}
