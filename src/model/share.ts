import { ISignal, Signal } from '@lumino/signaling';

import { IGitInfo } from '../api/types';
import {
  binderBadgeImage,
  buildLaunchLink,
  ILaunchLink,
  ILaunchLinkRequest,
  ILinkError,
  JUPYTERHUB_BADGE_IMAGE,
  LaunchEnvironment,
  LinkField,
  LinkResult
} from '../links';
import { noTranslation, Translate } from '../translate';
import { HandshakeModel } from './handshake';
import { errorText } from './errorText';
import { BuildHistoryModel } from './history';
import {
  cloneWarnings,
  hubAddress,
  httpsRemote,
  IShareWarning
} from './shareClone';
import {
  BuildHistoryState,
  contentOf,
  EnvironmentChoice,
  GitState,
  IEnvironmentOption,
  IShareForm,
  launchEnvironment,
  studentSteps,
  unavailableReason
} from './shareForm';

export type {
  BuildHistoryState,
  EnvironmentChoice,
  GitState,
  IEnvironmentOption,
  IShareForm
} from './shareForm';

export type GitInfoFetcher = (path: string) => Promise<IGitInfo>;

const ENVIRONMENT_FIELDS: LinkField[] = [
  'environment',
  'image',
  'imageOptions',
  'hubVersion'
];

/**
 * The Share section's state: the form, the notebook's clone, the build history's images, and
 * the launch link built from them (or every problem with the input). Emits `changed` on any
 * change; views only read it and call `update`.
 */
export class ShareModel {
  constructor(options: ShareModel.IOptions) {
    this._handshake = options.handshake;
    this._fetchGitInfo = options.fetchGitInfo;
    this._history = options.history;
    this._trans = options.trans ?? noTranslation;
    this._origin = options.origin;
    this._handshake.changed.connect(this._onHandshake, this);
    this._history.changed.connect(this._onHistory, this);
    this._applyDefaults();
    this._result = this._build();
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get form(): Readonly<IShareForm> {
    return this._form;
  }

  get git(): GitState {
    return this._git;
  }

  /** The images of the build history that a link can name. */
  get builds(): BuildHistoryState {
    const state = this._history.state;
    switch (state.kind) {
      case 'ready':
        return { kind: 'ready', images: this._history.offered };
      case 'unavailable':
        return {
          kind: 'unavailable',
          message: errorText(state.error, this._trans)
        };
      default:
        return state;
    }
  }

  /** The launch link, or every problem with the input. */
  get result(): LinkResult<ILaunchLink> {
    return this._result;
  }

  /** Nothing to share yet: no notebook chosen and no content typed in. */
  get pristine(): boolean {
    const { repo, branch, path } = this._form;
    return this._git.kind === 'none' && !repo && !branch && !path;
  }

  /** The problems with these fields, to show next to them (none while pristine). */
  errors(...fields: LinkField[]): string[] {
    if (this._result.ok || this.pristine) {
      return [];
    }
    return this._result.errors
      .filter(error => fields.includes(error.field))
      .map(error => error.message);
  }

  /** The four environment choices, and why one cannot be used. */
  get environmentOptions(): IEnvironmentOption[] {
    return (['default', 'current', 'build', 'repository'] as const).map(
      choice => {
        const reason = this._unavailable(choice);
        return reason === null
          ? { choice, available: true }
          : { choice, available: false, reason };
      }
    );
  }

  /** The image this server runs on, as the spawner tells it. */
  get currentImage(): string | null {
    return this._handshake.handshake?.image ?? null;
  }

  /** The badge's image for the chosen kind of link. */
  get badgeImageUrl(): string {
    const environment = this._environment();
    return environment.kind === 'repository'
      ? binderBadgeImage(environment.binderUrl)
      : JUPYTERHUB_BADGE_IMAGE;
  }

  /** The badge's text, as in the snippets. */
  get badgeAlt(): string {
    return this._environment().kind === 'repository'
      ? this._trans('Launch Binder')
      : this._trans('Launch on JupyterHub');
  }

  /** What in the notebook's clone students would not get. */
  get warnings(): IShareWarning[] {
    return this._git.kind === 'ready'
      ? cloneWarnings(this._git.info, this._git.convertedFrom, this._trans)
      : [];
  }

  /** What a student sees, step by step in plain words; null while there is no link. */
  get summary(): string[] | null {
    if (!this._result.ok) {
      return null;
    }
    const steps = studentSteps(this._form, this._environment(), this._trans);
    const dryRun =
      this._form.environment === 'build' &&
      this._history.offered.some(
        built => built.image === this._form.buildImage && built.dryRun
      );
    return steps && dryRun
      ? [
          ...steps,
          this._trans(
            'No image was built under the name %1 (dry run): a spawner that pulls images cannot start it.',
            this._form.buildImage
          )
        ]
      : steps;
  }

  /** Change some fields of the form. */
  update(patch: Partial<IShareForm>): void {
    if (patch.hubUrl !== undefined) {
      this._hubUrlEdited = true;
    }
    if (patch.environment !== undefined) {
      this._environmentChosen = true;
    }
    this._form = { ...this._form, ...patch };
    this._emit();
  }

  /**
   * Share a notebook (or folder), by its path relative to the server root: pre-fill the
   * content from its git clone. Resolves when the clone has been read.
   */
  async shareNotebook(path: string): Promise<void> {
    const request = ++this._gitRequest;
    this._git = { kind: 'loading', path };
    this._emit();
    const builds = this.refreshBuilds();
    if (!this._handshake.handshake) {
      await this._handshake.refresh();
    }
    let state: GitState;
    try {
      const info = await this._fetchGitInfo(path);
      const remote = info.remoteUrl ? httpsRemote(info.remoteUrl) : null;
      const converted = remote !== null && remote !== info.remoteUrl;
      state = {
        kind: 'ready',
        path,
        info,
        ...(converted ? { convertedFrom: info.remoteUrl! } : {})
      };
    } catch (error) {
      const body = (error as { body?: unknown }).body;
      const reason =
        body && typeof body === 'object' && 'reason' in body
          ? (body as { reason: unknown }).reason
          : null;
      const message = errorText(error, this._trans);
      state =
        reason === 'notAClone'
          ? { kind: 'notAClone', path, message }
          : { kind: 'error', path, message };
    }
    await builds;
    if (request !== this._gitRequest) {
      return;
    }
    this._git = state;
    if (state.kind === 'ready') {
      const { info } = state;
      this._form = {
        ...this._form,
        // A remote that is no web address stays as it is: the link says what is wrong.
        repo: info.remoteUrl
          ? (httpsRemote(info.remoteUrl) ?? info.remoteUrl)
          : '',
        branch: info.remoteBranch ?? info.branch ?? '',
        path: info.pathInRepo
      };
    } else {
      this._form = { ...this._form, repo: '', branch: '', path: '' };
    }
    this._applyDefaults();
    this._emit();
  }

  /** Read the build history again; its successful builds' images can be chosen. */
  refreshBuilds(options?: {
    shared?: boolean;
    first?: boolean;
  }): Promise<void> {
    // A view's first look shares the history's first answer.
    return options?.first
      ? this._history.load()
      : this._history.refresh(options);
  }

  /** A new history: keep the chosen image while it is there, else offer the newest. */
  private _onHistory(): void {
    const images = this._history.offered;
    if (
      images.length > 0 &&
      !images.some(built => built.image === this._form.buildImage)
    ) {
      this._form = { ...this._form, buildImage: images[0].image };
    }
    this._applyDefaults();
    this._emit();
  }

  private _onHandshake(): void {
    this._applyDefaults();
    this._emit();
  }

  /** Hub address and environment follow the server until the instructor sets them. */
  private _applyDefaults(): void {
    const defaults: Partial<IShareForm> = {};
    if (!this._hubUrlEdited) {
      defaults.hubUrl = hubAddress(this._handshake.handshake, this._origin);
    }
    if (!this._environmentChosen) {
      defaults.environment =
        this._unavailable('current') === null ? 'current' : 'default';
    }
    this._form = { ...this._form, ...defaults };
  }

  private _emit(): void {
    this._result = this._build();
    this._changed.emit();
  }

  /** What the link is made of; the named-server course link is made of the same. */
  get request(): ILaunchLinkRequest {
    return {
      hubUrl: this._form.hubUrl,
      content: this._content(),
      environment: this._environment()
    };
  }

  private _content() {
    return contentOf(this._form);
  }

  private _environment(): LaunchEnvironment {
    return launchEnvironment(this._form, this._handshake.handshake);
  }

  private _build(): LinkResult<ILaunchLink> {
    const result = buildLaunchLink(this.request, this._trans);
    const reason = this._unavailable(this._form.environment);
    if (reason === null) {
      return result;
    }
    // The choice cannot work here: say why once, instead of the link's own complaints.
    const others: ILinkError[] = result.ok
      ? []
      : result.errors.filter(
          error => !ENVIRONMENT_FIELDS.includes(error.field)
        );
    return {
      ok: false,
      errors: [{ field: 'environment', message: reason }, ...others]
    };
  }

  /** Why an environment choice cannot be used here, or null when it can. */
  private _unavailable(choice: EnvironmentChoice): string | null {
    return unavailableReason(choice, this._handshake, this.builds, this._trans);
  }

  private readonly _handshake: HandshakeModel;
  private readonly _fetchGitInfo: GitInfoFetcher;
  private readonly _history: BuildHistoryModel;
  private readonly _trans: Translate;
  private readonly _origin: string;
  private _form: IShareForm = {
    hubUrl: '',
    repo: '',
    branch: '',
    path: '',
    app: 'lab',
    targetPath: '',
    environment: 'default',
    buildImage: '',
    binderUrl: '',
    environmentRepo: '',
    environmentRef: ''
  };
  private _git: GitState = { kind: 'none' };
  private _result: LinkResult<ILaunchLink>;
  private _hubUrlEdited = false;
  private _environmentChosen = false;
  private _gitRequest = 0;
  private _changed = new Signal<this, void>(this);
}

export namespace ShareModel {
  export interface IOptions {
    handshake: HandshakeModel;
    fetchGitInfo: GitInfoFetcher;
    /** The build history, shared with the other views. */
    history: BuildHistoryModel;
    /** The page's origin, for the hub address when the hub gives no public URL. */
    origin: string;
    trans?: Translate;
  }
}
