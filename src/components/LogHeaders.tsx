/**
 * The lines above a build log: the phase bar, what the build is or was, its image, and why
 * it failed. One header for the build under way (or last done), one for a build of the
 * history read from its record.
 */
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import {
  buildEnd,
  IBuildEvent,
  phaseOf,
  progressPhase
} from '../buildlog/events';
import { IFailureExplanation } from '../buildlog/failures';
import { FINISHED_RESULTS, IBuildState } from '../model/buildState';
import { failureMessage } from '../model/buildTexts';
import { LogPages } from '../model/logPages';
import { BuildFailure } from './BuildView';
import { resultLabel, shortSha, stageLabel } from './buildText';
import { ImageName } from './ImageName';
import { PhaseBar } from './PhaseBar';

/** What both headers take besides the build they show. */
interface IHeaderProps {
  /** Why the build failed; null when it did not, or no cause is known. */
  explanation: IFailureExplanation | null;
  trans: TranslationBundle;
  /** An image in words; the full name is copied. */
  imageLabel: (image: string) => string;
  onShowLine: (line: number) => void;
}

/** The header of the build under way, or the last one followed here. */
export function CurrentHeader(
  props: IHeaderProps & { state: IBuildState }
): JSX.Element {
  const { state, trans } = props;
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
        <ImageSuffix
          image={state.imageName}
          imageLabel={props.imageLabel}
          trans={trans}
        />
      </p>
      {state.stage === 'failed' && (
        <BuildFailure
          explanation={props.explanation}
          message={state.failure?.message ?? null}
          trans={trans}
          onShowLine={props.onShowLine}
        />
      )}
    </div>
  );
}

/** The header of a build of the history, from its record's pages read so far. */
export function RecordHeader(
  props: IHeaderProps & { pages: LogPages }
): JSX.Element | null {
  const { pages, trans } = props;
  const record = pages.record;
  if (!record) {
    return null;
  }
  const failed = FINISHED_RESULTS[record.result] === 'failed';
  const final = failed ? finalEvent(pages) : null;
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
        reached={reachedPhase(pages)}
        outcome={outcome}
        cacheHit={cacheHit(pages)}
        trans={trans}
      />
      <p>
        {trans.__(
          'Build of snapshot %1, started %2: %3',
          shortSha(record.ref),
          record.startedAt ? new Date(record.startedAt).toLocaleString() : '?',
          resultLabel(record.result, trans)
        )}
        <ImageSuffix
          image={record.imageName}
          imageLabel={props.imageLabel}
          trans={trans}
        />
      </p>
      {failed && (
        <BuildFailure
          explanation={props.explanation}
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

/** " · " and the build's image, copied on a click; nothing for a build without one. */
function ImageSuffix(props: {
  image: string | null | undefined;
  imageLabel: (image: string) => string;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { image } = props;
  if (!image) {
    return null;
  }
  return (
    <>
      {' · '}
      <ImageName
        image={image}
        label={props.imageLabel(image)}
        trans={props.trans}
        onCopy={text => Clipboard.copyToSystem(text)}
      />
    </>
  );
}

/** The event that ended a failed build: the last `failed` one, in the last page read. */
export function finalEvent(pages: LogPages): IBuildEvent | null {
  return [...pages.events].reverse().find(e => phaseOf(e) === 'failed') ?? null;
}

/**
 * The furthest step the events reached (the last one they name; a failure is shown on that
 * step). Every event of the build service names its step, so the last page read has it.
 */
export function reachedPhase(pages: LogPages): string | null {
  return (
    pages.events
      .map(progressPhase)
      .filter(phase => phase !== null && phase !== 'failed')
      .pop() ?? null
  );
}

/**
 * A build that found its image answers `ready` first, with nothing before it: its record
 * is one page, so a record with earlier pages is no cache hit.
 */
export function cacheHit(pages: LogPages): boolean {
  const first = pages.events[0];
  return pages.offset === 0 && !!first && buildEnd(first)?.kind === 'ready';
}
