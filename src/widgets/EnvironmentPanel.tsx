import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, SidePanel, UseSignal } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { AccordionPanel } from '@lumino/widgets';
import * as React from 'react';

import { EnvironmentsView } from '../components/EnvironmentsView';
import { HandshakeView } from '../components/HandshakeView';
import { environmentIcon } from '../icons';
import { EnvironmentsModel } from '../model/environments';
import { HandshakeModel } from '../model/handshake';
import { ShareModel } from '../model/share';
import { BuildSection } from './BuildSection';
import { EnvFilesSection } from './EnvFilesSection';
import { ShareSection } from './ShareSection';

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

    const environments = options.environments;
    const status = ReactWidget.create(
      <>
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
        {environments && (
          <UseSignal signal={environments.model.changed}>
            {() => (
              <EnvironmentsView
                model={environments.model}
                onRestart={
                  options.handshake.handshake?.capabilities.restart.available
                    ? environments.restart
                    : null
                }
                trans={trans}
              />
            )}
          </UseSignal>
        )}
      </>
    );
    status.title.label = trans.__('Server and hub');
    status.addClass('jp-EnvBuilder-section');
    this.addWidget(status);
    if (options.envFiles) {
      this.addWidget(new EnvFilesSection({ ...options.envFiles, trans }));
    }
    this._handshake = options.handshake;
    if (options.build) {
      this.addWidget(new BuildSection({ ...options.build, trans }));
    }
    // Last, as in the workflow: edit, build, restart, then share with students.
    if (options.share) {
      this._share = new ShareSection({ model: options.share, trans });
      this.addWidget(this._share);
    }
  }

  /** Expand the Share section and put the keyboard focus in it. */
  showShare(): void {
    if (!this._share) {
      return;
    }
    if (this.content instanceof AccordionPanel) {
      this.content.expand(this.widgets.indexOf(this._share));
    }
    this._share.focusForm();
  }

  /** The handshake runs when the panel is first shown, not on every Lab start. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.checkOnceVisible();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.checkOnceVisible();
  }

  /**
   * Run the handshake the first time the panel is visible. A panel that the layout restorer
   * shows at start may never receive a show message, so the plugin also calls this once the
   * application is restored.
   */
  checkOnceVisible(): void {
    if (this.isVisible && !this._checked) {
      this._checked = true;
      void this._handshake.refresh();
    }
  }

  private _handshake: HandshakeModel;
  private _checked = false;
  private _share: ShareSection | null = null;
}

export namespace EnvironmentPanel {
  export interface IOptions {
    handshake: HandshakeModel;
    trans: TranslationBundle;
    /** The Share section's model; without it there is no Share section. */
    share?: ShareModel;
    /** The Environment files section's model and how it opens files; without it, no section. */
    envFiles?: Omit<EnvFilesSection.IOptions, 'trans'>;
    /** The Build section's model and commands; without it, no section. */
    build?: Omit<BuildSection.IOptions, 'trans'>;
    /** The environment history, and how to restart onto one of its images. */
    environments?: {
      model: EnvironmentsModel;
      restart: (image: string) => void;
    };
  }
}
