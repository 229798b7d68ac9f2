import { TranslationBundle } from '@jupyterlab/translation';
import {
  caretDownIcon,
  caretRightIcon,
  listIcon,
  refreshIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import * as React from 'react';

import type { ISavedEnvironment } from '../api/saved';
import { IBuildSummary } from '../api/types';
import { restartIcon } from '../icons';
import { historyRows, IHistoryRow } from '../model/historyRows';
import { IFact } from '../model/overview';
import type { PackagesModel } from '../model/packages';
import { resultLabel, shortSha } from './buildText';
import { ToneIcon } from './OverviewView';
import { LazyPackagesView } from './PackagesPart';

/** What a row unfolds to: the packages of its image, to see and compare. */
export interface IHistoryPackages {
  model: PackagesModel;
  /** Saved environments, to compare with. */
  saved: readonly ISavedEnvironment[];
  /** A row was unfolded: the saved environments may need reading. */
  onOpen: () => void;
  idPrefix: string;
}

interface IHistoryProps {
  builds: readonly IBuildSummary[];
  trans: TranslationBundle;
  restart: { exists: boolean; enabled: boolean };
  /** Null: rows do not unfold (no package lists). */
  packages: IHistoryPackages | null;
  onShowRecord: (build: IBuildSummary) => void;
  onRestart: (image: string) => void;
}

type BuildHistoryProps = IHistoryProps & { onRefresh: () => void };

/**
 * Whether the history would draw the same: the same builds, words, restart and packages.
 * The callbacks are left out: the Build section makes new ones at every render, and they act
 * through commands and models, not through values of the render that made them. So a build's
 * progress, which renders the section many times a second, does not draw the rows again.
 */
export function sameHistory(
  a: BuildHistoryProps,
  b: BuildHistoryProps
): boolean {
  return (
    a.builds === b.builds &&
    a.trans === b.trans &&
    a.restart.exists === b.restart.exists &&
    a.restart.enabled === b.restart.enabled &&
    samePackages(a.packages, b.packages)
  );
}

function samePackages(
  a: IHistoryPackages | null,
  b: IHistoryPackages | null
): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  return (
    a.model === b.model &&
    a.idPrefix === b.idPrefix &&
    (a.saved === b.saved || (a.saved.length === 0 && b.saved.length === 0))
  );
}

/** The build history: one line per image or failed build, with its log and a restart. */
function HistoryList(props: BuildHistoryProps): JSX.Element {
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
          {historyRows(builds).map(row => (
            <HistoryItem key={row.build.id} row={row} {...props} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** The history, drawn again only when what it shows changes (`sameHistory`). */
export const BuildHistory = React.memo(HistoryList, sameHistory);

let clockFormat: Intl.DateTimeFormat | undefined;
let dayFormat: Intl.DateTimeFormat | undefined;

/**
 * When a row's build started, as short as a narrow panel needs: the time of day for today,
 * else the day (the full date is in the tooltip).
 */
export function rowTime(
  time: string | null | undefined,
  now: Date = new Date()
): string {
  const date = time ? new Date(time) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return '';
  }
  if (date.toDateString() === now.toDateString()) {
    clockFormat ??= new Intl.DateTimeFormat(undefined, {
      hour: '2-digit',
      minute: '2-digit'
    });
    return clockFormat.format(date);
  }
  dayFormat ??= new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short'
  });
  return dayFormat.format(date);
}

function toneOf(result: string): IFact['tone'] {
  switch (result) {
    case 'built':
      return 'ok';
    case 'dry-run':
      return 'info';
    case 'running':
      return 'busy';
    default:
      return 'error';
  }
}

function HistoryItem(props: IHistoryProps & { row: IHistoryRow }): JSX.Element {
  const { row, trans, packages } = props;
  const { build, latest, image } = row;
  const [open, setOpen] = React.useState(false);
  const sha = shortSha(build.ref);
  const when = rowTime(latest.startedAt) || trans.__('unknown time');
  const result = build.cacheHit
    ? trans._n(
        '%2 · found built before (cache hit)',
        '%2 · found built before, %1 times (cache hit)',
        row.cacheHits,
        resultLabel(build.result, trans)
      )
    : row.cacheHits > 0
      ? trans._n(
          '%2 · found built %1 more time (cache hit)',
          '%2 · found built %1 more times (cache hit)',
          row.cacheHits,
          resultLabel(build.result, trans)
        )
      : resultLabel(build.result, trans);
  const details = [
    trans.__('Snapshot %1', build.ref ?? '?'),
    build.imageName ? trans.__('Image %1', build.imageName) : null,
    build.message ?? null
  ]
    .filter(Boolean)
    .join('\n');
  const unfolds = image !== null && packages !== null;
  const Caret = open ? caretDownIcon : caretRightIcon;
  const item = (
    <li
      className="jp-EnvBuilder-historyItem"
      data-result={build.result}
      data-cache-hits={row.cacheHits}
      data-image={image ?? undefined}
      title={details}
    >
      {unfolds ? (
        <button
          className="jp-Button jp-mod-minimal jp-EnvBuilder-iconButton"
          aria-expanded={open}
          data-testid="envbuilder-history-packages"
          onClick={() => {
            setOpen(!open);
            packages.onOpen();
          }}
          title={trans.__('Packages of the build of %1', sha)}
          aria-label={trans.__('Packages of the build of %1', sha)}
        >
          <Caret.react tag="span" />
        </button>
      ) : (
        <span className="jp-EnvBuilder-historyCaretSpace" />
      )}
      <ToneIcon tone={toneOf(build.result)} trans={trans} />
      <time
        dateTime={latest.startedAt ?? undefined}
        title={
          latest.startedAt
            ? new Date(latest.startedAt).toLocaleString()
            : undefined
        }
      >
        {when}
      </time>
      <code>{sha}</code>
      <span className="jp-EnvBuilder-historyResult">{result}</span>
      <span className="jp-EnvBuilder-historyActions">
        <button
          className="jp-Button jp-mod-minimal jp-EnvBuilder-iconButton"
          onClick={() => props.onShowRecord(build)}
          title={trans.__('Show the log of the build of %1', sha)}
          aria-label={trans.__('Show the log of the build of %1', sha)}
        >
          <listIcon.react tag="span" />
        </button>
        {image && props.restart.exists && (
          <button
            className="jp-Button jp-mod-minimal jp-EnvBuilder-iconButton"
            data-testid="envbuilder-history-restart"
            disabled={!props.restart.enabled}
            onClick={() => props.onRestart(image)}
            title={
              build.result === 'dry-run'
                ? trans.__(
                    'Restart this server under the name %1. No image was built (dry run): a spawner that pulls images cannot start it.',
                    image
                  )
                : trans.__('Restart this server into %1', image)
            }
            aria-label={trans.__('Restart into the environment of %1', sha)}
          >
            <restartIcon.react tag="span" />
          </button>
        )}
      </span>
    </li>
  );
  if (!(open && unfolds)) {
    return item;
  }
  return (
    <>
      {item}
      <li className="jp-EnvBuilder-historyPackages">
        <LazyPackagesView
          loading={
            <p className="jp-EnvBuilder-muted">{trans.__('Loading…')}</p>
          }
          model={packages.model}
          image={image}
          saved={packages.saved}
          builds={props.builds}
          trans={trans}
          idPrefix={`${packages.idPrefix}-${build.id}`}
        />
      </li>
    </>
  );
}
