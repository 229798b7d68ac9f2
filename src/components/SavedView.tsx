/**
 * The Saved environments section: save a built image by name, and for each saved one:
 * restart this server into it, start a new named server on it, share it, rename, delete.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ISavedEnvironment } from '../api/saved';
import type { IBuiltImageBuild, SavedModel } from '../model/saved';
import { savedProblemText, serversText, sourceText } from './savedText';

/** What the section can do beyond the saved list, from the plugin. */
export interface ISavedActions {
  /** Null when this server cannot restart itself (the restart feature is off or refused). */
  restartInto: ((image: string) => void) | null;
  /** Start a named server on the image in a new tab; an error message when it cannot. */
  startServer: (image: string, server: string) => string | null;
  /** A course link for the image in a named server; an error message when it cannot. */
  shareLink: (
    image: string,
    server: string
  ) => { url?: string; error?: string };
  copy: (text: string) => void;
}

export interface ISavedViewProps {
  model: SavedModel;
  /** Builds of the history that produced an image, newest first. */
  builds: readonly IBuiltImageBuild[];
  /** Image → the servers last started on it. */
  servers: Map<string, string[]>;
  actions: ISavedActions;
  trans: TranslationBundle;
  idPrefix: string;
}

export function SavedView(props: ISavedViewProps): JSX.Element {
  const { model, trans } = props;
  const environments = model.environments;
  const problem = model.problem;
  return (
    <div className="jp-EnvBuilder-saved">
      <SaveForm {...props} />
      {problem && problem.action === 'list' && (
        <p className="jp-EnvBuilder-fieldErrors" role="alert">
          {savedProblemText(problem, trans)}
        </p>
      )}
      {environments && environments.length === 0 && (
        <p className="jp-EnvBuilder-muted">
          {trans.__('No saved environments yet.')}
        </p>
      )}
      {environments && environments.length > 0 && (
        <ul
          className="jp-EnvBuilder-savedList"
          aria-label={trans.__('Saved environments')}
          data-testid="envbuilder-saved-list"
        >
          {environments.map(entry => (
            <SavedItem key={entry.id} entry={entry} {...props} />
          ))}
        </ul>
      )}
    </div>
  );
}

function SaveForm(props: ISavedViewProps): JSX.Element {
  const { model, builds, trans, idPrefix } = props;
  const [buildId, setBuildId] = React.useState('');
  const [name, setName] = React.useState('');
  const [description, setDescription] = React.useState('');
  const chosen = builds.find(b => b.id === buildId) ?? builds[0];
  const problem = model.problem?.action === 'save' ? model.problem : null;
  if (!chosen) {
    return (
      <p className="jp-EnvBuilder-muted">
        {trans.__('Build an environment to save it here by name.')}
      </p>
    );
  }
  const errorId = `${idPrefix}-save-errors`;
  return (
    <form
      className="jp-EnvBuilder-savedForm"
      aria-label={trans.__('Save an environment')}
      onSubmit={async event => {
        event.preventDefault();
        if (await model.save(chosen.id, name, description)) {
          setName('');
          setDescription('');
        }
      }}
    >
      <label htmlFor={`${idPrefix}-build`}>{trans.__('Built image')}</label>
      <select
        id={`${idPrefix}-build`}
        className="jp-mod-styled"
        value={chosen.id}
        onChange={event => setBuildId(event.target.value)}
      >
        {builds.map(build => (
          <option key={build.id} value={build.id}>
            {build.finishedAt
              ? trans.__(
                  '%1 (built %2)',
                  build.image,
                  new Date(build.finishedAt).toLocaleString()
                )
              : build.image}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-name`}>{trans.__('Name')}</label>
      <input
        id={`${idPrefix}-name`}
        type="text"
        className="jp-mod-styled"
        value={name}
        maxLength={80}
        placeholder={trans.__('e.g. thesis analysis')}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        onChange={event => {
          setName(event.target.value);
          model.clearProblem();
        }}
      />
      <label htmlFor={`${idPrefix}-description`}>
        {trans.__('Description (optional)')}
      </label>
      <input
        id={`${idPrefix}-description`}
        type="text"
        className="jp-mod-styled"
        value={description}
        onChange={event => setDescription(event.target.value)}
      />
      {problem && (
        <p id={errorId} className="jp-EnvBuilder-fieldErrors" role="alert">
          {savedProblemText(problem, trans)}
        </p>
      )}
      <button
        type="submit"
        className="jp-Button jp-mod-styled jp-mod-accept"
        disabled={!name.trim()}
      >
        {trans.__('Save environment')}
      </button>
    </form>
  );
}

/** One saved environment: its facts, then its actions. */
function SavedItem(
  props: ISavedViewProps & { entry: ISavedEnvironment }
): JSX.Element {
  const { entry, trans, servers, actions } = props;
  const [mode, setMode] = React.useState<
    'none' | 'rename' | 'server' | 'share'
  >('none');
  const runsOn = servers.get(entry.image) ?? [];
  const problem =
    props.model.problem?.id === entry.id ? props.model.problem : null;
  const toggle = (next: typeof mode) => setMode(mode === next ? 'none' : next);
  return (
    <li className="jp-EnvBuilder-savedItem" data-saved-name={entry.name}>
      <h4>{entry.name}</h4>
      {entry.description && <p>{entry.description}</p>}
      <dl className="jp-EnvBuilder-facts">
        <dt>{trans.__('Image')}</dt>
        <dd>
          <code>{entry.image}</code>
        </dd>
        <dt>{trans.__('From')}</dt>
        <dd>{sourceText(entry.source, trans)}</dd>
        {entry.builtAt && (
          <>
            <dt>{trans.__('Built')}</dt>
            <dd>{new Date(entry.builtAt).toLocaleString()}</dd>
          </>
        )}
        {runsOn.length > 0 && (
          <>
            <dt>{trans.__('Runs on')}</dt>
            <dd data-testid="envbuilder-saved-servers">
              {serversText(runsOn, trans)}
            </dd>
          </>
        )}
      </dl>
      <div className="jp-EnvBuilder-savedActions">
        {actions.restartInto && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            onClick={() => actions.restartInto?.(entry.image)}
          >
            {trans.__('Restart this server into it')}
          </button>
        )}
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          aria-expanded={mode === 'server'}
          onClick={() => toggle('server')}
        >
          {trans.__('Start a new named server on it…')}
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          aria-expanded={mode === 'share'}
          onClick={() => toggle('share')}
        >
          {trans.__('Share…')}
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          aria-expanded={mode === 'rename'}
          onClick={() => toggle('rename')}
        >
          {trans.__('Rename…')}
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-warn"
          onClick={() => {
            if (
              window.confirm(
                trans.__('Delete the saved environment “%1”?', entry.name)
              )
            ) {
              void props.model.remove(entry.id);
            }
          }}
        >
          {trans.__('Delete')}
        </button>
      </div>
      {problem && (
        <p className="jp-EnvBuilder-fieldErrors" role="alert">
          {savedProblemText(problem, trans)}
        </p>
      )}
      {mode === 'rename' && (
        <RenameForm {...props} onDone={() => setMode('none')} />
      )}
      {mode === 'server' && <ServerForm {...props} />}
      {mode === 'share' && <ShareForm {...props} />}
    </li>
  );
}

function RenameForm(
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

function ServerForm(
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

function ShareForm(
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
