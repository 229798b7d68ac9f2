import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { ShareModel } from '../model/share';

// The form and its outputs load when the section is first drawn, not with JupyterLab.
const LazyShareView = React.lazy(() =>
  import('../components/ShareView').then(module => ({
    default: module.ShareView
  }))
);

/** Calls `onMount` once its Suspense boundary has shown what it waited for. */
function Shown(props: { onMount: () => void }): null {
  const { onMount } = props;
  React.useEffect(onMount, [onMount]);
  return null;
}

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
    const field = this.node.querySelector<HTMLElement>('input, select');
    this._focusWhenShown = field === null;
    field?.focus();
  }

  protected render(): JSX.Element | null {
    const trans = this._trans;
    if (!this._everShown) {
      // A hidden panel draws its sections too: the form loads when the section is seen.
      return null;
    }
    return (
      <React.Suspense
        fallback={<p className="jp-EnvBuilder-muted">{trans.__('Loading…')}</p>}
      >
        <UseSignal signal={this._model.changed}>
          {() => (
            <LazyShareView
              model={this._model}
              trans={trans}
              onCopy={text => Clipboard.copyToSystem(text)}
              idPrefix={this.id}
            />
          )}
        </UseSignal>
        <Shown onMount={this._onFormShown} />
      </React.Suspense>
    );
  }

  /** Attached to a panel that is open already: seen at once. */
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    if (this.isVisible) {
      this._seen();
    }
  }

  /** Seen; new builds may have finished since the section was last open. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this._model.refreshBuilds({ shared: true, first: !this._everShown });
    this._seen();
  }

  private _seen(): void {
    if (!this._everShown) {
      this._everShown = true;
      this.update();
    }
  }

  private readonly _onFormShown = (): void => {
    if (this._focusWhenShown) {
      this.focusForm();
    }
  };

  private readonly _model: ShareModel;
  private readonly _trans: TranslationBundle;
  /** Focus was asked for before the form had loaded. */
  private _focusWhenShown = false;
  private _everShown = false;
}

export namespace ShareSection {
  export interface IOptions {
    model: ShareModel;
    trans: TranslationBundle;
  }
}
