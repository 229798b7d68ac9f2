import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { ISavedActions, SavedView } from '../components/SavedView';
import { EnvironmentsModel } from '../model/environments';
import { BuildHistoryModel } from '../model/history';
import { PackagesModel } from '../model/packages';
import { builtImageBuilds, SavedModel, serversByImage } from '../model/saved';

/**
 * The Saved environments section: environments kept by name in the home, shown with the
 * servers that run them.
 */
export class SavedSection extends ReactWidget {
  constructor(private readonly _options: SavedSection.IOptions) {
    super();
    this.id = 'jp-envbuilder-saved';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = _options.trans.__('Saved environments');
    const update = () => this.update();
    _options.model.changed.connect(update, this);
    _options.history.changed.connect(update, this);
    _options.environments.changed.connect(update, this);
  }

  protected render(): JSX.Element {
    const { model, packages, history, environments, actions, trans } =
      this._options;
    return (
      <SavedView
        model={model}
        packages={packages}
        builds={builtImageBuilds(history.builds)}
        servers={serversByImage(environments.environments?.entries ?? [])}
        actions={actions}
        trans={trans}
        idPrefix={this.id}
      />
    );
  }

  /** Another server of the user may have saved or started something since. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._refresh();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    // Back from the tab of a server started from here: it may run a saved one now.
    window.addEventListener('focus', this._onFocus);
  }

  protected onBeforeDetach(msg: Message): void {
    window.removeEventListener('focus', this._onFocus);
    super.onBeforeDetach(msg);
  }

  private _refresh(): void {
    void this._options.model.refresh();
    void this._options.environments.refresh();
  }

  private readonly _onFocus = () => {
    if (this.isVisible) {
      this._refresh();
    }
  };
}

export namespace SavedSection {
  export interface IOptions {
    model: SavedModel;
    packages: PackagesModel;
    history: BuildHistoryModel;
    environments: EnvironmentsModel;
    actions: ISavedActions;
    trans: TranslationBundle;
  }
}
