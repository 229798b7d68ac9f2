import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { PinsView } from '../components/PinsView';
import { PinsModel } from '../model/pins';

/** The Pin versions section of the Environment panel. */
export class PinsSection extends ReactWidget {
  constructor(options: PinsSection.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this.id = 'jp-envbuilder-pins';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Pin versions');
  }

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._model.changed}>
        {() => <PinsView model={this._model} trans={this._trans} />}
      </UseSignal>
    );
  }

  private readonly _model: PinsModel;
  private readonly _trans: TranslationBundle;
}

export namespace PinsSection {
  export interface IOptions {
    model: PinsModel;
    trans: TranslationBundle;
  }
}
