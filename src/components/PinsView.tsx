/**
 * The Pin versions section: the environment files with the exact versions this server runs,
 * as diffs written only when accepted, and the packages installed by hand since it started.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IDriftEntry, IPinChange } from '../api/pins';
import type { PinsModel, PinsState } from '../model/pins';

export interface IPinsViewProps {
  model: PinsModel;
  trans: TranslationBundle;
}

export function PinsView(props: IPinsViewProps): JSX.Element {
  const { model, trans } = props;
  const state = model.state;
  return (
    <div className="jp-EnvBuilder-pins">
      <p className="jp-EnvBuilder-muted">
        {trans.__(
          'Write the exact versions this server runs into the environment files, so the next build gives the same environment. Nothing is written until you accept.'
        )}
      </p>
      <button
        type="button"
        className="jp-Button jp-mod-styled"
        disabled={state.kind === 'loading'}
        onClick={() => void model.propose()}
      >
        {state.kind === 'idle'
          ? trans.__('Show pinned versions')
          : trans.__('Read the versions again')}
      </button>
      {model.written.length > 0 && (
        <p role="status" data-testid="envbuilder-pins-written">
          {trans.__('Written: %1', model.written.join(', '))}
        </p>
      )}
      <Body state={state} {...props} />
    </div>
  );
}

function Body(
  props: IPinsViewProps & { state: PinsState }
): JSX.Element | null {
  const { state, model, trans } = props;
  switch (state.kind) {
    case 'idle':
      return null;
    case 'loading':
      return (
        <p className="jp-EnvBuilder-muted" role="status">
          {trans.__('Reading the installed packages…')}
        </p>
      );
    case 'error':
      return (
        <p className="jp-EnvBuilder-fieldErrors" role="alert">
          {pinsProblemText(state.reason, state.file, trans)}
        </p>
      );
    case 'ready': {
      const { changes, drift } = state.proposal;
      return (
        <>
          {changes.length === 0 ? (
            <p data-testid="envbuilder-pins-none">
              {trans.__(
                'The environment files already name the versions this server runs (or there is no requirements.txt or environment.yml to pin).'
              )}
            </p>
          ) : (
            <>
              {changes.map(change => (
                <Diff key={change.file} change={change} trans={trans} />
              ))}
              <button
                type="button"
                className="jp-Button jp-mod-styled jp-mod-accept"
                onClick={() => void model.accept()}
              >
                {trans.__(
                  'Accept and write %1',
                  changes.map(c => c.file).join(', ')
                )}
              </button>
            </>
          )}
          <Drift drift={drift} {...props} />
        </>
      );
    }
  }
}

/** A unified diff, one line per row, additions and removals marked for the eye and for readers. */
function Diff(props: {
  change: IPinChange;
  trans: TranslationBundle;
}): JSX.Element {
  const { change, trans } = props;
  const lines = change.diff.replace(/\n$/, '').split('\n');
  return (
    <figure className="jp-EnvBuilder-pinDiff">
      <figcaption>{trans.__('Proposed %1', change.file)}</figcaption>
      <pre tabIndex={0} aria-label={trans.__('Changes to %1', change.file)}>
        {lines.map((line, i) => {
          const kind = line.startsWith('@@')
            ? 'hunk'
            : line.startsWith('+++') || line.startsWith('---')
              ? 'header'
              : line.startsWith('+')
                ? 'added'
                : line.startsWith('-')
                  ? 'removed'
                  : 'same';
          return (
            <span key={i} className="jp-EnvBuilder-diffLine" data-kind={kind}>
              {line + '\n'}
            </span>
          );
        })}
      </pre>
    </figure>
  );
}

function Drift(
  props: IPinsViewProps & { drift: IDriftEntry[] | null }
): JSX.Element {
  const { drift, model, trans } = props;
  if (drift === null) {
    return (
      <p className="jp-EnvBuilder-muted">
        {trans.__(
          'Packages installed by hand are shown once this server has been started on the hub with this extension (its package list at the start is compared).'
        )}
      </p>
    );
  }
  return (
    <section aria-label={trans.__('Installed by hand')}>
      <h3 className="jp-EnvBuilder-subtitle">
        {trans.__('Installed by hand since this server started')}
      </h3>
      {drift.length === 0 ? (
        <p className="jp-EnvBuilder-muted">{trans.__('Nothing: no drift.')}</p>
      ) : (
        <ul className="jp-EnvBuilder-drift" data-testid="envbuilder-pins-drift">
          {drift.map(entry => (
            <li key={entry.name}>
              <code>
                {entry.change === 'changed'
                  ? trans.__(
                      '%1 %2 (was %3)',
                      entry.name,
                      entry.version,
                      entry.before ?? ''
                    )
                  : `${entry.name} ${entry.version}`}
              </code>
              <button
                type="button"
                className="jp-Button jp-mod-styled"
                disabled={model.added.includes(entry.name)}
                aria-label={trans.__(
                  'Add %1 to the environment files',
                  entry.name
                )}
                onClick={() => void model.add(entry.name)}
              >
                {model.added.includes(entry.name)
                  ? trans.__('In the proposal')
                  : trans.__('Add')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the server's code means. */
function pinsProblemText(
  reason: string,
  file: string | undefined,
  trans: TranslationBundle
): string {
  switch (reason) {
    case 'fileChanged':
      return trans.__(
        '%1 changed since the versions were read: nothing was written. Read them again to see the new proposal.',
        file ?? trans.__('An environment file')
      );
    case 'outsideBoundary':
      return trans.__(
        'The environment folder cannot be pinned: it must be a subfolder of the server root that holds nothing private.'
      );
    case 'unreachable':
      return trans.__('The Jupyter server could not be reached.');
    default:
      return trans.__('The server refused this (%1).', reason);
  }
}
