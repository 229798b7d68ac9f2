import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { EnvFilesView } from '../components/EnvFilesView';
import { EnvironmentFileName } from '../envfiles';
import { EnvFilesModel } from '../model/envfiles';
import { EnvironmentsModel } from '../model/environments';
import { IFilePosition } from '../components/EnvFileProblems';

/**
 * The "Environment files" section of the Environment panel. It looks at the
 * folder only while shown, so nothing polls while the section or panel is hidden.
 */
export class EnvFilesSection extends ReactWidget {
  constructor(options: EnvFilesSection.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this._open = options.open;
    this.id = 'jp-envbuilder-envfiles';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Environment files');
    this._model.stateChanged.connect(this._onModelChanged, this);
    this._model.problemsChanged.connect(this._onModelChanged, this);
    this._model.activityChanged.connect(this._onModelChanged, this);
    this._environments = options.environments ?? null;
    this._environments?.changed.connect(this._onModelChanged, this);
  }

  dispose(): void {
    Signal.clearData(this);
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <EnvFilesView
        model={this._model}
        trans={this._trans}
        idPrefix={this.id}
        onOpen={(path, position) =>
          this._openFile(this._model.serverPath(path), position)
        }
        onCreate={name => void this._create(name)}
        differs={
          this._model.state.kind === 'ready'
            ? (this._environments?.changedSinceStart ?? null)
            : null
        }
      />
    );
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._model.setActive(true);
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._model.setActive(false);
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    // Attached into a panel that is already shown: no "after show" follows.
    if (this.isVisible) {
      this._model.setActive(true);
    }
  }

  protected onBeforeDetach(msg: Message): void {
    this._model.setActive(false);
    super.onBeforeDetach(msg);
  }

  /** Open a file, relative to the server root, in the editor. */
  private _onModelChanged(): void {
    this.update();
  }

  private _openFile(path: string, position?: IFilePosition): void {
    this._open(path, position).catch(reason => {
      console.error(`jupyterlab-envbuilder: could not open ${path}`, reason);
    });
  }

  /** Create the file and open it, the next step being to edit it. */
  private async _create(name: EnvironmentFileName): Promise<void> {
    const outcome = await this._model.create(name);
    if (outcome.kind === 'created') {
      this._openFile(outcome.serverPath);
    }
  }

  private readonly _model: EnvFilesModel;
  private readonly _trans: TranslationBundle;
  private readonly _open: EnvFilesSection.Opener;
  private readonly _environments: EnvironmentsModel | null;
}

export namespace EnvFilesSection {
  /** Opens a file (relative to the server root) in the editor, at a 1-based position. */
  export type Opener = (
    path: string,
    position?: IFilePosition
  ) => Promise<void>;

  export interface IOptions {
    model: EnvFilesModel;
    trans: TranslationBundle;
    open: Opener;
    /** The environment history, which knows whether the folder changed since the start. */
    environments?: EnvironmentsModel | null;
  }
}
