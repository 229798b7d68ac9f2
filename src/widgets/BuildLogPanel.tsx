import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { explainFailure, IFailureExplanation } from '../buildlog/failures';
import { lazyPart } from '../components/LazyPart';
import {
  cacheHit,
  CurrentHeader,
  finalEvent,
  reachedPhase,
  RecordHeader
} from '../components/LogHeaders';
import { shortSha } from '../components/buildText';
import { IBuildRecord } from '../api/types';
import { BuildModel } from '../model/build';
import { FINISHED_RESULTS, IBuildState, withRecord } from '../model/buildState';
import { LogPages } from '../model/logPages';

// The log view (react-window, anser) is fetched when a log is first shown.
const LazyLogView = lazyPart(
  () => import('../components/LogView').then(module => module.LogView),
  trans => trans.__('The log view')
);

/**
 * A build log in the main area: the build under way (or last done), or one build of
 * the history. Failures are explained above the raw log. A build's record (one of the
 * history, or the last one shown after a reload) is read a page at a time, its end first.
 */
export class BuildLogPanel extends ReactWidget {
  constructor(options: BuildLogPanel.IOptions) {
    super();
    this._source = options.source;
    this._trans = options.trans;
    this._imageLabel = options.imageLabel;
    this.addClass('jp-EnvBuilder-logPanel');
    if (this._source.kind === 'current') {
      this._source.model.stateChanged.connect(this._onState, this);
      // The image's readable name comes from the history, read again after the build.
      this._source.model.history.changed.connect(this.update, this);
      this._onState();
    } else {
      this._source.pages.changed.connect(this._onPages, this);
      this._onPages();
    }
  }

  /** The history record shown, or null for the build under way. */
  get recordId(): string | null {
    return this._source.kind === 'record'
      ? (this._source.pages.record?.id ?? null)
      : null;
  }

  /** Scroll to a line (0-based) and mark it. */
  reveal(line: number): void {
    this._reveal = { line, token: (this._reveal?.token ?? 0) + 1 };
    this.update();
  }

  dispose(): void {
    Signal.clearData(this);
    super.dispose();
  }

  /**
   * A log in a background tab is not drawn while a build changes it many times a second:
   * once as hidden (its view then stops following the log), and again when shown.
   */
  protected onUpdateRequest(msg: Message): void {
    if (!this.isVisible && this._drawnShown === false) {
      return;
    }
    this._drawnShown = this.isVisible;
    super.onUpdateRequest(msg);
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.update();
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.update();
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const source = this._source;
    const pages = this._shownPages;
    const log = pages?.log ?? (source as { model: BuildModel }).model.log;
    const sha =
      source.kind === 'current'
        ? source.model.state.sha
        : (source.pages.record?.ref ?? null);
    return (
      <div className="jp-EnvBuilder-logPanelBody">
        {source.kind === 'current' ? (
          <CurrentHeader
            {...this._currentState()}
            trans={trans}
            imageLabel={this._imageLabel}
            onShowLine={line => this.reveal(line)}
          />
        ) : (
          <RecordHeader
            pages={source.pages}
            explanation={this._explanation()}
            trans={trans}
            imageLabel={this._imageLabel}
            onShowLine={line => this.reveal(line)}
          />
        )}
        <LazyLogView
          loading={
            <p className="jp-EnvBuilder-muted">
              {trans.__('Loading the log view…')}
            </p>
          }
          log={log}
          trans={trans}
          fileName={`build-${shortSha(sha) || 'log'}.txt`}
          onCopy={text => Clipboard.copyToSystem(text)}
          reveal={this._reveal}
          live={source.kind === 'current' && source.model.busy}
          pages={pages}
          shown={this.isVisible}
        />
      </div>
    );
  }

  /** The state of the build shown, and why it failed, read from its pages when paged. */
  private _currentState(): {
    state: IBuildState;
    explanation: IFailureExplanation | null;
  } {
    const model = (this._source as { model: BuildModel }).model;
    if (!this._pages) {
      return { state: model.state, explanation: model.explanation };
    }
    const state = withRecord(
      model.state,
      this._pages.events,
      this._trans.__.bind(this._trans)
    );
    // A build shown after a reload has no phase of its own: its events tell.
    const phase = state.phase ?? reachedPhase(this._pages);
    return {
      state: { ...state, phase, cacheHit: cacheHit(this._pages) },
      explanation: this._explanation()
    };
  }

  /** Why the paged build failed, from the lines read; null when it did not fail. */
  private _explanation(): IFailureExplanation | null {
    const pages = this._shownPages;
    if (!pages || !this._failed()) {
      return null;
    }
    return explainFailure(
      pages.log.plainLines,
      finalEvent(pages),
      this._trans.__.bind(this._trans)
    );
  }

  /**
   * The pages of the build shown when it is read from its record (a build of the history,
   * or the last one shown after a reload); null for a build followed here.
   */
  private get _shownPages(): LogPages | null {
    return this._source.kind === 'current' ? this._pages : this._source.pages;
  }

  /** Whether the build shown failed (or was interrupted). */
  private _failed(): boolean {
    const source = this._source;
    return source.kind === 'current'
      ? source.model.state.stage === 'failed'
      : FINISHED_RESULTS[source.pages.record?.result ?? ''] === 'failed';
  }

  /** The build shown changed: a history build shown after a reload is read a page at a time. */
  private _onState(): void {
    const model = (this._source as { model: BuildModel }).model;
    const id = model.shownRecord;
    if (id !== this._pagesId) {
      this._pages?.changed.disconnect(this._onPages, this);
      this._pagesId = id;
      this._pages = id
        ? new LogPages(
            page => model.record(id, page),
            this._trans.__.bind(this._trans)
          )
        : null;
      this._pages?.changed.connect(this._onPages, this);
      // A failure shows in the line above the log, with Try again.
      void this._pages?.open().catch(() => undefined);
    }
    this.update();
  }

  /**
   * A page came (or a read started or failed). A failed build whose lines read so far name
   * no cause is read whole, so that the explanation above the log stays true.
   */
  private _onPages(): void {
    this.update();
    const pages = this._shownPages;
    if (
      pages?.record &&
      !pages.whole &&
      pages.activity === null &&
      pages.error === null &&
      this._failed() &&
      this._explanation() === null
    ) {
      void pages.loadRest();
    }
  }

  private readonly _source: BuildLogPanel.Source;
  /** Whether it was last drawn shown; null before its first drawing. */
  private _drawnShown: boolean | null = null;
  private _pages: LogPages | null = null;
  private _pagesId: string | null = null;
  private readonly _trans: TranslationBundle;
  private readonly _imageLabel: (image: string) => string;
  private _reveal: { line: number; token: number } | null = null;
}

/** The last page of a build record, for its log document; throws when it cannot be read. */
export async function openRecordPages(
  model: BuildModel,
  id: string,
  trans: TranslationBundle
): Promise<{ pages: LogPages; record: IBuildRecord }> {
  const pages = new LogPages(
    page => model.record(id, page),
    trans.__.bind(trans)
  );
  return { pages, record: await pages.open() };
}

export namespace BuildLogPanel {
  export type Source =
    | { kind: 'current'; model: BuildModel }
    /** A record of the history, its last page read (`LogPages.open`). */
    | { kind: 'record'; pages: LogPages };

  export interface IOptions {
    source: Source;
    trans: TranslationBundle;
    /** An image in words ("environment/ · snapshot d099dfd"); the full name is copied. */
    imageLabel: (image: string) => string;
  }
}
