import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { EnvironmentFileName } from '../envfiles';
import { EnvFilesModel } from '../model/envfiles';
import { EnvironmentsModel } from '../model/environments';
import { IFilePosition } from '../components/EnvFileProblems';
import { IFact } from '../model/overview';
import { LazySection } from './LazySection';
import { SectionStatus } from './SectionStatus';

type View = typeof import('../components/EnvFilesView');

/**
 * The "Environment files" section of the Environment panel. It looks at the
 * folder only while shown, so nothing polls while the section or panel is hidden;
 * its view loads when the section is first seen (its status is in the header before).
 */
export class EnvFilesSection extends LazySection<View> {
  constructor(options: EnvFilesSection.IOptions) {
    super(options.trans);
    this._model = options.model;
    this._trans = options.trans;
    this._open = options.open;
    this.id = 'jp-envbuilder-envfiles';
    this.addClass('jp-EnvBuilder-section');
    this.title.label = options.trans.__('Environment files');
    this.toolbar = new SectionStatus(options.trans);
    this._model.stateChanged.connect(this._onModelChanged, this);
    this._model.problemsChanged.connect(this._onModelChanged, this);
    this._model.activityChanged.connect(this._onModelChanged, this);
    this._environments = options.environments ?? null;
    this._environments?.changed.connect(this._onModelChanged, this);
  }

  /** The folder's problems in the section header. */
  readonly toolbar: SectionStatus;

  dispose(): void {
    this.toolbar.dispose();
    Signal.clearData(this);
    super.dispose();
  }

  protected render(): JSX.Element | null {
    this.toolbar.set(this._status());
    return super.render();
  }

  protected load(): Promise<View> {
    return import('../components/EnvFilesView');
  }

  protected renderLoaded({ EnvFilesView }: View): JSX.Element {
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
        dryRun={this._environments?.runningBuild?.result === 'dry-run'}
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

  /** The folder in a few words: missing, or how many problems it has. */
  private _status(): IFact | null {
    const trans = this._trans;
    switch (this._model.state.kind) {
      case 'loading':
        return null;
      case 'missing':
        return { text: trans.__('No folder yet'), tone: 'warning' };
      case 'ready':
        break;
      default:
        return { text: trans.__('Not readable'), tone: 'error' };
    }
    const problems = this._model.problems;
    const errors = problems.filter(p => p.severity === 'error').length;
    const warnings = problems.filter(p => p.severity === 'warning').length;
    if (errors > 0) {
      return {
        text: trans._n('%1 problem', '%1 problems', errors),
        tone: 'error'
      };
    }
    if (warnings > 0) {
      return {
        text: trans._n('%1 warning', '%1 warnings', warnings),
        tone: 'warning'
      };
    }
    return { text: trans.__('No problems'), tone: 'ok' };
  }

  private _onModelChanged(): void {
    this.update();
  }

  /** Open a file, relative to the server root, in the editor. */
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
