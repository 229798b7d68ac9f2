import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import type { ISavedActions } from '../components/savedProps';
import type { SavedView } from '../components/SavedView';
import { EnvironmentsModel } from '../model/environments';
import { BuildHistoryModel } from '../model/history';
import { PackagesModel } from '../model/packages';
import { builtImageBuilds, SavedModel, serversByImage } from '../model/saved';
import { LazySection } from './LazySection';

interface ILoaded {
  View: typeof SavedView;
  actions: ISavedActions;
}

/**
 * The Saved environments section: environments kept by name in the home, shown with the
 * servers that run them. Its view loads when the section is first seen.
 */
export class SavedSection extends LazySection<ILoaded> {
  constructor(private readonly _options: SavedSection.IOptions) {
    super(_options.trans);
    this.id = 'jp-envbuilder-saved';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = _options.trans.__('Saved environments');
    const update = () => this.update();
    _options.model.changed.connect(update, this);
    _options.history.changed.connect(update, this);
    _options.environments.changed.connect(update, this);
  }

  protected async load(): Promise<ILoaded> {
    const [{ SavedView }, actions] = await Promise.all([
      import('../components/SavedView'),
      this._options.actions()
    ]);
    return { View: SavedView, actions };
  }

  protected renderLoaded({ View, actions }: ILoaded): JSX.Element {
    const { model, packages, history, environments, trans } = this._options;
    return (
      <View
        model={model}
        packages={packages}
        builds={builtImageBuilds(history.builds)}
        history={history.builds}
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
    /** What a saved environment can do outside the panel, loaded with the view. */
    actions: () => Promise<ISavedActions>;
    trans: TranslationBundle;
  }
}
