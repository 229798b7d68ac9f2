import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { BuildOutcome, Step, stepStates } from '../buildlog/phases';

/** The build's steps as a bar, like BinderHub's page; the current one is announced. */
export function PhaseBar(props: {
  reached: string | null;
  outcome: BuildOutcome;
  /** `ready` came at once: the image was there already. */
  cacheHit?: boolean;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans, outcome } = props;
  const cacheHit = props.cacheHit ?? false;
  const names: Record<Step, string> = {
    waiting: trans.__('Waiting'),
    fetching: trans.__('Fetching'),
    building: trans.__('Building'),
    pushing: trans.__('Pushing'),
    ready: outcome === 'dry-run' ? trans.__('Dry run done') : trans.__('Ready')
  };
  const stateWords = {
    done: trans.__('done'),
    current: trans.__('under way'),
    todo: trans.__('to come'),
    failed: trans.__('failed'),
    skipped: cacheHit
      ? trans.__('not needed, the build service had it from before')
      : trans.__('not done, a dry run builds no image')
  };
  return (
    <ol
      className="jp-EnvBuilder-phaseBar"
      data-testid="envbuilder-phase-bar"
      aria-label={trans.__('Build steps')}
    >
      {stepStates(props.reached, outcome, cacheHit).map(({ step, state }) => (
        <li
          key={step}
          data-step={step}
          data-state={state}
          aria-current={state === 'current' ? 'step' : undefined}
          title={`${names[step]}: ${stateWords[state]}`}
        >
          {names[step]}
        </li>
      ))}
    </ol>
  );
}
