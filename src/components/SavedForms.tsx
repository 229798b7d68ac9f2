/**
 * The forms a saved environment opens: rename it, start a named server on it, share it.
 */
import * as React from 'react';

import type { ISavedEnvironment } from '../api/saved';
import type { ISavedViewProps } from './savedProps';

export function RenameForm(
  props: ISavedViewProps & { entry: ISavedEnvironment; onDone: () => void }
): JSX.Element {
  const { entry, trans, idPrefix } = props;
  const [name, setName] = React.useState(entry.name);
  const [description, setDescription] = React.useState(entry.description);
  const id = `${idPrefix}-${entry.id}-rename`;
  return (
    <form
      className="jp-EnvBuilder-savedForm"
      onSubmit={async event => {
        event.preventDefault();
        if (await props.model.rename(entry.id, name, description)) {
          props.onDone();
        }
      }}
    >
      <label htmlFor={id}>{trans.__('New name')}</label>
      <input
        id={id}
        type="text"
        className="jp-mod-styled"
        value={name}
        maxLength={80}
        autoFocus
        onChange={event => setName(event.target.value)}
      />
      <label htmlFor={`${id}-description`}>{trans.__('Description')}</label>
      <input
        id={`${id}-description`}
        type="text"
        className="jp-mod-styled"
        value={description}
        onChange={event => setDescription(event.target.value)}
      />
      <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept">
        {trans.__('Rename')}
      </button>
    </form>
  );
}

/** A server name from an environment's name: what JupyterHub takes in a URL. */
function serverSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 63);
}

export function ServerForm(
  props: ISavedViewProps & { entry: ISavedEnvironment }
): JSX.Element {
  const { entry, trans, idPrefix, actions } = props;
  const [server, setServer] = React.useState(serverSlug(entry.name));
  const [error, setError] = React.useState<string | null>(null);
  const id = `${idPrefix}-${entry.id}-server`;
  return (
    <form
      className="jp-EnvBuilder-savedForm"
      onSubmit={event => {
        event.preventDefault();
        setError(actions.startServer(entry.image, server));
      }}
    >
      <label htmlFor={id}>{trans.__('Named server')}</label>
      <input
        id={id}
        type="text"
        className="jp-mod-styled"
        value={server}
        autoFocus
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-errors` : undefined}
        onChange={event => {
          setServer(event.target.value);
          setError(null);
        }}
      />
      {error && (
        <p id={`${id}-errors`} className="jp-EnvBuilder-fieldErrors">
          {error}
        </p>
      )}
      <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept">
        {trans.__('Start it in a new tab')}
      </button>
    </form>
  );
}

export function ShareForm(
  props: ISavedViewProps & { entry: ISavedEnvironment }
): JSX.Element {
  const { entry, trans, idPrefix, actions } = props;
  const [server, setServer] = React.useState(serverSlug(entry.name));
  const link = actions.shareLink(entry.image, server);
  const id = `${idPrefix}-${entry.id}-share`;
  return (
    <div className="jp-EnvBuilder-savedForm">
      <label htmlFor={id}>{trans.__('Named server the link starts')}</label>
      <input
        id={id}
        type="text"
        className="jp-mod-styled"
        value={server}
        aria-invalid={link.error !== undefined}
        aria-describedby={`${id}-out`}
        onChange={event => setServer(event.target.value)}
      />
      {link.url ? (
        <>
          <code id={`${id}-out`} className="jp-EnvBuilder-savedLink">
            {link.url}
          </code>
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            onClick={() => actions.copy(link.url as string)}
          >
            {trans.__('Copy link')}
          </button>
        </>
      ) : (
        <p id={`${id}-out`} className="jp-EnvBuilder-fieldErrors">
          {link.error}
        </p>
      )}
    </div>
  );
}
