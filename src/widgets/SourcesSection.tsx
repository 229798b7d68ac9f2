import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { SourcesView } from '../components/SourcesView';
import { SourcesModel } from '../model/sources';
import { IEnvBuild } from '../tokens';

/**
 * The Sources section of the Environment panel: environments from repositories, DOIs
 * and Binder links.
 */
export class SourcesSection extends ReactWidget {
  constructor(options: SourcesSection.IOptions) {
    super();
    this._model = options.model;
    this._build = options.build;
    this._trans = options.trans;
    this.id = 'jp-envbuilder-sources';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Sources');
  }

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._model.changed}>
        {() => (
          <SourcesView
            model={this._model}
            trans={this._trans}
            idPrefix={this.id}
            busy={this._build?.busy ?? false}
          />
        )}
      </UseSignal>
    );
  }

  private readonly _model: SourcesModel;
  private readonly _build: IEnvBuild | null;
  private readonly _trans: TranslationBundle;
}

export namespace SourcesSection {
  export interface IOptions {
    model: SourcesModel;
    build: IEnvBuild | null;
    trans: TranslationBundle;
  }
}
