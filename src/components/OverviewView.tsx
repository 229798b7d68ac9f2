import { TranslationBundle } from '@jupyterlab/translation';
import {
  checkIcon,
  errorIcon,
  infoIcon,
  LabIcon,
  runningIcon
} from '@jupyterlab/ui-components';
import * as React from 'react';

import { warningIcon } from '../icons';
import { CopyImageButton } from './ImageName';
import { IFact, INextAction, IOverview } from '../model/overview';

const TONE_ICONS: Record<IFact['tone'], LabIcon> = {
  ok: checkIcon,
  info: infoIcon,
  warning: warningIcon,
  error: errorIcon,
  busy: runningIcon
};

/** The icon of a tone, labelled for screen readers (the colour alone says nothing). */
export function ToneIcon(props: {
  tone: IFact['tone'];
  trans: TranslationBundle;
}): JSX.Element {
  const { tone, trans } = props;
  const labels: Record<IFact['tone'], string> = {
    ok: trans.__('Fine'),
    info: trans.__('Information'),
    warning: trans.__('Warning'),
    error: trans.__('Error'),
    busy: trans.__('Under way')
  };
  const Icon = TONE_ICONS[tone];
  return (
    <span
      className="jp-EnvBuilder-tone"
      data-tone={tone}
      title={labels[tone]}
      aria-label={labels[tone]}
      role="img"
    >
      <Icon.react tag="span" />
    </span>
  );
}

export interface IOverviewViewProps {
  overview: IOverview;
  trans: TranslationBundle;
  /** Whether the next action's command can run now. */
  nextEnabled: boolean;
  onNext: (action: INextAction) => void;
  onCopy: (text: string) => void;
}

/** What runs, whether the folder differs, how the last build went, what to do next. */
export function OverviewView(props: IOverviewViewProps): JSX.Element {
  const { overview, trans } = props;
  const { running, folder, lastBuild, next } = overview;
  const image = running.image;
  return (
    <div className="jp-EnvBuilder-overview" data-testid="envbuilder-overview">
      <dl className="jp-EnvBuilder-overviewFacts">
        <dt>{trans.__('Running')}</dt>
        <dd data-testid="envbuilder-overview-running" data-tone={running.tone}>
          <span
            className="jp-EnvBuilder-overviewText"
            title={image ?? undefined}
          >
            {running.text}
          </span>
          {image && (
            <CopyImageButton
              image={image}
              trans={trans}
              onCopy={props.onCopy}
              testId="envbuilder-overview-copy"
            />
          )}
        </dd>
        <dt>{trans.__('Folder')}</dt>
        <dd data-testid="envbuilder-overview-folder" data-tone={folder.tone}>
          <ToneIcon tone={folder.tone} trans={trans} />
          <span className="jp-EnvBuilder-overviewText">{folder.text}</span>
        </dd>
        <dt>{trans.__('Last build')}</dt>
        <dd data-testid="envbuilder-overview-build" data-tone={lastBuild.tone}>
          <ToneIcon tone={lastBuild.tone} trans={trans} />
          <span className="jp-EnvBuilder-overviewText">{lastBuild.text}</span>
        </dd>
      </dl>
      <div className="jp-EnvBuilder-next" data-testid="envbuilder-next">
        {next ? (
          <button
            className="jp-Button jp-mod-styled jp-mod-accept"
            data-testid="envbuilder-next-action"
            data-action={next.kind}
            disabled={!props.nextEnabled}
            onClick={() => props.onNext(next)}
          >
            {next.label}
          </button>
        ) : (
          <p className="jp-EnvBuilder-muted" role="status">
            {overview.idle}
          </p>
        )}
      </div>
    </div>
  );
}
