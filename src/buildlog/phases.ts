/**
 * The steps of a build, as BinderHub's page shows them (waiting → fetching → building →
 * pushing → ready), and where a build is on them.
 */

export const STEPS = [
  'waiting',
  'fetching',
  'building',
  'pushing',
  'ready'
] as const;

export type Step = (typeof STEPS)[number];

export type StepState = 'done' | 'current' | 'todo' | 'failed';

/** Where each step stands, from the furthest phase reached and how the build ended. */
export function stepStates(
  reached: string | null,
  outcome: 'running' | 'ready' | 'failed'
): { step: Step; state: StepState }[] {
  if (outcome === 'ready') {
    return STEPS.map(step => ({ step, state: 'done' }));
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
