import { TranslationBundle } from '@jupyterlab/translation';
import { checkIcon, errorIcon, infoIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { IProblem } from '../envfiles';
import { warningIcon } from '../icons';
import { EnvFilesModel } from '../model/envfiles';

/** A 1-based position in a file. */
export interface IFilePosition {
  line: number;
  column: number;
}

/** The problems of the environment files, each a button to its place in the file. */
export function ProblemList(props: {
  model: EnvFilesModel;
  trans: TranslationBundle;
  /** Prefix for element ids, unique in the page. */
  idPrefix: string;
  /** Open a file of the folder (path relative to it) at a position. */
  onOpen: (path: string, position?: IFilePosition) => void;
}): JSX.Element {
  const { model, trans } = props;
  const problems = model.problems;
  const notes = problems.filter(p => p.severity === 'info').length;
  const count = problems.length - notes;
  return (
    <section
      className="jp-EnvBuilder-problems"
      aria-labelledby={`${props.idPrefix}-problems-title`}
      data-testid="envbuilder-envfiles-problems"
    >
      <h3
        id={`${props.idPrefix}-problems-title`}
        className="jp-EnvBuilder-subtitle"
      >
        {trans.__('Problems')}
      </h3>
      <p className="jp-EnvBuilder-muted" aria-live="polite">
        {count === 0 ? (
          <span className="jp-EnvBuilder-ok">
            <checkIcon.react tag="span" />
            {notes === 0
              ? trans.__('No problems found, saved or unsaved.')
              : trans._n(
                  'No problems in the files the build reads; one note on a file it ignores:',
                  'No problems in the files the build reads; %1 notes on files it ignores:',
                  notes
                )}
          </span>
        ) : (
          trans._n(
            'One problem, checked as you type:',
            '%1 problems, checked as you type:',
            count
          )
        )}
      </p>
      {problems.length > 0 && (
        <ul className="jp-EnvBuilder-problemList">
          {problems.map((problem, index) => (
            <ProblemItem
              key={`${problem.file}:${problem.line}:${problem.column}:${problem.code}:${index}`}
              problem={problem}
              trans={trans}
              onOpen={props.onOpen}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProblemItem(props: {
  problem: IProblem;
  trans: TranslationBundle;
  onOpen: (path: string, position?: IFilePosition) => void;
}): JSX.Element {
  const { problem, trans } = props;
  const severity = {
    error: trans.__('Error'),
    warning: trans.__('Warning'),
    info: trans.__('Information: the build ignores this file')
  }[problem.severity];
  // JupyterLab's own icons, and ours for a warning: a warning never wears the error badge.
  const Icon =
    problem.severity === 'info'
      ? infoIcon
      : problem.severity === 'warning'
        ? warningIcon
        : errorIcon;
  const location = `${problem.file}:${problem.line}:${problem.column}`;
  return (
    <li>
      <button
        className="jp-EnvBuilder-problemItem"
        data-severity={problem.severity}
        data-code={problem.code}
        onClick={() =>
          props.onOpen(problem.file, {
            line: problem.line,
            column: problem.column
          })
        }
        title={trans.__(
          'Go to line %1, column %2',
          problem.line,
          problem.column
        )}
      >
        <Icon.react
          tag="span"
          className="jp-EnvBuilder-severity"
          title={severity}
        />
        <span className="jp-EnvBuilder-srOnly">{severity}</span>
        <span className="jp-EnvBuilder-location">{location}</span>
        <span className="jp-EnvBuilder-problemMessage">{problem.message}</span>
      </button>
    </li>
  );
}

/** Pick a file from the catalogue, read what it is for, create it. */
