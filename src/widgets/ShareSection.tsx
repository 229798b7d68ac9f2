import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { ShareView } from '../components/ShareView';
import { ShareModel } from '../model/share';

/**
 * The Share section of the Environment panel: launch links for students.
 */
export class ShareSection extends ReactWidget {
  constructor(options: ShareSection.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this.id = 'jp-envbuilder-share';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Share');
  }

  /** Move the keyboard focus to the first field, e.g. after "Copy Launch Link". */
  focusForm(): void {
    this.node.querySelector<HTMLElement>('input, select')?.focus();
  }

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._model.changed}>
        {() => (
          <ShareView
            model={this._model}
            trans={this._trans}
            onCopy={text => Clipboard.copyToSystem(text)}
            idPrefix={this.id}
          />
        )}
      </UseSignal>
    );
  }

  /** New builds may have finished since the section was last open. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this._model.refreshBuilds();
  }

  private readonly _model: ShareModel;
  private readonly _trans: TranslationBundle;
}

export namespace ShareSection {
  export interface IOptions {
    model: ShareModel;
    trans: TranslationBundle;
  }
}
