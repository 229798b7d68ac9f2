import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import * as React from 'react';

import { IBuildSummary } from '../api/types';
import { resultLabel, shortSha } from './buildText';

/** The build history: one row per build, its log and, for an image, a restart into it. */
export function BuildHistory(props: {
  builds: readonly IBuildSummary[];
  trans: TranslationBundle;
  restart: { exists: boolean; enabled: boolean };
  onShowRecord: (build: IBuildSummary) => void;
  onRestart: (image: string) => void;
  onRefresh: () => void;
}): JSX.Element {
  const { builds, trans } = props;
  return (
    <div className="jp-EnvBuilder-buildHistory">
      <div className="jp-EnvBuilder-buildHistoryHeader">
        <h3>{trans.__('History')}</h3>
        <ToolbarButtonComponent
          icon={refreshIcon}
          onClick={props.onRefresh}
          tooltip={trans.__('Load the build history again')}
        />
      </div>
      {builds.length === 0 ? (
        <p
          className="jp-EnvBuilder-muted"
          data-testid="envbuilder-build-history-empty"
        >
          {trans.__('No builds yet.')}
        </p>
      ) : (
        <ul data-testid="envbuilder-build-history">
          {builds.map(build => (
            <HistoryItem key={build.id} build={build} {...props} />
          ))}
        </ul>
      )}
    </div>
  );
}

function HistoryItem(props: {
  build: IBuildSummary;
  trans: TranslationBundle;
  restart: { exists: boolean; enabled: boolean };
  onShowRecord: (build: IBuildSummary) => void;
  onRestart: (image: string) => void;
}): JSX.Element {
  const { build, trans } = props;
  const started = build.startedAt ? new Date(build.startedAt) : null;
  const succeeded =
    (build.result === 'built' || build.result === 'dry-run') && build.imageName;
  return (
    <li className="jp-EnvBuilder-historyItem" data-result={build.result}>
      <div className="jp-EnvBuilder-historyFacts">
        <time dateTime={build.startedAt ?? undefined}>
          {started ? started.toLocaleString() : trans.__('unknown time')}
        </time>
        <code title={build.ref ?? undefined}>{shortSha(build.ref)}</code>
        <span className="jp-EnvBuilder-historyResult">
          {resultLabel(build.result, trans)}
        </span>
      </div>
      {build.imageName && (
        <div className="jp-EnvBuilder-historyImage" title={build.imageName}>
          {build.imageName}
        </div>
      )}
      <div className="jp-EnvBuilder-historyActions">
        <button
          className="jp-Button jp-mod-minimal jp-mod-styled"
          onClick={() => props.onShowRecord(build)}
          aria-label={trans.__(
            'Show the log of the build of %1',
            shortSha(build.ref)
          )}
        >
          {trans.__('Show log')}
        </button>
        {succeeded && props.restart.exists && (
          <button
            className="jp-Button jp-mod-minimal jp-mod-styled"
            disabled={!props.restart.enabled}
            onClick={() => props.onRestart(build.imageName as string)}
          >
            {trans.__('Restart into this environment')}
          </button>
        )}
      </div>
    </li>
  );
}
