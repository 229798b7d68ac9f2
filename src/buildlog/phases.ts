/**
 * The steps of a build, as BinderHub's page shows them (waiting → fetching → building →
 * pushing → ready), and where a build is on them. Steps that did not happen are never
 * shown done: a dry run fetches and writes a Dockerfile but builds and pushes nothing, and
 * a cache hit finds the image at once.
 */

export const STEPS = [
  'waiting',
  'fetching',
  'building',
  'pushing',
  'ready'
] as const;

export type Step = (typeof STEPS)[number];

export type StepState = 'done' | 'current' | 'todo' | 'failed' | 'skipped';

/** How a build ended, or that it runs; `dry-run`: it ended without an image. */
export type BuildOutcome = 'running' | 'ready' | 'failed' | 'dry-run';

/** Where each step stands, from the furthest phase reached and how the build ended. */
export function stepStates(
  reached: string | null,
  outcome: BuildOutcome,
  cacheHit = false
): { step: Step; state: StepState }[] {
  if (cacheHit && outcome !== 'running' && outcome !== 'failed') {
    // `ready` came at once: nothing was fetched, built or pushed this time.
    return STEPS.map(step => ({
      step,
      state: step === 'ready' ? 'done' : 'skipped'
    }));
  }
  if (outcome === 'ready') {
    return STEPS.map(step => ({ step, state: 'done' }));
  }
  if (outcome === 'dry-run') {
    // repo2docker --no-build cloned the files and wrote the Dockerfile, nothing more.
    return STEPS.map(step => ({
      step,
      state: step === 'building' || step === 'pushing' ? 'skipped' : 'done'
    }));
  }
  // `built` and `launching` come after the push, before the image is declared ready.
  const phase =
    reached === 'built' || reached === 'launching' ? 'ready' : reached;
  const index = Math.max(0, STEPS.indexOf(phase as Step));
  return STEPS.map((step, i) => ({
    step,
    state:
      i < index
        ? 'done'
        : i > index
          ? 'todo'
          : outcome === 'failed'
            ? 'failed'
            : 'current'
  }));
}
