import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { OverviewView } from '../components/OverviewView';
import { INextAction, OverviewModel } from '../model/overview';
import { CommandIDs } from '../tokens';

/** The command, with its arguments, that carries out a next action. */
export function commandOf(action: INextAction): {
  id: string;
  args: Record<string, string>;
} {
  switch (action.kind) {
    case 'check':
      return { id: CommandIDs.refreshStatus, args: {} };
    case 'showLog':
      return {
        id: CommandIDs.showBuildLog,
        args: action.record ? { id: action.record } : {}
      };
    case 'build':
      return { id: CommandIDs.build, args: {} };
    case 'restart':
      return {
        id: CommandIDs.restartIntoImage,
        args: { image: action.image ?? '' }
      };
    case 'section':
      return {
        id: CommandIDs.showSection,
        args: { section: action.section ?? '' }
      };
  }
}

/**
 * The top of the Environment panel, always in view above the sections: the running
 * environment, the folder, the last build and the one next action.
 */
export class PanelOverview extends ReactWidget {
  constructor(options: PanelOverview.IOptions) {
    super();
    this._model = options.model;
    this._commands = options.commands;
    this._trans = options.trans;
    this.addClass('jp-EnvBuilder-overviewWidget');
    this._model.changed.connect(this.update, this);
    this._commands.commandChanged.connect(this.update, this);
  }

  dispose(): void {
    Signal.clearData(this);
    this._commands.commandChanged.disconnect(this.update, this);
    super.dispose();
  }

  /**
   * Move the keyboard focus to the next action, or to the first control there is. Before
   * the first check there is no next action yet: it takes the focus when it appears, unless
   * the user has moved the focus out of the panel meanwhile.
   */
  focus(): void {
    const next = this._nextAction();
    this._focusNextPending = next === null;
    (next ?? this.node.querySelector<HTMLElement>('button'))?.focus();
  }

  protected onUpdateRequest(msg: Message): void {
    super.onUpdateRequest(msg);
    if (this._focusNextPending) {
      void this.renderPromise?.then(() => this._focusNextWhenThere());
    }
  }

  private _nextAction(): HTMLButtonElement | null {
    return this.node.querySelector<HTMLButtonElement>(
      '[data-testid="envbuilder-next-action"]'
    );
  }

  private _focusNextWhenThere(): void {
    const next = this._nextAction();
    if (!this._focusNextPending || next === null || next.disabled) {
      return;
    }
    this._focusNextPending = false;
    const panel = this.parent?.node ?? this.node;
    const active = document.activeElement;
    if (active === null || active === document.body || panel.contains(active)) {
      next.focus();
    }
  }

  protected render(): JSX.Element {
    const overview = this._model.overview;
    const next = overview.next;
    const command = next ? commandOf(next) : null;
    const commands = this._commands;
    return (
      <OverviewView
        overview={overview}
        trans={this._trans}
        nextEnabled={
          command !== null &&
          commands.hasCommand(command.id) &&
          commands.isEnabled(command.id, command.args)
        }
        onNext={action => {
          const { id, args } = commandOf(action);
          void commands.execute(id, args).catch(reason => {
            console.error(`jupyterlab-envbuilder: ${id} failed`, reason);
          });
        }}
        onCopy={text => Clipboard.copyToSystem(text)}
      />
    );
  }

  /** The panel was opened for the keyboard before the next action existed. */
  private _focusNextPending = false;
  private readonly _model: OverviewModel;
  private readonly _commands: JupyterFrontEnd['commands'];
  private readonly _trans: TranslationBundle;
}

export namespace PanelOverview {
  export interface IOptions {
    model: OverviewModel;
    commands: JupyterFrontEnd['commands'];
    trans: TranslationBundle;
  }
}
