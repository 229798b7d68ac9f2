/**
 * The packages an environment resolved to, and how they differ from another environment's:
 * by default what this server runs now. Lists are recorded at the first start on an image, so
 * an image no server has started on yet has none, and the view says so.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IInstalled } from '../api/packages';
import type { ISavedEnvironment } from '../api/saved';
import type { IBuildSummary } from '../api/types';
import { comparables } from '../model/comparables';
import { shortTime } from '../model/overview';
import { diffPackages, isSame, packageList } from '../model/packageDiff';
import { PackagesModel, PackagesState, RUNNING } from '../model/packages';
import { shortSha } from './buildText';

export interface IPackagesViewProps {
  model: PackagesModel;
  image: string;
  /** What else it can be compared with, besides the running server: saved environments… */
  saved: readonly ISavedEnvironment[];
  /** …and builds of the history whose package list is known. */
  builds: readonly IBuildSummary[];
  trans: TranslationBundle;
  idPrefix: string;
}

/** How to re-render when the model changes: subscribe for the view's lifetime. */
function useModel(model: PackagesModel): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    const update = () => setTick(tick => tick + 1);
    model.changed.connect(update);
    return () => {
      model.changed.disconnect(update);
    };
  }, [model]);
}

export function PackagesView(props: IPackagesViewProps): JSX.Element {
  const { model, image, trans, idPrefix } = props;
  useModel(model);
  React.useEffect(() => void model.load(image), [model, image]);
  const [choice, setChoice] = React.useState('');
  // undefined: not compared yet; RUNNING (null): this server now; else an image.
  const [compared, setCompared] = React.useState<string | null | undefined>();
  const choices = comparables(props.saved, props.builds, build =>
    trans.__(
      'build of %1 · %2',
      shortTime(build.startedAt) || trans.__('unknown time'),
      shortSha(build.ref)
    )
  ).filter(other => other.image !== image);
  const selectId = `${idPrefix}-compare`;
  return (
    <div className="jp-EnvBuilder-packages" data-testid="envbuilder-packages">
      <OwnList state={model.state(image)} trans={trans} />
      <div className="jp-EnvBuilder-packagesCompare">
        <label htmlFor={selectId}>{trans.__('Compare with')}</label>
        <div className="jp-EnvBuilder-packagesCompareRow">
          <select
            id={selectId}
            className="jp-mod-styled"
            value={choice}
            onChange={event => setChoice(event.target.value)}
          >
            <option value="">{trans.__('the running server')}</option>
            {choices.map(other => (
              <option key={other.image} value={other.image}>
                {other.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            onClick={() => {
              const other = choice || RUNNING;
              // What runs now changes with every pip install: read it anew each time.
              void model.load(other, { again: other === RUNNING });
              setCompared(other);
            }}
          >
            {trans.__('Compare')}
          </button>
        </div>
      </div>
      {compared !== undefined && (
        <Comparison
          mine={model.state(image)}
          theirs={model.state(compared)}
          label={
            compared === RUNNING
              ? trans.__('the running server')
              : (choices.find(c => c.image === compared)?.label ?? compared)
          }
          trans={trans}
        />
      )}
    </div>
  );
}

function notRecordedText(trans: TranslationBundle): string {
  return trans.__(
    'No package list is known for this environment yet: the build service does not report one, so it is recorded when a server first starts on its image.'
  );
}

/** The state's packages, or a sentence saying why there are none. */
function installedOf(
  state: PackagesState | undefined,
  trans: TranslationBundle
): IInstalled | string {
  if (!state || state.kind === 'loading') {
    return trans.__('Reading the package list…');
  }
  if (state.kind === 'error') {
    return trans.__('The package list could not be read (%1).', state.reason);
  }
  return state.packages.installed ?? notRecordedText(trans);
}

function OwnList(props: {
  state: PackagesState | undefined;
  trans: TranslationBundle;
}): JSX.Element {
  const { state, trans } = props;
  const installed = installedOf(state, trans);
  if (typeof installed === 'string') {
    return (
      <p className="jp-EnvBuilder-muted" role="status">
        {installed}
      </p>
    );
  }
  const packages = packageList(installed);
  const recordedAt = state?.kind === 'ready' ? state.packages.recordedAt : null;
  return (
    <details className="jp-EnvBuilder-disclosure">
      <summary>
        {recordedAt
          ? trans._n(
              '%1 package, recorded at the first start on it (%2)',
              '%1 packages, recorded at the first start on it (%2)',
              packages.length,
              new Date(recordedAt).toLocaleString()
            )
          : trans._n('%1 package', '%1 packages', packages.length)}
      </summary>
      <ul
        className="jp-EnvBuilder-packageList"
        aria-label={trans.__('Packages')}
      >
        {packages.map(p => (
          <li key={p.key}>
            <code>
              {p.conda
                ? trans.__('%1 %2 (conda)', p.name, p.version)
                : `${p.name} ${p.version}`}
            </code>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Comparison(props: {
  mine: PackagesState | undefined;
  theirs: PackagesState | undefined;
  label: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { label, trans } = props;
  const mine = installedOf(props.mine, trans);
  const theirs = installedOf(props.theirs, trans);
  if (typeof mine === 'string') {
    return <></>;
  }
  if (typeof theirs === 'string') {
    return (
      <p className="jp-EnvBuilder-muted" role="status">
        {props.theirs?.kind === 'ready'
          ? trans.__(
              'No package list is known for %1 yet: it is recorded when a server first starts on its image.',
              label
            )
          : theirs}
      </p>
    );
  }
  const diff = diffPackages(theirs, mine);
  if (isSame(diff)) {
    return (
      <p role="status" data-testid="envbuilder-packages-same">
        {trans.__(
          'The same %1 packages as %2, versions included.',
          diff.same,
          label
        )}
      </p>
    );
  }
  return (
    <section
      className="jp-EnvBuilder-packagesDiff"
      aria-label={trans.__('Compared with %1', label)}
      data-testid="envbuilder-packages-diff"
    >
      <p role="status">
        {trans.__(
          'From %1 to this environment: %2 added, %3 removed, %4 changed, %5 the same.',
          label,
          diff.added.length,
          diff.removed.length,
          diff.changed.length,
          diff.same
        )}
      </p>
      <ul className="jp-EnvBuilder-packageList">
        {diff.added.map(p => (
          <li key={p.key} data-change="added">
            <code>{`+ ${p.name} ${p.version}`}</code>
          </li>
        ))}
        {diff.removed.map(p => (
          <li key={p.key} data-change="removed">
            <code>{`− ${p.name} ${p.version}`}</code>
          </li>
        ))}
        {diff.changed.map(c => (
          <li key={c.key} data-change="changed">
            <code>{`~ ${c.name} ${c.from} → ${c.to}`}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
