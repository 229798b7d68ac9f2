import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import * as React from 'react';

import { LinkField } from '../links';
import { IBuiltImage } from '../model/history';
import {
  EnvironmentChoice,
  IEnvironmentOption,
  IShareForm,
  ShareModel
} from '../model/share';
import { LinkOutputs } from './ShareLinkOutputs';
import { NamedServerLink } from './ShareNamedServer';

export interface IShareViewProps {
  model: ShareModel;
  trans: TranslationBundle;
  /** Put text on the system clipboard (from a click, so the browser allows it). */
  onCopy: (text: string) => void;
  /** Prefix of element ids, unique per view. */
  idPrefix: string;
}

/** The Share section: content, environment, hub address, then the link and its preview. */
export function ShareView(props: IShareViewProps): JSX.Element {
  const { model, trans, idPrefix } = props;
  const form = model.form;
  const field = (name: TextFieldName) => ({
    name,
    idPrefix,
    value: form[name],
    errors: model.errors(name),
    onChange: (value: string) => model.update({ [name]: value })
  });
  return (
    <div className="jp-EnvBuilder-share">
      {model.pristine && (
        <p className="jp-EnvBuilder-muted" data-testid="envbuilder-share-empty">
          {trans.__(
            'Give students a link that opens a notebook in a chosen environment. Right-click a notebook in the file browser and choose Copy Launch Link, or fill in its repository below.'
          )}
        </p>
      )}
      <CloneStatus {...props} />

      <fieldset className="jp-EnvBuilder-fieldset">
        <legend>{trans.__('Content (pulled by nbgitpuller)')}</legend>
        <TextField
          {...field('repo')}
          label={trans.__('Repository')}
          placeholder={trans.__('https://github.com/org/course')}
        />
        <TextField
          {...field('branch')}
          label={trans.__('Branch')}
          placeholder={trans.__('main')}
        />
        <TextField
          {...field('path')}
          label={trans.__('File to open')}
          placeholder={trans.__(
            'e.g. lessons/intro.ipynb; empty opens the folder'
          )}
        />
        <div className="jp-EnvBuilder-field" data-field="app">
          <label htmlFor={`${idPrefix}-app`}>{trans.__('Open in')}</label>
          <select
            id={`${idPrefix}-app`}
            className="jp-mod-styled"
            value={form.app}
            onChange={event =>
              model.update({ app: event.target.value as IShareForm['app'] })
            }
          >
            <option value="lab">{trans.__('JupyterLab')}</option>
            <option value="notebook">{trans.__('Classic notebook')}</option>
          </select>
          <FieldErrors id={`${idPrefix}-app`} errors={model.errors('app')} />
        </div>
        <TextField
          {...field('targetPath')}
          label={trans.__('Clone into folder (optional)')}
          placeholder={trans.__('the repository name')}
        />
      </fieldset>

      <EnvironmentChooser {...props} field={field} />

      <TextField
        {...field('hubUrl')}
        label={trans.__('Hub address')}
        placeholder={trans.__('https://hub.example.org')}
      />

      <LinkOutputs {...props} />
      <NamedServerLink {...props} />
    </div>
  );
}

function CloneStatus(props: IShareViewProps): JSX.Element | null {
  const { model, trans } = props;
  const git = model.git;
  if (git.kind === 'none') {
    return null;
  }
  const again = (
    <ToolbarButtonComponent
      icon={refreshIcon}
      onClick={() => void model.shareNotebook(git.path)}
      tooltip={trans.__('Read the git clone again')}
      enabled={git.kind !== 'loading'}
    />
  );
  let body: JSX.Element;
  switch (git.kind) {
    case 'loading':
      body = (
        <p className="jp-EnvBuilder-muted" role="status">
          {trans.__('Reading the git clone of %1…', git.path)}
        </p>
      );
      break;
    case 'ready':
      body = (
        <p>
          {trans.__(
            'Sharing %1, from the git clone in %2.',
            git.path,
            git.info.repoRoot || '/'
          )}
        </p>
      );
      break;
    case 'notAClone':
      body = (
        <p className="jp-EnvBuilder-warning" role="status">
          {trans.__(
            '%1 is not in a git clone. Students get content from a git repository: put the notebook in one, push it to a server they can reach, or enter a repository below.',
            git.path
          )}
        </p>
      );
      break;
    case 'error':
      body = (
        <p className="jp-EnvBuilder-warning" role="status">
          {trans.__(
            'The git clone of %1 cannot be read: %2',
            git.path,
            git.message
          )}
        </p>
      );
      break;
  }
  const warnings = model.warnings;
  return (
    <div className="jp-EnvBuilder-clone" data-git-state={git.kind}>
      <div className="jp-EnvBuilder-cloneHeader">
        {body}
        {again}
      </div>
      {warnings.length > 0 && (
        <ul
          className="jp-EnvBuilder-warnings"
          data-testid="envbuilder-share-warnings"
          aria-label={trans.__('What students would not get')}
        >
          {warnings.map(warning => (
            <li
              key={warning.kind}
              className="jp-EnvBuilder-warning"
              data-warning={warning.kind}
            >
              {warning.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EnvironmentChooser(
  props: IShareViewProps & { field: (name: TextFieldName) => ITextFieldProps }
): JSX.Element {
  const { model, trans, idPrefix, field } = props;
  const form = model.form;
  const labels: Record<EnvironmentChoice, string> = {
    default: trans.__("The hub's default environment"),
    current: trans.__('The image this server runs'),
    build: trans.__('An image from the build history'),
    repository: trans.__('A repository built by a BinderHub')
  };
  const errorsId = `${idPrefix}-environment`;
  const errors = model.errors(
    'environment',
    'image',
    'imageOptions',
    'hubVersion'
  );
  return (
    <fieldset
      className="jp-EnvBuilder-fieldset"
      aria-describedby={errors.length ? `${errorsId}-errors` : undefined}
    >
      <legend>{trans.__('Environment')}</legend>
      {model.environmentOptions.map(option => (
        <EnvironmentRadio
          key={option.choice}
          option={option}
          label={labels[option.choice]}
          checked={form.environment === option.choice}
          {...props}
        />
      ))}
      <FieldErrors id={errorsId} errors={errors} />
      {form.environment === 'repository' && (
        <div className="jp-EnvBuilder-nested">
          <TextField
            {...field('binderUrl')}
            label={trans.__('BinderHub address')}
            placeholder={trans.__('https://mybinder.org')}
          />
          <TextField
            {...field('environmentRepo')}
            label={trans.__('Environment repository')}
            placeholder={trans.__('the content repository')}
          />
          <TextField
            {...field('environmentRef')}
            label={trans.__('Its branch, tag or commit')}
            placeholder={
              form.environmentRepo.trim()
                ? trans.__('HEAD (its default branch)')
                : trans.__('the content branch')
            }
          />
        </div>
      )}
    </fieldset>
  );
}

function EnvironmentRadio(
  props: IShareViewProps & {
    option: IEnvironmentOption;
    label: string;
    checked: boolean;
  }
): JSX.Element {
  const { model, trans, idPrefix, option, checked } = props;
  const id = `${idPrefix}-environment-${option.choice}`;
  const builds = model.builds;
  return (
    <div
      className="jp-EnvBuilder-choice"
      data-choice={option.choice}
      data-available={option.available}
    >
      <input
        type="radio"
        id={id}
        name={`${idPrefix}-environment`}
        value={option.choice}
        checked={checked}
        disabled={!option.available && !checked}
        aria-describedby={option.reason ? `${id}-reason` : undefined}
        onChange={() => model.update({ environment: option.choice })}
      />
      <label htmlFor={id}>{props.label}</label>
      {option.reason && (
        <p
          id={`${id}-reason`}
          className="jp-EnvBuilder-muted jp-EnvBuilder-reason"
        >
          {option.reason}
        </p>
      )}
      {option.choice === 'current' && option.available && (
        <code
          className="jp-EnvBuilder-choiceDetail"
          data-testid="envbuilder-share-current-image"
        >
          {model.currentImage}
        </code>
      )}
      {option.choice === 'build' && checked && builds.kind === 'ready' && (
        <div className="jp-EnvBuilder-nested">
          <label htmlFor={`${idPrefix}-buildImage`}>{trans.__('Image')}</label>
          <select
            id={`${idPrefix}-buildImage`}
            className="jp-mod-styled"
            value={model.form.buildImage}
            onChange={event => model.update({ buildImage: event.target.value })}
          >
            {builds.images.map(built => (
              <option key={built.image} value={built.image}>
                {imageChoiceLabel(built, trans)}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

/** A history image as Share offers it; a dry run's name says that no image was built. */
function imageChoiceLabel(
  built: IBuiltImage,
  trans: TranslationBundle
): string {
  const when = built.finishedAt
    ? new Date(built.finishedAt).toLocaleString()
    : null;
  if (built.dryRun) {
    return when
      ? trans.__('%1 (dry run %2: no image was built)', built.image, when)
      : trans.__('%1 (dry run: no image was built)', built.image);
  }
  return when ? trans.__('%1 (built %2)', built.image, when) : built.image;
}

type TextFieldName = Exclude<
  keyof IShareForm,
  'app' | 'environment' | 'buildImage'
> &
  LinkField;

interface ITextFieldProps {
  name: TextFieldName;
  idPrefix: string;
  value: string;
  errors: string[];
  onChange: (value: string) => void;
}

function TextField(
  props: ITextFieldProps & { label: string; placeholder?: string }
): JSX.Element {
  const { errors } = props;
  const id = `${props.idPrefix}-${props.name}`;
  return (
    <div className="jp-EnvBuilder-field" data-field={props.name}>
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
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

function FieldErrors(props: {
  id: string;
  errors: string[];
}): JSX.Element | null {
  if (props.errors.length === 0) {
    return null;
  }
  return (
    <ul id={`${props.id}-errors`} className="jp-EnvBuilder-fieldErrors">
      {props.errors.map(error => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}
