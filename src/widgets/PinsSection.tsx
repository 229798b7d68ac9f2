import { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { PinsView } from '../components/PinsView';
import { PinsModel } from '../model/pins';
import { LazySection } from './LazySection';

/** The Pin versions section of the Environment panel; its view loads when first seen. */
export class PinsSection extends LazySection<typeof PinsView> {
  constructor(options: PinsSection.IOptions) {
    super(options.trans);
    this._model = options.model;
    this.id = 'jp-envbuilder-pins';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Pin versions');
  }

  protected async load(): Promise<typeof PinsView> {
    return (await import('../components/PinsView')).PinsView;
  }

  protected renderLoaded(View: typeof PinsView): JSX.Element {
    return (
      <UseSignal signal={this._model.changed}>
        {() => <View model={this._model} trans={this.trans} />}
      </UseSignal>
    );
  }

  private readonly _model: PinsModel;
}

export namespace PinsSection {
  export interface IOptions {
    model: PinsModel;
    trans: TranslationBundle;
  }
}
