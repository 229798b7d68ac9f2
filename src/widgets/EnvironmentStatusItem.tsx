import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { OverviewModel } from '../model/overview';

/**
 * The status bar item, always there like a git branch: the running environment, "rebuild
 * needed" when the folder changed since, and what a build under way is doing.
 */
export class EnvironmentStatusItem extends ReactWidget {
  constructor(options: EnvironmentStatusItem.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this._onClick = options.onClick;
    this.addClass('jp-EnvBuilder-status');
    this._model.changed.connect(this.update, this);
  }

  dispose(): void {
    Signal.clearData(this);
    super.dispose();
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const overview = this._model.overview;
    const build = this._model.build;
    const building = build?.kind === 'busy';
    const stale = overview.rebuildNeeded && !building;
    // Before the panel first asked the server, there is nothing to tell yet.
    const text = building
      ? trans.__('Environment: %1', build.label)
      : !overview.running.image
        ? trans.__('Environment')
        : stale
          ? trans.__('Environment: %1 · rebuild needed', overview.running.text)
          : trans.__('Environment: %1', overview.running.text);
    return (
      <button
        className="jp-EnvBuilder-statusItem"
        data-testid="envbuilder-statusbar"
        data-stale={stale}
        data-building={building}
        onClick={this._onClick}
        title={
          overview.running.image
            ? trans.__(
                '%1 — %2. Show the Environment panel',
                overview.running.image,
                overview.folder.text
              )
            : trans.__('Show the Environment panel')
        }
      >
        {text}
      </button>
    );
  }

  private readonly _model: OverviewModel;
  private readonly _trans: TranslationBundle;
  private readonly _onClick: () => void;
}

export namespace EnvironmentStatusItem {
  export interface IOptions {
    model: OverviewModel;
    trans: TranslationBundle;
    onClick: () => void;
  }
}
