import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { BuildView } from '../components/BuildView';
import { buildWords } from '../components/handshakeText';
import { BuildModel } from '../model/build';
import { HandshakeModel } from '../model/handshake';
import { CommandIDs } from '../tokens';

/** The log tail in the panel is redrawn at most this often while a build prints. */
const TAIL_INTERVAL = 250;

/**
 * The Build section of the Environment panel. Its buttons run commands, so the
 * command palette, menus and this section do the same thing.
 */
export class BuildSection extends ReactWidget {
  constructor(options: BuildSection.IOptions) {
    super();
    this._model = options.model;
    this._commands = options.commands;
    this._handshake = options.handshake ?? null;
    this._trans = options.trans;
    this.id = 'jp-envbuilder-build';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Build');
    this._model.stateChanged.connect(this.update, this);
    this._model.history.changed.connect(this.update, this);
    this._model.log.changed.connect(this._onLog, this);
    this._handshake?.changed.connect(this.update, this);
    this._commands.commandChanged.connect(this._onCommand, this);
  }

  dispose(): void {
    window.clearTimeout(this._tailTimer);
    Signal.clearData(this);
    this._commands.commandChanged.disconnect(this._onCommand, this);
    super.dispose();
  }

  protected render(): JSX.Element {
    const commands = this._commands;
    const execute = (id: string, args?: Record<string, any>) =>
      void commands.execute(id, args).catch(reason => {
        console.error(`jupyterlab-envbuilder: ${id} failed`, reason);
      });
    const restartId = CommandIDs.restartIntoImage;
    const image = this._model.state.imageName ?? '';
    return (
      <BuildView
        model={this._model}
        trans={this._trans}
        unavailable={this._unavailable()}
        restart={{
          exists: commands.hasCommand(restartId),
          enabled:
            commands.hasCommand(restartId) &&
            commands.isEnabled(restartId, { image })
        }}
        onBuild={() => execute(CommandIDs.build)}
        onStopWatching={() => this._model.stopWatching()}
        onWatchAgain={() => void this._model.watchAgain()}
        onShowLog={line =>
          execute(CommandIDs.showBuildLog, line === undefined ? {} : { line })
        }
        onShowRecord={build =>
          execute(CommandIDs.showBuildLog, { id: build.id })
        }
        onRestart={image => execute(restartId, { image })}
        onRefreshHistory={() => void this._model.refreshHistory()}
        onCopy={text => Clipboard.copyToSystem(text)}
        idPrefix={this.id}
      />
    );
  }

  /** New builds may have finished since the section was last open; the log is seen. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (!this._model.busy) {
      void this._model.refreshHistory({ shared: true });
    }
    void this._model.showLog();
  }

  /** Why the handshake says there is no build service; null while unknown or available. */
  private _unavailable(): string | null {
    const answer = this._handshake?.handshake;
    const build = answer?.capabilities.build;
    if (!answer || !build || build.available) {
      return null;
    }
    return this._trans.__(
      'No build service: %1 (see "Server and hub" above for the setting an administrator needs).',
      buildWords(build, answer.settings, this._trans).summary
    );
  }

  private _onLog(): void {
    if (this._tailTimer === 0) {
      this._tailTimer = window.setTimeout(() => {
        this._tailTimer = 0;
        this.update();
      }, TAIL_INTERVAL);
    }
  }

  private _onCommand(_: unknown, change: { id?: string }): void {
    if (change.id === CommandIDs.restartIntoImage || change.id === undefined) {
      this.update();
    }
  }

  private readonly _model: BuildModel;
  private readonly _commands: JupyterFrontEnd['commands'];
  private readonly _handshake: HandshakeModel | null;
  private readonly _trans: TranslationBundle;
  private _tailTimer = 0;
}

export namespace BuildSection {
  export interface IOptions {
    model: BuildModel;
    /** The application's commands: Build, the log, and the restart command if any. */
    commands: JupyterFrontEnd['commands'];
    /** Says whether there is a build service at all. */
    handshake?: HandshakeModel | null;
    trans: TranslationBundle;
  }
}
