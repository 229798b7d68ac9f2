import { JupyterFrontEnd } from '@jupyterlab/application';
import { CommandToolbarButton } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, SidePanel } from '@jupyterlab/ui-components';
import { Message, MessageLoop } from '@lumino/messaging';
import { AccordionPanel, PanelLayout, Widget } from '@lumino/widgets';
import * as React from 'react';

import { environmentIcon } from '../icons';
import { HandshakeModel } from '../model/handshake';
import { OverviewModel } from '../model/overview';
import { PanelOverview } from './PanelOverview';
import { makeRoom, openWithRoom } from './sectionRoom';

/**
 * The Environment sidebar: a toolbar, the overview (always in view), then one collapsible
 * section per feature, each added by its own plugin with a rank that keeps the workflow's
 * order (edit, build, restart, share).
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
    this._commands = options.commands;
    this.toolbar.node.setAttribute(
      'aria-label',
      trans.__('Environment actions')
    );
    this._overview = new PanelOverview({
      model: options.overview,
      commands: options.commands,
      trans
    });
    // Between the toolbar and the sections, so its facts never scroll away.
    const layout = this.layout as PanelLayout;
    layout.insertWidget(layout.widgets.length - 1, this._overview);
    // The sections' accordion lays out its titles for its own height: when the overview
    // grows or shrinks, the accordion has to measure again or titles fall out of view.
    this._resizeObserver = new ResizeObserver(() => {
      if (this.isVisible) {
        MessageLoop.sendMessage(this.content, Widget.ResizeMessage.UnknownSize);
      }
    });
    this._resizeObserver.observe(this._overview.node);
    const accordion = this.content;
    if (accordion instanceof AccordionPanel) {
      accordion.expansionToggled.connect((_, index) =>
        makeRoom(accordion, index)
      );
    }
  }

  dispose(): void {
    this._resizeObserver.disconnect();
    super.dispose();
  }

  /** Put a command on the toolbar, as an icon button with the command's caption. */
  addToolbarButton(command: string, rank: number): void {
    const buttons = this._buttons.filter(b => !b.widget.isDisposed);
    const later = buttons.findIndex(b => b.rank > rank);
    const at = later === -1 ? buttons.length : later;
    const widget = new CommandToolbarButton({
      commands: this._commands,
      id: command,
      label: ''
    });
    buttons.splice(at, 0, { widget, rank });
    this._buttons = buttons;
    this.toolbar.insertItem(at, command, widget);
  }

  /** Move the keyboard focus into the panel: its next action, else the first control. */
  focusFirst(): void {
    this._overview.focus();
    if (!this.node.contains(document.activeElement)) {
      this.node.querySelector<HTMLElement>('button, [tabindex="0"]')?.focus();
    }
  }

  /**
   * Add a section; lower ranks come first, equal ranks in the order added. A `collapsed`
   * section shows only its header (with its status) until opened.
   */
  addSection(
    widget: Widget,
    rank: number,
    options?: { collapsed?: boolean }
  ): void {
    // A disposed section has left the panel already.
    const sections = this._sections.filter(s => !s.widget.isDisposed);
    const later = sections.findIndex(s => s.rank > rank);
    const at = later === -1 ? sections.length : later;
    sections.splice(at, 0, { widget, rank });
    this._sections = sections;
    this.insertWidget(at, widget);
    if (options?.collapsed) {
      this._collapse.add(widget);
      this._collapsePending();
    }
  }

  /**
   * Collapse the sections added closed. Lumino sizes an accordion's sections only once it
   * is in the page, so a section collapsed before that would keep a sliver of height.
   */
  private _collapsePending(): void {
    const content = this.content;
    if (!this.isAttached || !(content instanceof AccordionPanel)) {
      return;
    }
    for (const widget of this._collapse) {
      const index = this.widgets.indexOf(widget);
      if (index !== -1) {
        content.collapse(index);
      }
    }
    this._collapse.clear();
  }

  /** Open a section with room to be seen (the caller shows the panel), scrolled into view. */
  showSection(widget: Widget): void {
    const index = this.widgets.indexOf(widget);
    if (index !== -1 && this.content instanceof AccordionPanel) {
      openWithRoom(this.content, index);
      this.content.titles[index]?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** The section whose id ends with `-<name>` (`envfiles`, `build`, …), if there is one. */
  sectionNamed(name: string): Widget | null {
    return this.widgets.find(w => w.id === `jp-envbuilder-${name}`) ?? null;
  }

  /** The handshake runs when the panel is first shown, not on every Lab start. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.checkOnceVisible();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._collapsePending();
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

  /** Whether the first handshake has been asked for. */
  get checked(): boolean {
    return this._checked;
  }

  private readonly _handshake: HandshakeModel;
  private readonly _commands: JupyterFrontEnd['commands'];
  private readonly _overview: PanelOverview;
  private readonly _resizeObserver: ResizeObserver;
  private _buttons: { widget: Widget; rank: number }[] = [];
  /** Sections added closed, collapsed once the panel is in the page. */
  private readonly _collapse = new Set<Widget>();
  /** The sections with their ranks, in the order shown. */
  private _sections: { widget: Widget; rank: number }[] = [];
  private _checked = false;
}

export namespace EnvironmentPanel {
  export interface IOptions {
    handshake: HandshakeModel;
    overview: OverviewModel;
    commands: JupyterFrontEnd['commands'];
    trans: TranslationBundle;
  }
}
