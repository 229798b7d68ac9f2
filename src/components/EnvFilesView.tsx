import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  EnvironmentFileName,
  IEnvironmentExplanation,
  IEnvironmentFileInfo
} from '../envfiles';
import { EnvFilesModel } from '../model/envfiles';
import { EnvFolderState, IEnvFilesActivity } from '../model/envfilesCheck';
import { IFilePosition, ProblemList } from './EnvFileProblems';

export interface IEnvFilesViewProps {
  model: EnvFilesModel;
  trans: TranslationBundle;
  /** Prefix for element ids, unique in the page. */
  idPrefix: string;
  /** Open a file of the folder (path relative to it), at a position if given. */
  onOpen: (path: string, position?: IFilePosition) => void;
  onCreate: (name: EnvironmentFileName) => void;
  /**
   * Whether the folder differs from what the running image was built from; null while
   * that is not known, and then nothing is said about it.
   */
  differs: boolean | null;
  /** This server was started under the name of a dry run: no image was built. */
  dryRun: boolean;
}

/** The environment folder: its files, what repo2docker does with them, their problems. */
export function EnvFilesView(props: IEnvFilesViewProps): JSX.Element {
  const { model, trans } = props;
  const state = model.state;
  const shown = `${state.folder === '' ? '.' : state.folder}/`;
  const root = React.useRef<HTMLDivElement>(null);
  const kind = React.useRef(state.kind);
  React.useLayoutEffect(() => {
    // The first file was just created: show the folder from its top, not where reaching
    // the chooser at the foot of the empty state left the section scrolled.
    if (kind.current === 'missing' && state.kind === 'ready') {
      const section = root.current?.closest('.jp-EnvBuilder-section');
      if (section) {
        section.scrollTop = 0;
      }
    }
    kind.current = state.kind;
  }, [state.kind]);
  return (
    <div className="jp-EnvBuilder-envfiles" ref={root}>
      <div className="jp-EnvBuilder-envfilesHeader">
        <span className="jp-EnvBuilder-muted">{trans.__('Folder')}</span>
        <code data-testid="envbuilder-envfiles-folder">{shown}</code>
        <ToolbarButtonComponent
          icon={refreshIcon}
          onClick={() => void model.refresh()}
          tooltip={trans.__('Look at the environment folder again')}
        />
      </div>
      <DriftNote differs={props.differs} dryRun={props.dryRun} trans={trans} />
      <FolderBody {...props} state={state} shown={shown} />
      <Notice activity={model.activity} />
    </div>
  );
}

function DriftNote(props: {
  differs: boolean | null;
  dryRun: boolean;
  trans: TranslationBundle;
}): JSX.Element | null {
  // Unknown until the build history says: then nothing is claimed either way.
  if (props.differs === null) {
    return null;
  }
  if (props.dryRun) {
    return (
      <p
        className="jp-EnvBuilder-muted"
        data-testid="envbuilder-envfiles-drift"
      >
        {props.differs
          ? props.trans.__(
              'These files differ from the ones whose dry run this server was started under; no image was built from either.'
            )
          : props.trans.__(
              'This server was started under the name of these files’ dry run; no image was built from them.'
            )}
      </p>
    );
  }
  return props.differs ? (
    <p
      className="jp-EnvBuilder-warning"
      data-testid="envbuilder-envfiles-drift"
    >
      {props.trans.__(
        'These files differ from the ones this server’s image was built from: build and restart to use them.'
      )}
    </p>
  ) : (
    <p className="jp-EnvBuilder-muted" data-testid="envbuilder-envfiles-drift">
      {props.trans.__('This server’s image was built from these files.')}
    </p>
  );
}

function Notice(props: { activity: IEnvFilesActivity }): JSX.Element {
  const notice = props.activity.notice;
  return (
    <p
      className="jp-EnvBuilder-notice"
      data-kind={notice?.kind}
      role="status"
      aria-live="polite"
    >
      {notice?.message ?? ''}
    </p>
  );
}

function FolderBody(
  props: IEnvFilesViewProps & { state: EnvFolderState; shown: string }
): JSX.Element {
  const { state, trans, model } = props;
  switch (state.kind) {
    case 'loading':
      return (
        <p className="jp-EnvBuilder-muted">
          {trans.__('Looking at %1…', props.shown)}
        </p>
      );
    case 'missing':
      return (
        <div
          className="jp-EnvBuilder-empty"
          data-testid="envbuilder-envfiles-empty"
        >
          <p>
            <strong>{trans.__('No environment folder yet')}</strong>
          </p>
          <p>
            {trans.__(
              '%1 will hold the files that describe your software environment, in the format Binder and repo2docker read. Create it with a first file:',
              props.shown
            )}
          </p>
          <FileChooser
            files={model.catalogue}
            label={trans.__('First file')}
            action={trans.__('Create Folder and File')}
            busy={model.activity.busy}
            id={`${props.idPrefix}-first`}
            onCreate={props.onCreate}
          />
          <p className="jp-EnvBuilder-muted">
            {trans.__(
              'To use another folder, such as a repository’s binder/, change “Environment folder” in Settings › Environment.'
            )}
          </p>
        </div>
      );
    case 'notAFolder':
      return (
        <div className="jp-EnvBuilder-problem" role="alert">
          <p>
            {trans.__(
              '%1 is a file, not a folder. Rename it, or choose another environment folder in Settings › Environment.',
              state.folder
            )}
          </p>
        </div>
      );
    case 'error':
      return (
        <div className="jp-EnvBuilder-problem" role="alert">
          <p>
            {trans.__(
              'Could not look at %1: %2. It is tried again while this section is open.',
              props.shown,
              state.message
            )}
          </p>
        </div>
      );
    case 'ready':
      return (
        <>
          <FileList {...props} explanation={state.explanation} />
          {state.otherFiles > 0 && (
            <p className="jp-EnvBuilder-muted">
              {trans._n(
                'One other file in the folder is not read by repo2docker; it still goes into the snapshot and the image.',
                '%1 other files in the folder are not read by repo2docker; they still go into the snapshot and the image.',
                state.otherFiles
              )}
            </p>
          )}
          <ProblemList {...props} />
          <BuildPlan
            explanation={state.explanation}
            trans={trans}
            id={`${props.idPrefix}-plan`}
          />
          {model.missingFiles.length > 0 && (
            <FileChooser
              files={model.missingFiles}
              label={trans.__('Add a file')}
              action={trans.__('Create')}
              busy={model.activity.busy}
              id={`${props.idPrefix}-add`}
              onCreate={props.onCreate}
            />
          )}
        </>
      );
  }
}

/** What repo2docker will do with the folder, in plain words. */
function BuildPlan(props: {
  explanation: IEnvironmentExplanation;
  trans: TranslationBundle;
  id: string;
}): JSX.Element {
  const { explanation, trans } = props;
  return (
    <section
      className="jp-EnvBuilder-plan"
      aria-labelledby={`${props.id}-title`}
      data-testid="envbuilder-envfiles-plan"
    >
      <h3 id={`${props.id}-title`} className="jp-EnvBuilder-subtitle">
        {trans.__('What the build will do')}
      </h3>
      {explanation.blockers.map(blocker => (
        <p
          key={blocker.id}
          className="jp-EnvBuilder-blocker"
          data-blocker={blocker.id}
        >
          {blocker.message}
        </p>
      ))}
      {explanation.buildpack && (
        <p data-buildpack={explanation.buildpack.id}>
          {explanation.buildpack.message}
        </p>
      )}
      {explanation.python && (
        <p data-python-source={explanation.python.source}>
          {explanation.python.message}
        </p>
      )}
      {explanation.runtime && explanation.runtime.spec?.name !== 'python' && (
        <p>
          {trans.__(
            'Version: %1 (%2).',
            explanation.runtime.summary,
            explanation.runtime.path
          )}
        </p>
      )}
    </section>
  );
}

/** The configuration files present, each opening in the editor. */
function FileList(
  props: IEnvFilesViewProps & { explanation: IEnvironmentExplanation }
): JSX.Element {
  const { explanation, trans, model } = props;
  if (explanation.files.length === 0) {
    return (
      <p className="jp-EnvBuilder-muted">
        {trans.__(
          'No environment files yet: repo2docker will build its default Python environment. Add a file below.'
        )}
      </p>
    );
  }
  const counts = new Map<string, { errors: number; warnings: number }>();
  // Notes on ignored files are listed below but are not problems of the build.
  for (const problem of model.problems.filter(p => p.severity !== 'info')) {
    const count = counts.get(problem.file) ?? { errors: 0, warnings: 0 };
    if (problem.severity === 'error') {
      count.errors++;
    } else {
      count.warnings++;
    }
    counts.set(problem.file, count);
  }
  return (
    <ul
      className="jp-EnvBuilder-files"
      aria-label={trans.__('Environment files')}
      data-testid="envbuilder-envfiles-files"
    >
      {explanation.files.map(file => {
        const count = counts.get(file.path);
        return (
          <li
            key={file.path}
            className="jp-EnvBuilder-file"
            data-path={file.path}
            data-status={file.status}
          >
            <div className="jp-EnvBuilder-fileHeader">
              <button
                className="jp-EnvBuilder-fileName"
                onClick={() => props.onOpen(file.path)}
                title={trans.__('Open %1 in the editor', file.path)}
              >
                {file.path}
              </button>
              <span className="jp-EnvBuilder-fileStatus">
                {file.status === 'used'
                  ? trans.__('used')
                  : trans.__('ignored')}
              </span>
              {count && <FileCount {...count} trans={trans} />}
            </div>
            <p className="jp-EnvBuilder-reason">{file.message}</p>
          </li>
        );
      })}
    </ul>
  );
}

/** A file's problems in its row, coloured as the worst of them: a warning is never red. */
function FileCount(props: {
  errors: number;
  warnings: number;
  trans: TranslationBundle;
}): JSX.Element {
  const { errors, warnings, trans } = props;
  return (
    <span
      className="jp-EnvBuilder-fileCount"
      data-severity={errors > 0 ? 'error' : 'warning'}
    >
      {errors > 0
        ? trans._n('%1 problem', '%1 problems', errors + warnings)
        : trans._n('%1 warning', '%1 warnings', warnings)}
    </span>
  );
}

/** Problems with their exact positions; each jumps there in the editor. */
function FileChooser(props: {
  files: readonly IEnvironmentFileInfo[];
  label: string;
  action: string;
  busy: boolean;
  id: string;
  onCreate: (name: EnvironmentFileName) => void;
}): JSX.Element {
  const { files } = props;
  const [choice, setChoice] = React.useState<string>('requirements.txt');
  const selected = files.find(f => f.name === choice) ?? files[0];
  return (
    <div className="jp-EnvBuilder-chooser">
      <label htmlFor={props.id} className="jp-EnvBuilder-chooserLabel">
        {props.label}
      </label>
      <div className="jp-EnvBuilder-chooserRow">
        <select
          id={props.id}
          value={selected.name}
          onChange={event => setChoice(event.target.value)}
          aria-describedby={`${props.id}-description`}
        >
          {files.map(file => (
            <option key={file.name} value={file.name}>
              {file.name}
            </option>
          ))}
        </select>
        <button
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={props.busy}
          onClick={() => props.onCreate(selected.name)}
        >
          {props.action}
        </button>
      </div>
      <p id={`${props.id}-description`} className="jp-EnvBuilder-muted">
        {selected.description}
      </p>
    </div>
  );
}
