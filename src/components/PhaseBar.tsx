import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { Step, stepStates } from '../buildlog/phases';

/** The build's steps as a bar, like BinderHub's page; the current one is announced. */
export function PhaseBar(props: {
  reached: string | null;
  outcome: 'running' | 'ready' | 'failed';
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  const names: Record<Step, string> = {
    waiting: trans.__('Waiting'),
    fetching: trans.__('Fetching'),
    building: trans.__('Building'),
    pushing: trans.__('Pushing'),
    ready: trans.__('Ready')
  };
  const stateWords = {
    done: trans.__('done'),
    current: trans.__('under way'),
    todo: trans.__('to come'),
    failed: trans.__('failed')
  };
  return (
    <ol
      className="jp-EnvBuilder-phaseBar"
      data-testid="envbuilder-phase-bar"
      aria-label={trans.__('Build steps')}
    >
      {stepStates(props.reached, props.outcome).map(({ step, state }) => (
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
