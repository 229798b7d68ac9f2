import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, SidePanel, UseSignal } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { HandshakeView } from '../components/HandshakeView';
import { environmentIcon } from '../icons';
import { HandshakeModel } from '../model/handshake';

/**
 * The Environment sidebar: one collapsible section per part of the workflow.
 */
export class EnvironmentPanel extends SidePanel {
  constructor(options: EnvironmentPanel.IOptions) {
    const { trans } = options;
    super({ translator: undefined });
    this.id = 'jp-envbuilder-panel';
    this.addClass('jp-EnvBuilder-panel');
    this.title.icon = environmentIcon;
    this.title.caption = trans.__('Environment');
    this.node.setAttribute('aria-label', trans.__('Environment'));

    const heading = ReactWidget.create(
      <h2 className="jp-EnvBuilder-title">{trans.__('Environment')}</h2>
    );
    this.header.addWidget(heading);

    const status = ReactWidget.create(
      <UseSignal signal={options.handshake.changed}>
        {() => (
          <HandshakeView
            state={options.handshake.state}
            frontendVersion={options.handshake.frontendVersion}
            onRefresh={() => void options.handshake.refresh()}
            trans={trans}
          />
        )}
      </UseSignal>
    );
    status.title.label = trans.__('Server and hub');
    status.addClass('jp-EnvBuilder-section');
    this.addWidget(status);
    this._handshake = options.handshake;
  }

  /** The handshake runs when the panel is first shown, not on every Lab start. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (this._handshake.state.kind === 'loading' && !this._checked) {
      this._checked = true;
      void this._handshake.refresh();
    }
  }

  private _handshake: HandshakeModel;
  private _checked = false;
}

export namespace EnvironmentPanel {
  export interface IOptions {
    handshake: HandshakeModel;
    trans: TranslationBundle;
  }
}
