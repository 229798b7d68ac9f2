import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { elapsedOf, formatElapsed, stageLabel } from '../components/buildText';
import { useNow } from '../components/BuildView';
import { BuildModel } from '../model/build';
import { IBuildState } from '../model/buildState';

function BuildStatusText(props: {
  state: IBuildState;
  trans: TranslationBundle;
  onClick: () => void;
}): JSX.Element {
  const { state, trans } = props;
  const now = useNow(state.finishedAt === null && state.stage !== 'stopped');
  const elapsed = elapsedOf(state, now);
  return (
    <button
      className="jp-EnvBuilder-statusItem"
      data-testid="envbuilder-build-statusbar"
      data-stage={state.stage}
      onClick={props.onClick}
      title={trans.__('Show the build log')}
    >
      {trans.__('Environment: %1', stageLabel(state, trans))}
      {elapsed !== null && ` ${formatElapsed(elapsed)}`}
    </button>
  );
}

/** The status bar item: what the build is doing, and for how long. */
export class BuildStatusItem extends ReactWidget {
  constructor(options: BuildStatusItem.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this._onClick = options.onClick;
    this.addClass('jp-EnvBuilder-status');
    this._model.stateChanged.connect(this.update, this);
  }

  dispose(): void {
    Signal.clearData(this);
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <BuildStatusText
        state={this._model.state}
        trans={this._trans}
        onClick={this._onClick}
      />
    );
  }

  private readonly _model: BuildModel;
  private readonly _trans: TranslationBundle;
  private readonly _onClick: () => void;
}

export namespace BuildStatusItem {
  export interface IOptions {
    model: BuildModel;
    trans: TranslationBundle;
    onClick: () => void;
  }
}
