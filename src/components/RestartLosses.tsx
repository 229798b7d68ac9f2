import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IRestartLosses } from '../model/restart';

/** The body of the question before a restart: everything it ends, listed. */
export function RestartLosses(props: {
  losses: IRestartLosses;
  trans: TranslationBundle;
}): JSX.Element {
  const { losses, trans } = props;
  return (
    <div
      className="jp-EnvBuilder-restartLosses"
      data-testid="envbuilder-restart-losses"
    >
      <p>
        {trans.__(
          'The server stops and starts again on the new environment. Your home folder is kept; this ends:'
        )}
      </p>
      {losses.dirty.length > 0 && (
        <section data-kind="documents">
          <h3>{trans.__('Unsaved documents (saved first)')}</h3>
          <ul>
            {losses.dirty.map(path => (
              <li key={path}>{path}</li>
            ))}
          </ul>
        </section>
      )}
      {losses.kernels.length > 0 && (
        <section data-kind="kernels">
          <h3>
            {trans.__(
              'Running kernels (they stop: variables and unsaved outputs are lost)'
            )}
          </h3>
          <ul>
            {losses.kernels.map((kernel, i) => (
              <li key={`${kernel.path ?? ''}:${i}`}>
                {kernel.path
                  ? trans.__('%1 — %2', kernel.path, kernel.name)
                  : trans.__('%1 — not attached to a document', kernel.name)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {losses.terminals.length > 0 && (
        <section data-kind="terminals">
          <h3>{trans.__('Terminals (they close: running commands stop)')}</h3>
          <ul>
            {losses.terminals.map(name => (
              <li key={name}>{trans.__('Terminal %1', name)}</li>
            ))}
          </ul>
        </section>
      )}
      {losses.unknownRunning && (
        <p>
          {trans.__(
            'Running kernels and terminals could not be listed; any that run will stop too.'
          )}
        </p>
      )}
    </div>
  );
}
