/**
 * The Sources section's state: what the user pasted, what it means, and a build of it.
 * No React and no JupyterLab here; the build is injected so tests can drive it.
 */
import { ISignal, Signal } from '@lumino/signaling';

import { DoiProvider, readSource, SourceResult } from '../sources';

export class SourcesModel {
  constructor(options: SourcesModel.IOptions) {
    this._buildSpec = options.buildSpec;
  }

  /** Emitted when the input, what it means, or the build changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get text(): string {
    return this._text;
  }

  get ref(): string {
    return this._ref;
  }

  /** What the input means; null while nothing is entered. */
  get result(): SourceResult | null {
    return this._result;
  }

  /**
   * Whether the input is a DOI whose registrant names no archive BinderHub knows by its
   * prefix: the user picks the archive (`setDoiProvider`).
   */
  get asksArchive(): boolean {
    return this._asksArchive;
  }

  /** The archive picked for such a DOI; null until picked. */
  get doiProvider(): DoiProvider | null {
    return this._doiProvider;
  }

  setDoiProvider(provider: DoiProvider | null): void {
    this._doiProvider = provider;
    this.setInput(this._text, this._ref);
  }

  /** The spec being built from this section, or null. */
  get building(): string | null {
    return this._building;
  }

  setInput(text: string, ref: string): void {
    this._text = text;
    this._ref = ref;
    let result = text.trim() || ref.trim() ? readSource(text, { ref }) : null;
    // The pick applies only where it is needed: a Zenodo DOI stays Zenodo's.
    this._asksArchive =
      result?.ok === false &&
      result.errors.some(error => error.code === 'doiRegistrantUnknown');
    if (this._asksArchive && this._doiProvider) {
      result = readSource(text, { ref, doiProvider: this._doiProvider });
    }
    this._result = result;
    this._changed.emit();
  }

  /** Build what the input means; does nothing while it means nothing buildable. */
  async build(): Promise<void> {
    const result = this._result;
    if (!result?.ok || this._building || !this._buildSpec) {
      return;
    }
    this._building = result.value.spec;
    this._changed.emit();
    try {
      await this._buildSpec(result.value.spec);
    } finally {
      this._building = null;
      this._changed.emit();
    }
  }

  /** Whether this section can build (the build plugin is there). */
  get canBuild(): boolean {
    return this._buildSpec !== null;
  }

  private readonly _buildSpec: ((spec: string) => Promise<void>) | null;
  private _text = '';
  private _ref = '';
  private _result: SourceResult | null = null;
  private _asksArchive = false;
  private _doiProvider: DoiProvider | null = null;
  private _building: string | null = null;
  private readonly _changed = new Signal<this, void>(this);
}

export namespace SourcesModel {
  export interface IOptions {
    /** Starts the build through the Build section (`IEnvBuild.buildSpec`); null without one. */
    buildSpec: ((spec: string) => Promise<void>) | null;
  }
}
