import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { buildOffReason, noAnswerReason } from '../components/buildOff';
import { BuildView } from '../components/BuildView';
import { BuildModel } from '../model/build';
import { binderWithoutBuild } from '../model/handshake';
import { IFact } from '../model/overview';
import { CommandIDs, IEnvBuilder } from '../tokens';
import { SectionStatus } from './SectionStatus';

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
    this._core = options.core;
    this._trans = options.trans;
    this.id = 'jp-envbuilder-build';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Build');
    this.toolbar = new SectionStatus(options.trans);
    this._model.stateChanged.connect(this.update, this);
    this._model.history.changed.connect(this.update, this);
    this._model.log.changed.connect(this._onLog, this);
    this._core.handshake.changed.connect(this.update, this);
    this._core.environments.changed.connect(this.update, this);
    this._core.saved.changed.connect(this.update, this);
    this._commands.commandChanged.connect(this._onCommand, this);
  }

  /** The build's state in the section header. */
  readonly toolbar: SectionStatus;

  dispose(): void {
    window.clearTimeout(this._tailTimer);
    this.toolbar.dispose();
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
    const unavailable = this._unavailable();
    this.toolbar.set(this._status(unavailable));
    const core = this._core;
    return (
      <BuildView
        model={this._model}
        trans={this._trans}
        unavailable={unavailable}
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
        showHistory={this._shownBefore || this.isVisible}
        packages={{
          model: core.packages,
          saved: core.saved.environments ?? [],
          onOpen: () => {
            if (!core.saved.environments) {
              void core.saved.refresh();
            }
          },
          idPrefix: `${this.id}-history`
        }}
        onCopy={text => Clipboard.copyToSystem(text)}
        imageLabel={core.imageLabel}
        idPrefix={this.id}
      />
    );
  }

  /**
   * New builds may have finished since the section was last open (the first look shares
   * the history's first answer); the log is seen.
   */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (!this._shownBefore) {
      void this._model.history.load();
    } else if (!this._model.busy) {
      void this._model.refreshHistory({ shared: true });
    }
    if (!this._shownBefore) {
      this._shownBefore = true;
      // The history is drawn from the first look on.
      this.update();
    }
    void this._model.showLog();
  }

  /** Why Build is off before the files are looked at; null while unknown or possible. */
  private _unavailable(): string | null {
    const core = this._core;
    return (
      noAnswerReason(core.handshake.state, this._trans) ??
      buildOffReason(
        core.handshake.handshake,
        core.environments.environments,
        this._trans
      )
    );
  }

  /** A few words for the header: the build under way or last done, or why it is off. */
  private _status(unavailable: string | null): IFact | null {
    const trans = this._trans;
    const state = this._model.state;
    if (state.stage === 'confirming') {
      return { text: trans.__('Waiting for you'), tone: 'info' };
    }
    if (this._model.busy) {
      return { text: trans.__('Building'), tone: 'busy' };
    }
    switch (state.stage) {
      case 'failed':
        return { text: trans.__('Build failed'), tone: 'error' };
      case 'blocked':
        return { text: trans.__('Not built'), tone: 'warning' };
      case 'ready':
        // A dry run made no image: nothing is ready to run.
        return state.dryRun
          ? { text: trans.__('Dry run done'), tone: 'info' }
          : state.cacheHit
            ? { text: trans.__('Ready (cache hit)'), tone: 'ok' }
            : { text: trans.__('Ready'), tone: 'ok' };
    }
    if (unavailable) {
      // A Binder session has no build service by design: nothing is wrong.
      return {
        text: trans.__('Off'),
        tone: binderWithoutBuild(this._core.handshake.handshake)
          ? 'info'
          : 'warning'
      };
    }
    return null;
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
  private readonly _core: IEnvBuilder;
  private readonly _trans: TranslationBundle;
  private _tailTimer = 0;
  private _shownBefore = false;
}

export namespace BuildSection {
  export interface IOptions {
    model: BuildModel;
    /** The application's commands: Build, the log, and the restart command if any. */
    commands: JupyterFrontEnd['commands'];
    /**
     * The panel's core: whether there is a build service and a folder to build, and the
     * words for images.
     */
    core: IEnvBuilder;
    trans: TranslationBundle;
  }
}
