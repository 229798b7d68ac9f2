/**
 * The Saved environments section: save a built image by name, and for each saved one:
 * restart this server into it, start a new named server on it, share it, rename, delete.
 */
import * as React from 'react';

import type { ISavedEnvironment } from '../api/saved';
import { LazyPackagesView } from './PackagesPart';
import { RenameForm, ServerForm, ShareForm } from './SavedForms';
import type { ISavedViewProps } from './savedProps';
import { savedProblemText, serversText, sourceText } from './savedText';

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
    'none' | 'rename' | 'server' | 'share' | 'packages'
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
          aria-expanded={mode === 'packages'}
          onClick={() => toggle('packages')}
        >
          {trans.__('Packages…')}
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
      {mode === 'packages' && (
        <LazyPackagesView
          loading={
            <p className="jp-EnvBuilder-muted">{trans.__('Loading…')}</p>
          }
          model={props.packages}
          image={entry.image}
          saved={props.model.environments ?? []}
          builds={props.history}
          trans={trans}
          idPrefix={`${props.idPrefix}-${entry.id}-packages`}
        />
      )}
    </li>
  );
}
