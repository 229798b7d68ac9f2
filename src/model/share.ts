import { ISignal, Signal } from '@lumino/signaling';

import {
  binderBadgeImage,
  buildLaunchLink,
  gitPull,
  ILaunchLink,
  ILaunchLinkRequest,
  ILinkError,
  JupyterApp,
  JUPYTERHUB_BADGE_IMAGE,
  LaunchEnvironment,
  LinkField,
  LinkResult
} from '../links';
import { IGitInfo, IHandshake } from '../api/types';
import { noTranslation, Translate } from '../translate';
import { HandshakeModel } from './handshake';
import { BuildHistoryModel, IBuiltImage } from './history';

/** Where the students' content opens. */
export type EnvironmentChoice =
  /** The hub's default environment. */
  | 'default'
  /** The image this server runs on now. */
  | 'current'
  /** An image from the build history. */
  | 'build'
  /** A repository that a BinderHub builds. */
  | 'repository';

/** Everything the instructor can set in the Share section. */
export interface IShareForm {
  hubUrl: string;
  repo: string;
  branch: string;
  path: string;
  app: JupyterApp;
  targetPath: string;
  environment: EnvironmentChoice;
  /** The image chosen from the build history. */
  buildImage: string;
  binderUrl: string;
  /** Empty: the content repository holds the environment too. */
  environmentRepo: string;
  environmentRef: string;
}

/** What is known about the git clone of the shared notebook. */
export type GitState =
  | { kind: 'none' }
  | { kind: 'loading'; path: string }
  | { kind: 'ready'; path: string; info: IGitInfo; convertedFrom?: string }
  | { kind: 'not-a-clone'; path: string; message: string }
  | { kind: 'error'; path: string; message: string };

export type BuildHistoryState =
  | { kind: 'loading' }
  | { kind: 'ready'; images: IBuiltImage[] }
  | { kind: 'unavailable'; message: string };

/** Whether an environment choice can be used here, and if not, why. */
export interface IEnvironmentOption {
  choice: EnvironmentChoice;
  available: boolean;
  reason?: string;
}

/** Something in the notebook's clone that students would not get. */
export interface IShareWarning {
  kind:
    | 'notebook-untracked'
    | 'notebook-changed'
    | 'other-changes'
    | 'unpushed'
    | 'no-upstream'
    | 'detached'
    | 'no-remote'
    | 'ssh-remote';
  message: string;
}

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
    return state.kind === 'ready'
      ? { kind: 'ready', images: this._history.images }
      : state;
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
    const trans = this._trans;
    const form = this._form;
    const content = this._content();
    const pull = gitPull(content, trans);
    if (!pull.ok) {
      return null;
    }
    const clone = trans(
      'nbgitpuller clones %1 (branch %2) into the folder %3 of their home; where that folder already holds the clone, it is updated and their own changes are kept.',
      content.repo.trim(),
      content.branch.trim(),
      pull.value.folder
    );
    const opened = form.path.trim() || pull.value.folder;
    const open =
      form.app === 'lab'
        ? trans('%1 opens in JupyterLab.', opened)
        : trans('%1 opens in the classic notebook.', opened);
    const environment = this._environment();
    switch (environment.kind) {
      case 'default':
        return [
          trans(
            "Students log in to the hub and get a server with the hub's default environment."
          ),
          clone,
          open
        ];
      case 'image':
        return [
          trans(
            'Students log in to the hub and get a server on the image %1.',
            environment.image.trim()
          ),
          clone,
          open,
          trans(
            'A student whose server is already running keeps its image: the hub does not restart it.'
          )
        ];
      case 'repository':
        return [
          trans(
            'The BinderHub at %1 builds %2 (%3) and starts a temporary server on it.',
            environment.binderUrl.trim(),
            environment.repo.trim(),
            environment.ref?.trim() || 'HEAD'
          ),
          clone,
          open
        ];
    }
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
      const message = error instanceof Error ? error.message : String(error);
      state =
        reason === 'not-a-clone'
          ? { kind: 'not-a-clone', path, message }
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
  refreshBuilds(): Promise<void> {
    return this._history.refresh();
  }

  /** A new history: keep the chosen image while it is there, else offer the newest. */
  private _onHistory(): void {
    const images = this._history.images;
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

  private _content() {
    const form = this._form;
    return {
      repo: form.repo,
      branch: form.branch,
      path: form.path,
      app: form.app,
      targetPath: form.targetPath
    };
  }

  private _environment(): LaunchEnvironment {
    const form = this._form;
    const handshake = this._handshake.handshake;
    const spawn = {
      optionsTemplate:
        handshake?.capabilities.restart.spawnOptionsTemplate ?? '',
      hubVersion: handshake?.hub?.hubVersion ?? ''
    };
    switch (form.environment) {
      case 'default':
        return { kind: 'default' };
      case 'current':
        return { kind: 'image', image: handshake?.image ?? '', ...spawn };
      case 'build':
        return { kind: 'image', image: form.buildImage, ...spawn };
      case 'repository': {
        const own = form.environmentRepo.trim();
        return {
          kind: 'repository',
          binderUrl: form.binderUrl,
          repo: own || form.repo,
          ref: form.environmentRef.trim() || (own ? '' : form.branch)
        };
      }
    }
  }

  private _build(): LinkResult<ILaunchLink> {
    const request: ILaunchLinkRequest = {
      hubUrl: this._form.hubUrl,
      content: this._content(),
      environment: this._environment()
    };
    const result = buildLaunchLink(request, this._trans);
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
    const trans = this._trans;
    if (choice === 'default' || choice === 'repository') {
      return null;
    }
    const handshake = this._handshake.handshake;
    if (!handshake) {
      return this._handshake.state.kind === 'loading'
        ? trans('Checking the hub…')
        : trans('The server did not answer the check of the hub.');
    }
    if (!handshake.hub) {
      return trans('This server does not run on a JupyterHub.');
    }
    if (!handshake.capabilities.restart.spawnOptionsTemplate) {
      return trans(
        'The hub does not say how to start a server on a given image; its admin sets that with ENVBUILDER_SPAWN_OPTIONS.'
      );
    }
    if (!handshake.hub.hubVersion) {
      return trans(
        "The hub's version is not known, so the spawn options cannot be written for it."
      );
    }
    if (choice === 'current') {
      return handshake.image
        ? null
        : trans('The spawner does not tell this server which image it runs.');
    }
    const builds = this.builds;
    switch (builds.kind) {
      case 'loading':
        return trans('Reading the build history…');
      case 'unavailable':
        return trans('The build history cannot be read: %1', builds.message);
      case 'ready':
        return builds.images.length > 0
          ? null
          : trans('No build has produced an image yet.');
    }
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

/**
 * The hub's address for links: its public URL when the hub sets one, else this page's origin
 * with the hub's prefix, without the trailing `hub/`.
 */
export function hubAddress(
  handshake: IHandshake | null,
  origin: string
): string {
  const hub = handshake?.hub;
  if (!hub) {
    return '';
  }
  const base = hub.publicUrl || origin + hub.hubPrefix;
  return base.replace(/hub\/?$/, '');
}

/**
 * The https address of a git remote: SSH addresses (`git@host:org/repo.git`,
 * `ssh://git@host/org/repo.git`) become `https://host/org/repo.git`, which is where GitHub,
 * GitLab and most git servers serve the same repository to anyone. Null when there is none.
 */
export function httpsRemote(remote: string): string | null {
  const url = remote.trim();
  if (/^https?:\/\//i.test(url)) {
    return url;
  }
  const scp = /^[^\s/:@]+@([^\s/:]+):\/?(.+)$/.exec(url);
  if (scp) {
    return `https://${scp[1]}/${scp[2]}`;
  }
  const ssh =
    /^(?:ssh|git\+ssh|git):\/\/(?:[^@/\s]+@)?([^:/\s]+)(?::\d+)?\/(.+)$/i.exec(
      url
    );
  if (ssh) {
    return `https://${ssh[1]}/${ssh[2]}`;
  }
  return null;
}

/** The warnings about a clone: what students would not get from it. */
export function cloneWarnings(
  info: IGitInfo,
  convertedFrom: string | undefined,
  trans: Translate = noTranslation
): IShareWarning[] {
  const warnings: IShareWarning[] = [];
  const shared = info.pathInRepo || trans('The clone');
  if (!info.pathTracked) {
    warnings.push({
      kind: 'notebook-untracked',
      message: trans(
        '%1 is not committed: students would not get it. Commit and push it first.',
        shared
      )
    });
  } else if (info.pathChanged) {
    warnings.push({
      kind: 'notebook-changed',
      message: trans(
        '%1 has changes that are not committed: students get the version on the remote, without them.',
        shared
      )
    });
  }
  const others = info.dirtyFiles.filter(
    file => !coveredBy(file, info.pathInRepo)
  );
  const otherCount = info.dirtyCount - (info.dirtyFiles.length - others.length);
  if (info.pathInRepo && otherCount > 0) {
    const examples = others.slice(0, 3).join(', ');
    warnings.push({
      kind: 'other-changes',
      message: trans(
        'Other files in the clone are not committed (%1: %2): students would not get these changes.',
        otherCount,
        otherCount > 3 ? `${examples}, …` : examples
      )
    });
  }
  if (info.unpushed > 0) {
    warnings.push({
      kind: 'unpushed',
      message: trans(
        'Commits not pushed to %1: %2. Students get the branch as the remote has it; push first.',
        info.upstream ?? info.remote ?? trans('the remote'),
        info.unpushed
      )
    });
  }
  if (info.branch === null) {
    warnings.push({
      kind: 'detached',
      message: trans(
        'The clone is not on a branch (detached HEAD): enter the branch students should get.'
      )
    });
  } else if (info.upstream === null && info.remoteUrl !== null) {
    warnings.push({
      kind: 'no-upstream',
      message: trans(
        'The branch %1 has no upstream: if the remote does not have it, the link fails. Push it with “git push -u %2 %1”.',
        info.branch,
        info.remote ?? 'origin'
      )
    });
  }
  if (info.remoteUrl === null) {
    warnings.push({
      kind: 'no-remote',
      message: trans(
        'The clone has no remote: push it to a git server students can reach, and enter its address.'
      )
    });
  } else if (convertedFrom !== undefined) {
    warnings.push({
      kind: 'ssh-remote',
      message: trans(
        "The clone's remote %1 is an SSH address, which students' servers cannot use; the link uses %2. Check that it opens without logging in.",
        convertedFrom,
        httpsRemote(convertedFrom) ?? ''
      )
    });
  }
  return warnings;
}

function coveredBy(file: string, path: string): boolean {
  const changed = file.replace(/\/$/, '');
  return (
    !path ||
    changed === path ||
    changed.startsWith(`${path}/`) ||
    path.startsWith(`${changed}/`)
  );
}
