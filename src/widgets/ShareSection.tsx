import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import type { ShareView } from '../components/ShareView';
import type { ShareModel } from '../model/share';
import { LazySection } from './LazySection';

interface ILoaded {
  model: ShareModel;
  View: typeof ShareView;
}

/** Calls `onMount` once the form it follows is in the page. */
function Shown(props: { onMount: () => void }): null {
  const { onMount } = props;
  React.useEffect(onMount, [onMount]);
  return null;
}

/**
 * The Share section of the Environment panel: launch links for students. The form, its
 * outputs and the link builders load when the section is first seen or a command needs them.
 */
export class ShareSection extends LazySection<ILoaded> {
  constructor(options: ShareSection.IOptions) {
    super(options.trans);
    this._modelOptions = options.model;
    this.id = 'jp-envbuilder-share';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Share');
  }

  /** Move the keyboard focus to the first field, e.g. after "Copy Launch Link". */
  focusForm(): void {
    const field = this.node.querySelector<HTMLElement>('input, select');
    this._focusWhenShown = field === null;
    field?.focus();
  }

  /** The section's state, loaded with the form if it is not yet. */
  async model(): Promise<ShareModel> {
    return (await this.ensureLoaded()).model;
  }

  protected async load(): Promise<ILoaded> {
    const [{ ShareModel }, { ShareView }] = await Promise.all([
      import('../model/share'),
      import('../components/ShareView')
    ]);
    return { model: new ShareModel(this._modelOptions), View: ShareView };
  }

  protected renderLoaded({ model, View }: ILoaded): JSX.Element {
    return (
      <>
        <UseSignal signal={model.changed}>
          {() => (
            <View
              model={model}
              trans={this.trans}
              onCopy={text => Clipboard.copyToSystem(text)}
              idPrefix={this.id}
            />
          )}
        </UseSignal>
        <Shown onMount={this._onFormShown} />
      </>
    );
  }

  /** Seen; new builds may have finished since the section was last open. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    const first = !this._everShown;
    this._everShown = true;
    void this.model().then(model =>
      model.refreshBuilds({ shared: true, first })
    );
  }

  private readonly _onFormShown = (): void => {
    if (this._focusWhenShown) {
      this.focusForm();
    }
  };

  private readonly _modelOptions: ShareModel.IOptions;
  /** Focus was asked for before the form had loaded. */
  private _focusWhenShown = false;
  private _everShown = false;
}

export namespace ShareSection {
  export interface IOptions {
    /** What the section's state is made from, once it loads. */
    model: ShareModel.IOptions;
    trans: TranslationBundle;
  }
}
