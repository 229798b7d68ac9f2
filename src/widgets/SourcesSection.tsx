import { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { SourcesView } from '../components/SourcesView';
import type { SourcesModel } from '../model/sources';
import { IEnvBuild } from '../tokens';
import { LazySection } from './LazySection';

interface ILoaded {
  model: SourcesModel;
  View: typeof SourcesView;
}

/**
 * The Sources section of the Environment panel: environments from repositories, DOIs
 * and Binder links. Its view and the parser of what is pasted load when it is first seen.
 */
export class SourcesSection extends LazySection<ILoaded> {
  constructor(options: SourcesSection.IOptions) {
    super(options.trans);
    this._build = options.build;
    this._input = options.input ?? '';
    this.id = 'jp-envbuilder-sources';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Sources');
  }

  protected async load(): Promise<ILoaded> {
    const [{ SourcesModel }, { SourcesView }] = await Promise.all([
      import('../model/sources'),
      import('../components/SourcesView')
    ]);
    const build = this._build;
    const model = new SourcesModel({
      buildSpec: build ? spec => build.buildSpec(spec) : null
    });
    if (this._input) {
      model.setInput(this._input, '');
    }
    return { model, View: SourcesView };
  }

  protected renderLoaded({ model, View }: ILoaded): JSX.Element {
    return (
      <UseSignal signal={model.changed}>
        {() => (
          <View
            model={model}
            trans={this.trans}
            idPrefix={this.id}
            busy={this._build?.busy ?? false}
          />
        )}
      </UseSignal>
    );
  }

  private readonly _build: IEnvBuild | null;
  private readonly _input: string;
}

export namespace SourcesSection {
  export interface IOptions {
    /** Starts builds through the Build section; null without the build plugin. */
    build: IEnvBuild | null;
    /** What the section holds when first seen (a link handed over in the address). */
    input?: string;
    trans: TranslationBundle;
  }
}
