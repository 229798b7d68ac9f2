import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { buildEnd, phaseOf, progressPhase } from '../buildlog/events';
import { explainFailure } from '../buildlog/failures';
import { BuildLog } from '../buildlog/log';
import { BuildFailure } from '../components/BuildView';
import { ImageName } from '../components/ImageName';
import { resultLabel, shortSha, stageLabel } from '../components/buildText';
import { PhaseBar } from '../components/PhaseBar';
import { BuildModel } from '../model/build';
import { failureMessage } from '../model/buildTexts';
import { IBuildRecord } from '../api/types';

// The log view (react-window, anser) is fetched when a log is first shown.
const LazyLogView = React.lazy(() =>
  import('../components/LogView').then(module => ({ default: module.LogView }))
);

/**
 * A build log in the main area: the build under way (or last done), or one build of
 * the history. Failures are explained above the raw log.
 */
export class BuildLogPanel extends ReactWidget {
  constructor(options: BuildLogPanel.IOptions) {
    super();
    this._source = options.source;
    this._trans = options.trans;
    this._imageLabel = options.imageLabel;
    this.addClass('jp-EnvBuilder-logPanel');
    if (this._source.kind === 'current') {
      this._source.model.stateChanged.connect(this.update, this);
      // The image's readable name comes from the history, read again after the build.
      this._source.model.history.changed.connect(this.update, this);
      // A history build shown after a reload has only its last lines read so far.
      void this._source.model.showLog('whole');
    }
  }

  /** The history record shown, or null for the build under way. */
  get recordId(): string | null {
    return this._source.kind === 'record' ? this._source.record.id : null;
  }

  /** Scroll to a line (0-based) and mark it. */
  reveal(line: number): void {
    this._reveal = { line, token: (this._reveal?.token ?? 0) + 1 };
    this.update();
  }

  dispose(): void {
    Signal.clearData(this);
    super.dispose();
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const source = this._source;
    const log = source.kind === 'current' ? source.model.log : source.log;
    const sha =
      source.kind === 'current' ? source.model.state.sha : source.record.ref;
    return (
      <div className="jp-EnvBuilder-logPanelBody">
        {source.kind === 'current' ? (
          <CurrentHeader
            model={source.model}
            trans={trans}
            imageLabel={this._imageLabel}
            onShowLine={line => this.reveal(line)}
          />
        ) : (
          <RecordHeader
            record={source.record}
            log={source.log}
            trans={trans}
            imageLabel={this._imageLabel}
            onShowLine={line => this.reveal(line)}
          />
        )}
        <React.Suspense
          fallback={
            <p className="jp-EnvBuilder-muted">
              {trans.__('Loading the log view…')}
            </p>
          }
        >
          <LazyLogView
            log={log}
            trans={trans}
            fileName={`build-${shortSha(sha) || 'log'}.txt`}
            onCopy={text => Clipboard.copyToSystem(text)}
            reveal={this._reveal}
            live={source.kind === 'current' && source.model.busy}
          />
        </React.Suspense>
      </div>
    );
  }

  private readonly _source: BuildLogPanel.Source;
  private readonly _trans: TranslationBundle;
  private readonly _imageLabel: (image: string) => string;
  private _reveal: { line: number; token: number } | null = null;
}

function CurrentHeader(props: {
  model: BuildModel;
  trans: TranslationBundle;
  imageLabel: (image: string) => string;
  onShowLine: (line: number) => void;
}): JSX.Element {
  const { model, trans } = props;
  const state = model.state;
  const outcome =
    state.stage === 'ready'
      ? state.dryRun
        ? 'dry-run'
        : 'ready'
      : state.stage === 'failed'
        ? 'failed'
        : 'running';
  const followed = ['watching', 'stopped', 'ready', 'failed'].includes(
    state.stage
  );
  return (
    <div
      className="jp-EnvBuilder-logHeader"
      data-stage={state.stage}
      data-dry-run={outcome === 'dry-run'}
    >
      {followed && (
        <PhaseBar
          reached={state.phase}
          outcome={outcome}
          cacheHit={state.cacheHit}
          trans={trans}
        />
      )}
      <p data-testid="envbuilder-log-status">
        {stageLabel(state, trans)}
        {state.imageName && (
          <>
            {' · '}
            <ImageName
              image={state.imageName}
              label={props.imageLabel(state.imageName)}
              trans={trans}
              onCopy={text => Clipboard.copyToSystem(text)}
            />
          </>
        )}
      </p>
      {state.stage === 'failed' && (
        <BuildFailure
          explanation={model.explanation}
          message={state.failure?.message ?? null}
          trans={trans}
          onShowLine={props.onShowLine}
        />
      )}
    </div>
  );
}

function RecordHeader(props: {
  record: IBuildRecord;
  log: BuildLog;
  trans: TranslationBundle;
  imageLabel: (image: string) => string;
  onShowLine: (line: number) => void;
}): JSX.Element {
  const { record, log, trans } = props;
  const failed = record.result === 'failed' || record.result === 'interrupted';
  const final = failed
    ? ([...record.events].reverse().find(e => phaseOf(e.event) === 'failed')
        ?.event ?? null)
    : null;
  // The furthest step the events reached; a failure is shown on that step.
  const reached =
    [...record.events]
      .map(e => progressPhase(e.event))
      .filter(phase => phase !== null && phase !== 'failed')
      .pop() ?? null;
  // A build that found its image answers `ready` first, with nothing before it.
  const first = record.events[0]?.event;
  const cacheHit = !!first && buildEnd(first)?.kind === 'ready';
  const outcome =
    record.result === 'built'
      ? 'ready'
      : record.result === 'dry-run'
        ? 'dry-run'
        : record.result === 'running'
          ? 'running'
          : 'failed';
  return (
    <div className="jp-EnvBuilder-logHeader" data-result={record.result}>
      <PhaseBar
        reached={reached}
        outcome={outcome}
        cacheHit={cacheHit}
        trans={trans}
      />
      <p>
        {trans.__(
          'Build of snapshot %1, started %2: %3',
          shortSha(record.ref),
          record.startedAt ? new Date(record.startedAt).toLocaleString() : '?',
          resultLabel(record.result, trans)
        )}
        {record.imageName && (
          <>
            {' · '}
            <ImageName
              image={record.imageName}
              label={props.imageLabel(record.imageName)}
              trans={trans}
              onCopy={text => Clipboard.copyToSystem(text)}
            />
          </>
        )}
      </p>
      {failed && (
        <BuildFailure
          explanation={explainFailure(
            log.plainLines,
            final,
            trans.__.bind(trans)
          )}
          message={
            final
              ? failureMessage(final, trans.__.bind(trans))
              : (record.message ?? null)
          }
          trans={trans}
          onShowLine={props.onShowLine}
        />
      )}
    </div>
  );
}

export namespace BuildLogPanel {
  export type Source =
    | { kind: 'current'; model: BuildModel }
    | { kind: 'record'; record: IBuildRecord; log: BuildLog };

  export interface IOptions {
    source: Source;
    trans: TranslationBundle;
    /** An image in words ("environment/ · snapshot d099dfd"); the full name is copied. */
    imageLabel: (image: string) => string;
  }
}
