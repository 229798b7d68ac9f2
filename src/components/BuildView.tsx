import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IFailureExplanation } from '../buildlog/failures';
import { BuildModel } from '../model/build';
import { IBuildState } from '../model/buildState';
import { IBuildProblem } from '../model/precheck';
import { IBuildSummary } from '../api/types';
import { elapsedOf, formatElapsed, shortSha, stageLabel } from './buildText';
import type { IHistoryPackages } from './BuildHistoryView';
import { ImageName } from './ImageName';
import { lazyPart } from './LazyPart';

// The history's rows load when the section is first seen, not with JupyterLab.
const LazyBuildHistory = lazyPart(
  () => import('./BuildHistoryView').then(module => module.BuildHistory),
  trans => trans.__('The build history')
);

/** Lines of the log shown in the panel; the whole log opens in the main area. */
const TAIL_LINES = 4;

export interface IBuildViewProps {
  model: BuildModel;
  trans: TranslationBundle;
  /** Why there is no build service, from the handshake; null when there is one. */
  unavailable: string | null;
  /** Whether the restart command exists, and whether it can run now. */
  restart: { exists: boolean; enabled: boolean };
  onBuild: () => void;
  onStopWatching: () => void;
  onWatchAgain: () => void;
  /** Open the log of the build shown, at a line if given. */
  onShowLog: (line?: number) => void;
  onShowRecord: (build: IBuildSummary) => void;
  onRestart: (image: string) => void;
  onRefreshHistory: () => void;
  /** Whether to draw the history: not before the section is first seen. */
  showHistory: boolean;
  /** What a history row unfolds to; null without the panel's core. */
  packages: IHistoryPackages | null;
  onCopy: (text: string) => void;
  /** An image in words ("environment/ · snapshot d099dfd"); the full name is copied. */
  imageLabel: (image: string) => string;
  idPrefix: string;
}

/** Re-renders every second while `active`, for elapsed times. */
export function useNow(active: boolean): number {
  const [now, setNow] = React.useState(Date.now());
  React.useEffect(() => {
    if (!active) {
      return;
    }
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

/** The Build section: the button, the build under way or last done, and the history. */
export function BuildView(props: IBuildViewProps): JSX.Element {
  const { model, trans, idPrefix } = props;
  const state = model.state;
  const reason = model.busy ? null : (props.unavailable ?? model.blockedReason);
  const reasonId = `${idPrefix}-build-reason`;
  return (
    <div
      className="jp-EnvBuilder-build"
      data-stage={state.stage}
      data-dry-run={state.stage === 'ready' && state.dryRun}
    >
      <div className="jp-EnvBuilder-buildActions">
        <button
          className="jp-Button jp-mod-styled jp-mod-accept"
          data-testid="envbuilder-build-button"
          onClick={props.onBuild}
          disabled={model.busy || reason !== null}
          aria-describedby={reason ? reasonId : undefined}
        >
          {trans.__('Build')}
        </button>
        {state.stage === 'watching' && (
          <button
            className="jp-Button jp-mod-styled jp-mod-reject"
            data-testid="envbuilder-build-stop"
            onClick={props.onStopWatching}
            title={trans.__(
              'Close the build stream. The build itself goes on.'
            )}
          >
            {trans.__('Stop watching')}
          </button>
        )}
        {state.stage === 'stopped' && (
          <button
            className="jp-Button jp-mod-styled"
            data-testid="envbuilder-build-watch"
            onClick={props.onWatchAgain}
          >
            {trans.__('Watch again')}
          </button>
        )}
      </div>
      {reason && (
        <p id={reasonId} className="jp-EnvBuilder-reason" role="note">
          {reason}
        </p>
      )}
      {state.stage !== 'idle' && (
        <BuildStatus
          state={state}
          trans={trans}
          explanation={model.explanation}
          restart={props.restart}
          onRestart={props.onRestart}
          onShowLog={props.onShowLog}
          onCopy={props.onCopy}
          imageLabel={props.imageLabel}
        />
      )}
      {model.log.length > 0 && (
        <LogTail
          lines={model.log.plainTail(TAIL_LINES)}
          count={model.log.length}
          trans={trans}
          onShowLog={() => props.onShowLog()}
        />
      )}
      {props.showHistory && (
        <LazyBuildHistory
          builds={model.history.builds}
          trans={trans}
          restart={props.restart}
          packages={props.packages}
          onShowRecord={props.onShowRecord}
          onRestart={props.onRestart}
          onRefresh={props.onRefreshHistory}
        />
      )}
    </div>
  );
}

function BuildStatus(props: {
  state: IBuildState;
  trans: TranslationBundle;
  explanation: IFailureExplanation | null;
  restart: { exists: boolean; enabled: boolean };
  onRestart: (image: string) => void;
  onShowLog: (line?: number) => void;
  onCopy: (text: string) => void;
  imageLabel: (image: string) => string;
}): JSX.Element {
  const { state, trans } = props;
  const running = state.finishedAt === null && state.stage !== 'stopped';
  const now = useNow(running);
  const elapsed = elapsedOf(state, now);
  return (
    <div className="jp-EnvBuilder-buildStatus">
      <p
        className="jp-EnvBuilder-buildPhase"
        data-testid="envbuilder-build-status"
        data-phase={state.phase ?? ''}
        role="status"
        aria-live="polite"
      >
        <span>{stageLabel(state, trans)}</span>
        {elapsed !== null && (
          <span
            className="jp-EnvBuilder-muted"
            data-testid="envbuilder-build-elapsed"
            title={trans.__('Time since the build started')}
          >
            {formatElapsed(elapsed)}
          </span>
        )}
      </p>
      {state.sha && (
        <p className="jp-EnvBuilder-muted">
          {trans.__('Snapshot %1', shortSha(state.sha))}
          {state.saved.length > 0 &&
            ' · ' + trans.__('saved %1 first', state.saved.join(', '))}
          {state.reattached &&
            ' · ' + trans.__('re-attached to a build that was running')}
          {state.fromHistory && ' · ' + trans.__('last build')}
        </p>
      )}
      {state.stage === 'watching' && (
        <details className="jp-EnvBuilder-disclosure">
          <summary>{trans.__('Why there is no Cancel')}</summary>
          <p className="jp-EnvBuilder-muted">
            {trans.__(
              'Neither BinderHub nor the local build service can stop a running build. A BinderHub on Kubernetes keeps building after you stop watching; you can re-attach.'
            )}
          </p>
        </details>
      )}
      {state.stage === 'stopped' && (
        <p
          className="jp-EnvBuilder-muted"
          data-testid="envbuilder-build-stopped"
        >
          {trans.__(
            'You stopped watching. The build goes on: a BinderHub on Kubernetes keeps building after you stop watching; you can re-attach with Watch again or by building again.'
          )}
        </p>
      )}
      {state.stage === 'blocked' && (
        <Problems problems={state.problems} trans={trans} />
      )}
      {state.stage === 'ready' && state.imageName && (
        <BuildResult
          state={state}
          trans={trans}
          restart={props.restart}
          onRestart={props.onRestart}
          onCopy={props.onCopy}
          imageLabel={props.imageLabel}
        />
      )}
      {state.stage === 'failed' && (
        <BuildFailure
          explanation={props.explanation}
          message={state.failure?.message ?? null}
          trans={trans}
          onShowLine={props.onShowLog}
        />
      )}
    </div>
  );
}

function BuildResult(props: {
  state: IBuildState;
  trans: TranslationBundle;
  restart: { exists: boolean; enabled: boolean };
  onRestart: (image: string) => void;
  onCopy: (text: string) => void;
  imageLabel: (image: string) => string;
}): JSX.Element {
  const { state, trans } = props;
  const image = state.imageName as string;
  return (
    <div className="jp-EnvBuilder-buildResult">
      <dl className="jp-EnvBuilder-facts">
        <dt>{state.dryRun ? trans.__('Name') : trans.__('Image')}</dt>
        <dd>
          <ImageName
            image={image}
            label={props.imageLabel(image)}
            trans={trans}
            onCopy={props.onCopy}
            testId="envbuilder-build-image"
          />
        </dd>
      </dl>
      {state.cacheHit && (
        <p data-testid="envbuilder-build-cache-hit">
          {state.dryRun
            ? trans.__(
                'Nothing changed since the dry run of this snapshot: the build service answered from it at once.'
              )
            : trans.__(
                'Nothing changed since this snapshot was last built: the build service had the image already.'
              )}
        </p>
      )}
      {state.dryRun && (
        <p
          className="jp-EnvBuilder-dryRun"
          data-testid="envbuilder-build-dry-run"
        >
          {trans.__(
            'Dry run: the build service has no container engine, so no image was built. repo2docker fetched your files and wrote the Dockerfile it would build (see the log); the name above is the name a real build would give the image.'
          )}
        </p>
      )}
      {props.restart.exists && !state.dryRun && (
        <button
          className="jp-Button jp-mod-styled jp-mod-accept"
          data-testid="envbuilder-build-restart"
          disabled={!props.restart.enabled}
          onClick={() => props.onRestart(image)}
        >
          {trans.__('Restart into new environment')}
        </button>
      )}
    </div>
  );
}

/** Why a build failed, in plain words next to the build service's own message. */
export function BuildFailure(props: {
  explanation: IFailureExplanation | null;
  message: string | null;
  trans: TranslationBundle;
  onShowLine?: (line: number) => void;
}): JSX.Element {
  const { explanation, trans } = props;
  const line = explanation?.line ?? null;
  return (
    <div
      className="jp-EnvBuilder-problem jp-EnvBuilder-buildFailure"
      role="alert"
      data-testid="envbuilder-build-failure"
      data-kind={explanation?.kind ?? ''}
    >
      <h3>{explanation?.title ?? trans.__('The build failed.')}</h3>
      {explanation && <p>{explanation.advice}</p>}
      {props.message && (!explanation || explanation.line !== null) && (
        <pre className="jp-EnvBuilder-buildMessage">{props.message.trim()}</pre>
      )}
      {line !== null && props.onShowLine && (
        <button
          className="jp-Button jp-mod-minimal jp-mod-styled"
          onClick={() => props.onShowLine?.(line)}
        >
          {trans.__('Show line %1 in the log', line + 1)}
        </button>
      )}
    </div>
  );
}

function Problems(props: {
  problems: readonly IBuildProblem[];
  trans: TranslationBundle;
}): JSX.Element {
  const { problems, trans } = props;
  return (
    <div className="jp-EnvBuilder-problem" role="alert">
      <h3>
        {trans._n(
          'Not built: %1 problem in the environment files.',
          'Not built: %1 problems in the environment files.',
          problems.length
        )}
      </h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.line ? `${p.file}:${p.line}` : p.file}</code> {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function LogTail(props: {
  /** The log's last lines. */
  lines: readonly string[];
  /** How many lines the log has. */
  count: number;
  trans: TranslationBundle;
  onShowLog: () => void;
}): JSX.Element {
  const { lines: tail, count, trans } = props;
  return (
    <div className="jp-EnvBuilder-logTail">
      <div
        className="jp-EnvBuilder-logTailLines"
        data-testid="envbuilder-build-tail"
        aria-label={trans.__('Last lines of the build log')}
      >
        {tail.map((line, i) => (
          <div key={count - tail.length + i}>{line || '\u00a0'}</div>
        ))}
      </div>
      <button
        className="jp-Button jp-mod-styled"
        data-testid="envbuilder-build-show-log"
        onClick={props.onShowLog}
      >
        {trans._n('Show log (%1 line)', 'Show log (%1 lines)', count)}
      </button>
    </div>
  );
}
