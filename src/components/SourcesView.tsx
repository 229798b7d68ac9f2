/**
 * The Sources section: paste a repository, a DOI or a Binder link, see what it means, build it.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { SourcesModel } from '../model/sources';
import {
  DoiProvider,
  ISource,
  ISourceError,
  SourceField,
  sourceProblemMessage
} from '../sources';

export interface ISourcesViewProps {
  model: SourcesModel;
  trans: TranslationBundle;
  idPrefix: string;
  /** A build of something is under way (from any section). */
  busy: boolean;
}

export function SourcesView(props: ISourcesViewProps): JSX.Element {
  const { model, trans, idPrefix } = props;
  const result = model.result;
  const errors = result && !result.ok ? result.errors : [];
  const messages = (field: SourceField) =>
    errors
      .filter((error: ISourceError) => error.field === field)
      .map(error => sourceProblemMessage(error, trans.__.bind(trans)));
  return (
    <form
      className="jp-EnvBuilder-sources"
      onSubmit={event => {
        event.preventDefault();
        void model.build();
      }}
    >
      <Field
        id={`${idPrefix}-source`}
        label={trans.__('Repository, DOI or Binder link')}
        placeholder={trans.__('e.g. https://github.com/org/analysis')}
        value={model.text}
        errors={messages('source')}
        onChange={value => model.setInput(value, model.ref)}
      />
      <Field
        id={`${idPrefix}-ref`}
        label={trans.__('Branch, tag or commit (optional)')}
        placeholder={trans.__('e.g. main')}
        value={model.ref}
        errors={messages('ref')}
        onChange={value => model.setInput(model.text, value)}
      />
      {model.asksArchive && (
        <ArchiveChoice model={model} trans={trans} id={`${idPrefix}-archive`} />
      )}
      {result?.ok && <Meaning source={result.value} trans={trans} />}
      {model.canBuild && (
        <button
          type="submit"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={!result?.ok || props.busy || model.building !== null}
        >
          {trans.__('Build this environment')}
        </button>
      )}
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  errors: string[];
  onChange: (value: string) => void;
}): JSX.Element {
  const { id, errors } = props;
  return (
    <div className="jp-EnvBuilder-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        className="jp-mod-styled"
        value={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={errors.length > 0}
        aria-describedby={errors.length ? `${id}-errors` : undefined}
        onChange={event => props.onChange(event.target.value)}
      />
      {errors.length > 0 && (
        <ul id={`${id}-errors`} className="jp-EnvBuilder-fieldErrors">
          {errors.map(error => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

const PROVIDER_NAMES: Record<string, string> = {
  gh: 'GitHub',
  gl: 'GitLab',
  git: 'Git',
  zenodo: 'Zenodo',
  figshare: 'Figshare',
  dataverse: 'Dataverse',
  hydroshare: 'HydroShare',
  ckan: 'CKAN'
};

const ARCHIVES: DoiProvider[] = ['zenodo', 'figshare', 'dataverse'];

/** For a DOI of a registrant BinderHub does not know by its prefix: which archive holds it. */
function ArchiveChoice(props: {
  model: SourcesModel;
  trans: TranslationBundle;
  id: string;
}): JSX.Element {
  const { model, trans, id } = props;
  return (
    <div className="jp-EnvBuilder-field">
      <label htmlFor={id}>{trans.__('Archive that holds it')}</label>
      <select
        id={id}
        className="jp-mod-styled"
        value={model.doiProvider ?? ''}
        onChange={event =>
          model.setDoiProvider((event.target.value as DoiProvider) || null)
        }
      >
        <option value="">{trans.__('Choose…')}</option>
        {ARCHIVES.map(archive => (
          <option key={archive} value={archive}>
            {PROVIDER_NAMES[archive]}
          </option>
        ))}
      </select>
    </div>
  );
}

function Meaning(props: {
  source: ISource;
  trans: TranslationBundle;
}): JSX.Element {
  const { source, trans } = props;
  return (
    <dl className="jp-EnvBuilder-facts" aria-label={trans.__('What it means')}>
      <dt>{trans.__('From')}</dt>
      <dd>{PROVIDER_NAMES[source.provider]}</dd>
      <dt>{trans.__('Repository')}</dt>
      <dd>
        <code>{source.repository}</code>
      </dd>
      {source.ref && (
        <>
          <dt>{trans.__('Version')}</dt>
          <dd>
            <code>{source.ref}</code>
          </dd>
        </>
      )}
      {source.content && (
        <>
          <dt>{trans.__('Content')}</dt>
          <dd>
            {trans.__(
              '%1 (%2), pulled by nbgitpuller',
              source.content.repo,
              source.content.branch || trans.__('default branch')
            )}
          </dd>
        </>
      )}
      {source.urlpath && !source.content && (
        <>
          <dt>{trans.__('Opens')}</dt>
          <dd>
            <code>{source.urlpath}</code>
          </dd>
        </>
      )}
      <dt>{trans.__('Build spec')}</dt>
      <dd>
        <code>{source.spec}</code>
      </dd>
    </dl>
  );
}
