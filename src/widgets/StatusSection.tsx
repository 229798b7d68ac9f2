import { JupyterFrontEnd } from '@jupyterlab/application';
import { TranslationBundle } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import type { EnvironmentsView } from '../components/EnvironmentsView';
import type { HandshakeView } from '../components/HandshakeView';
import { EnvironmentsModel } from '../model/environments';
import {
  HandshakeModel,
  HandshakeState,
  storeBlocksBuild
} from '../model/handshake';
import { IFact } from '../model/overview';
import { CommandIDs } from '../tokens';
import { LazySection } from './LazySection';
import { SectionStatus } from './SectionStatus';

interface IViews {
  HandshakeView: typeof HandshakeView;
  EnvironmentsView: typeof EnvironmentsView;
}

/** The handshake in a few words, for the section header. */
export function handshakeStatus(
  state: HandshakeState,
  trans: TranslationBundle
): IFact {
  switch (state.kind) {
    case 'loading':
      return { text: trans.__('Checking'), tone: 'busy' };
    case 'ready': {
      const { build, restart } = state.handshake.capabilities;
      const unavailable = [build, restart].filter(c => !c.available);
      // What a Binder does not offer is not a problem: there is no one to fix it.
      const binder = unavailable.filter(c => c.code === 'binderSession');
      // A missing store only loses sharing; one that does not answer stops builds.
      const off =
        unavailable.length -
        binder.length +
        (storeBlocksBuild(state.handshake) ? 1 : 0);
      if (off === 0 && binder.length > 0) {
        return { text: trans.__('Binder session'), tone: 'info' };
      }
      return off === 0
        ? { text: trans.__('Ready'), tone: 'ok' }
        : {
            text: trans._n('%1 problem', '%1 problems', off),
            tone: 'warning'
          };
    }
    default:
      return { text: trans.__('Not working'), tone: 'error' };
  }
}

/**
 * The "Server and hub" section: what the handshake found, and the images this server ran on,
 * each with a restart when the restart feature is there and the hub allows it. Its header
 * says the handshake's state from the start; the views load when the section is first seen
 * or the handshake has answered.
 */
export class StatusSection extends LazySection<IViews> {
  constructor(options: StatusSection.IOptions) {
    super(options.trans);
    this._handshake = options.handshake;
    this._environments = options.environments;
    this._commands = options.commands;
    this.id = 'jp-envbuilder-status';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Server and hub');
    this.toolbar = new SectionStatus(options.trans);
    this._onHandshake();
    this._handshake.changed.connect(this._onHandshake, this);
    this._handshake.changed.connect(this.update, this);
    this._environments.changed.connect(this.update, this);
    this._commands.commandChanged.connect(this._onCommand, this);
  }

  /** The handshake's state in the section header. */
  readonly toolbar: SectionStatus;

  dispose(): void {
    this.toolbar.dispose();
    Signal.clearData(this);
    this._commands.commandChanged.disconnect(this._onCommand, this);
    super.dispose();
  }

  protected async load(): Promise<IViews> {
    const [{ HandshakeView }, { EnvironmentsView }] = await Promise.all([
      import('../components/HandshakeView'),
      import('../components/EnvironmentsView')
    ]);
    return { HandshakeView, EnvironmentsView };
  }

  protected renderLoaded(views: IViews): JSX.Element {
    const { HandshakeView, EnvironmentsView } = views;
    const handshake = this._handshake;
    const restartId = CommandIDs.restartIntoImage;
    const canRestart =
      this._commands.hasCommand(restartId) &&
      handshake.handshake?.capabilities.restart.available === true;
    return (
      <>
        <HandshakeView
          state={handshake.state}
          frontendVersion={handshake.frontendVersion}
          onRefresh={() => void handshake.refresh()}
          trans={this.trans}
        />
        <EnvironmentsView
          model={this._environments}
          onRestart={
            canRestart
              ? image => void this._commands.execute(restartId, { image })
              : null
          }
          trans={this.trans}
        />
      </>
    );
  }

  /**
   * The header follows the handshake. Once it has answered, the views load even while the
   * section is folded: the handshake runs when the panel is first shown, never at Lab's start,
   * and what it found (e.g. the image) is then in the page.
   */
  private _onHandshake(): void {
    const state = this._handshake.state;
    this.toolbar.set(handshakeStatus(state, this.trans));
    if (state.kind !== 'loading') {
      this.ensureLoaded().catch(() => undefined);
    }
  }

  /** The restart feature may come or go after the section is drawn. */
  private _onCommand(_: unknown, change: { id?: string }): void {
    if (change.id === CommandIDs.restartIntoImage || change.id === undefined) {
      this.update();
    }
  }

  private readonly _handshake: HandshakeModel;
  private readonly _environments: EnvironmentsModel;
  private readonly _commands: JupyterFrontEnd['commands'];
}

export namespace StatusSection {
  export interface IOptions {
    handshake: HandshakeModel;
    environments: EnvironmentsModel;
    /** The application's commands, for the restart feature's command. */
    commands: JupyterFrontEnd['commands'];
    trans: TranslationBundle;
  }
}
