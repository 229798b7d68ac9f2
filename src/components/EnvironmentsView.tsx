import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { EnvironmentsModel } from '../model/environments';

export interface IEnvironmentsViewProps {
  model: EnvironmentsModel;
  /** Restart onto an image, or null when this hub does not allow a restart from here. */
  onRestart: ((image: string) => void) | null;
  trans: TranslationBundle;
}

/** The running image, the last-known-good one, and the earlier ones to go back to. */
export function EnvironmentsView(
  props: IEnvironmentsViewProps
): JSX.Element | null {
  const { model, trans } = props;
  const environments = model.environments;
  if (!environments) {
    return null;
  }
  const changed = model.changedSinceStart;
  const build = model.runningBuild;
  const rollback = model.rollbackImages;
  return (
    <div
      className="jp-EnvBuilder-environments"
      data-testid="envbuilder-environments"
    >
      <h3 className="jp-EnvBuilder-subheading">
        {trans.__('Environments of this server')}
      </h3>
      <p data-testid="envbuilder-running-environment">
        {build
          ? trans.__(
              'Running: built here from snapshot %1.',
              (build.ref ?? '').slice(0, 7)
            )
          : trans.__(
              'Running: an image not built from this environment folder here.'
            )}{' '}
        {changed === true &&
          trans.__(
            'The environment folder has changed since: build to use the changes.'
          )}
        {changed === false &&
          trans.__('The environment folder is unchanged since.')}
      </p>
      {model.failedStarts.length > 0 && (
        <ul
          className="jp-EnvBuilder-failedStarts"
          data-testid="envbuilder-failed-starts"
        >
          {model.failedStarts.map(({ image, time }) => (
            <li key={`${image}@${time}`} data-image={image}>
              {trans.__(
                'Could not start on %1 (%2); the server went back to the environment before.',
                image,
                new Date(time).toLocaleString()
              )}
            </li>
          ))}
        </ul>
      )}
      {rollback.length === 0 ? (
        <p className="jp-EnvBuilder-muted">
          {trans.__('No earlier environment to go back to yet.')}
        </p>
      ) : (
        <ul className="jp-EnvBuilder-rollbackList">
          {rollback.map(image => (
            <li key={image} data-image={image}>
              <code>{image}</code>
              {image === environments.lastKnownGood && (
                <span className="jp-EnvBuilder-goodBadge">
                  {trans.__('last known good')}
                </span>
              )}
              {props.onRestart && (
                <button
                  className="jp-Button jp-mod-minimal jp-EnvBuilder-copy"
                  onClick={() => props.onRestart?.(image)}
                  title={trans.__('Restart this server on %1', image)}
                >
                  {trans.__('Restart into this')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
