import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, SidePanel } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { AccordionPanel, Widget } from '@lumino/widgets';
import * as React from 'react';

import { environmentIcon } from '../icons';
import { HandshakeModel } from '../model/handshake';

/**
 * The Environment sidebar: one collapsible section per feature, each added by its own
 * plugin with a rank that keeps the workflow's order (edit, build, restart, share).
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
    this._handshake = options.handshake;
  }

  /** Add a section; lower ranks come first, equal ranks in the order added. */
  addSection(widget: Widget, rank: number): void {
    // A disposed section has left the panel already.
    const sections = this._sections.filter(s => !s.widget.isDisposed);
    const later = sections.findIndex(s => s.rank > rank);
    const at = later === -1 ? sections.length : later;
    sections.splice(at, 0, { widget, rank });
    this._sections = sections;
    this.insertWidget(at, widget);
  }

  /** Expand a section (the caller shows the panel). */
  showSection(widget: Widget): void {
    const index = this.widgets.indexOf(widget);
    if (index !== -1 && this.content instanceof AccordionPanel) {
      this.content.expand(index);
    }
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

  private readonly _handshake: HandshakeModel;
  /** The sections with their ranks, in the order shown. */
  private _sections: { widget: Widget; rank: number }[] = [];
  private _checked = false;
}

export namespace EnvironmentPanel {
  export interface IOptions {
    handshake: HandshakeModel;
    trans: TranslationBundle;
  }
}
