import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { PromiseDelegate } from '@lumino/coreutils';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { LoadFailed } from '../components/LazyPart';

/** A load's outcome: a failed one is said in the section; callers that wait see the rejection. */
function loadDelegate<T>(): PromiseDelegate<T> {
  const delegate = new PromiseDelegate<T>();
  delegate.promise.catch(() => undefined);
  return delegate;
}

/**
 * A section of the Environment panel whose view loads the first time the section is seen,
 * not with JupyterLab: a folded section shows only its header, and a hidden panel draws
 * its sections too. Subclasses say what to load (an `import()`) and how to draw it.
 */
export abstract class LazySection<T> extends ReactWidget {
  constructor(protected readonly trans: TranslationBundle) {
    super();
  }

  /**
   * What `load` gives, loading it now if the section has not been seen yet (a command may
   * need it before the panel has drawn the section).
   */
  ensureLoaded(): Promise<T> {
    this._start();
    return this._loaded.promise;
  }

  /** The view's code (and whatever it needs), asked for once. */
  protected abstract load(): Promise<T>;

  /** The view, once loaded. */
  protected abstract renderLoaded(loaded: T): JSX.Element | null;

  protected render(): JSX.Element | null {
    const state = this._state;
    switch (state.kind) {
      case 'unseen':
        return null;
      case 'loading':
        return (
          <p className="jp-EnvBuilder-muted">{this.trans.__('Loading…')}</p>
        );
      case 'failed':
        return (
          <LoadFailed
            what={this.trans.__('This section')}
            reason={state.reason}
            trans={this.trans}
            onRetry={() => this._retry()}
            focus={this._retried}
          />
        );
      case 'loaded':
        return this.renderLoaded(state.value);
    }
  }

  /**
   * Attached to a panel that is open already. Looked at once the attach is over: the panel
   * folds the sections added closed after its children have been attached.
   */
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    void Promise.resolve().then(() => {
      if (this.isVisible) {
        this._start();
      }
    });
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._start();
  }

  private _start(): void {
    if (this._state.kind !== 'unseen') {
      return;
    }
    this._state = { kind: 'loading' };
    this.load().then(
      value => {
        this._state = { kind: 'loaded', value };
        this.update();
        this._loaded.resolve(value);
      },
      (reason: unknown) => {
        console.error(
          'A section of the Environment panel did not load',
          reason
        );
        this._state = { kind: 'failed', reason };
        this.update();
        this._loaded.reject(reason);
      }
    );
    this.update();
  }

  /** Ask for the code again; callers that waited for the failed load have had their answer. */
  private _retry(): void {
    this._state = { kind: 'unseen' };
    this._loaded = loadDelegate<T>();
    this._retried = true;
    this._start();
  }

  private _state:
    | { kind: 'unseen' | 'loading' }
    | { kind: 'failed'; reason: unknown }
    | { kind: 'loaded'; value: T } = {
    kind: 'unseen'
  };
  private _loaded = loadDelegate<T>();
  private _retried = false;
}
