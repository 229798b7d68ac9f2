/**
 * The panel's first view: what runs, whether the folder differs from it, how the last build
 * went and the one thing to do next. Pure facts and rules; the core model below only
 * gathers them from the models that know them.
 */
import { ISignal, Signal } from '@lumino/signaling';

import { IBuildSummary, IEnvironments, IHandshake } from '../api/types';
import { Translate } from '../translate';
import { EnvironmentsModel } from './environments';
import { shortImage } from './imageNames';
import { EnvironmentFolder } from './folder';
import {
  binderWithoutBuild,
  canBuild,
  HandshakeModel,
  HandshakeState
} from './handshake';
import { BuildHistoryModel, builtFrom } from './history';

/** What the build feature tells the overview; null when that feature is off. */
export interface IBuildFacts {
  /** `asking`: waiting for the user's answer about the files a first build sends. */
  kind: 'idle' | 'asking' | 'busy' | 'blocked' | 'stopped' | 'ready' | 'failed';
  /** e.g. "Building the image", in the user's language. */
  label: string;
  sha: string | null;
  imageName: string | null;
  cacheHit: boolean;
  /** The build service built no image, only wrote the Dockerfile (no container engine). */
  dryRun: boolean;
  /** Why Build is off because of the environment files, or null. */
  filesProblem: string | null;
}

/** The one next action; the panel runs the matching command. */
export interface INextAction {
  kind: 'check' | 'showLog' | 'build' | 'restart' | 'section';
  /** For `section`: which section to show (`envfiles`, `status`, `build`, `share`: the end of its id). */
  section?: string;
  /** For `restart`: the image to restart into. */
  image?: string;
  /** For `showLog`: the build of the history whose log to show (else the current one). */
  record?: string;
  label: string;
}

/** A fact of the overview: its words and how it looks (its badge). */
export interface IFact {
  text: string;
  tone: 'ok' | 'info' | 'warning' | 'error' | 'busy';
}

export interface IOverview {
  /** The running environment in words, and its full image name (to copy). */
  running: IFact & { image: string | null };
  folder: IFact;
  lastBuild: IFact;
  next: INextAction | null;
  /** The folder changed since this server started on an image built from it, and its new
   * files are not built yet. */
  rebuildNeeded: boolean;
  /** Why there is nothing to do, when `next` is null. */
  idle: string;
}

/** Made once: `toLocaleString` with options builds a new formatter at every call. */
let shortFormat: Intl.DateTimeFormat | null = null;

/** "29 Nov 19:50" in the user's locale. */
export function shortTime(time: string | null | undefined): string {
  const date = time ? new Date(time) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return '';
  }
  shortFormat ??= new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit'
  });
  return shortFormat.format(date);
}

/** Everything the overview is made of, as plain data (so the rules test without Lab). */
export interface IOverviewInput {
  handshake: HandshakeState;
  environments: IEnvironments | null;
  /** The build of the history that made the running image, if one here did. */
  runningBuild: IBuildSummary | null;
  /** Whether the folder differs from that build's snapshot; null when unknown. */
  changedSinceStart: boolean | null;
  folder: string;
  builds: readonly IBuildSummary[];
  build: IBuildFacts | null;
}

/** The first view's facts and next action. */
export function overviewOf(input: IOverviewInput, __: Translate): IOverview {
  const { environments } = input;
  const answer: IHandshake | null =
    input.handshake.kind === 'ready' ? input.handshake.handshake : null;
  const image = environments?.runningImage ?? answer?.image ?? null;
  const runningBuild = input.runningBuild;
  const running: IOverview['running'] = runningBuild
    ? {
        text: __(
          runningBuild.result === 'dry-run'
            ? '%1/ · snapshot %2 · dry run, no image'
            : '%1/ · snapshot %2 · %3',
          environments?.folder || input.folder,
          (runningBuild.ref ?? '').slice(0, 7),
          shortTime(runningBuild.finishedAt ?? runningBuild.startedAt)
        ),
        tone: runningBuild.result === 'dry-run' ? 'info' : 'ok',
        image
      }
    : image
      ? { text: shortImage(image), tone: 'ok', image }
      : {
          // Only an answer of the server can say that the spawner sets none.
          text: answer
            ? __('not known (the spawner sets no image)')
            : input.handshake.kind === 'loading'
              ? __('checking…')
              : __('not known until the check succeeds'),
          tone: 'info',
          image
        };

  const folder = folderFact(input, answer, __);
  const lastBuild = lastBuildFact(input, __);
  return {
    running,
    folder,
    lastBuild,
    next: nextAction(input, answer, __),
    rebuildNeeded:
      input.changedSinceStart === true &&
      !!environments?.folderSha &&
      madeFrom(input, environments.folderSha) === null,
    idle:
      answer === null
        ? __('Checking the server and the hub…')
        : input.build?.kind === 'asking'
          ? __('Waiting for your answer about the files to send.')
          : runningBuild?.result === 'dry-run' || dryRunOfFolder(input)
            ? __(
                'Nothing more to do here: the build service only does dry runs, so no image with these files can be built.'
              )
            : __('Nothing to do: this server runs what the folder describes.')
  };
}

function folderFact(
  input: IOverviewInput,
  answer: IHandshake | null,
  __: Translate
): IFact {
  const environments = input.environments;
  const folder = `${input.folder}/`;
  if (!environments) {
    return { text: folder, tone: 'info' };
  }
  if (environments.folderProblem || !environments.folderSha) {
    // On a Binder no files of this server are built: none missing is a problem.
    return binderWithoutBuild(answer)
      ? { text: __('%1 — no files', folder), tone: 'info' }
      : { text: __('%1 — no files to build yet', folder), tone: 'warning' };
  }
  switch (input.changedSinceStart) {
    case true:
      // Changed since this server started; a build of the new files may be done already.
      switch (madeFrom(input, environments.folderSha)) {
        case 'built':
          return {
            text: __('%1 — changed, built: restart to use it', folder),
            tone: 'info'
          };
        case 'dry-run':
          return {
            text: __('%1 — changed, dry run done, no image', folder),
            tone: 'info'
          };
        default:
          return {
            text: __('%1 — changed: rebuild needed', folder),
            tone: 'warning'
          };
      }
    case false:
      return { text: __('%1 — same as the running one', folder), tone: 'ok' };
    default: {
      const made = madeFrom(input, environments.folderSha);
      return made === 'dry-run'
        ? { text: __('%1 — dry run done, no image', folder), tone: 'info' }
        : made === 'built'
          ? { text: __('%1 — built, not running', folder), tone: 'info' }
          : { text: __('%1 — not built yet', folder), tone: 'info' };
    }
  }
}

/** What the newest finished build of a snapshot made: an image, only a dry run, or nothing. */
/** Whether the folder as it is now was dry-run, here or by an earlier build. */
function dryRunOfFolder(input: IOverviewInput): boolean {
  const sha = input.environments?.folderSha;
  return !!sha && madeFrom(input, sha) === 'dry-run';
}

function madeFrom(
  input: IOverviewInput,
  sha: string
): 'built' | 'dry-run' | null {
  const build = input.build;
  if (build?.kind === 'ready' && build.sha === sha) {
    return build.dryRun ? 'dry-run' : 'built';
  }
  const made = builtFrom(input.builds, sha);
  return made ? (made.result === 'dry-run' ? 'dry-run' : 'built') : null;
}

function lastBuildFact(input: IOverviewInput, __: Translate): IFact {
  const build = input.build;
  if (build && build.kind !== 'idle') {
    const tone: IFact['tone'] =
      build.kind === 'busy'
        ? 'busy'
        : build.kind === 'asking' || (build.kind === 'ready' && build.dryRun)
          ? 'info'
          : build.kind === 'ready'
            ? 'ok'
            : build.kind === 'failed'
              ? 'error'
              : 'warning';
    const text =
      build.cacheHit && build.dryRun
        ? __('Dry run done before for these files (cache hit): no image')
        : build.cacheHit
          ? __('%1 (already built: cache hit)', build.label)
          : build.label;
    return { text, tone };
  }
  const last = input.builds[0];
  if (!last) {
    return { text: __('No builds yet'), tone: 'info' };
  }
  const when = shortTime(last.finishedAt ?? last.startedAt);
  switch (last.result) {
    case 'built':
      return { text: __('Image ready · %1', when), tone: 'ok' };
    case 'dry-run':
      return { text: __('Dry run, no image · %1', when), tone: 'info' };
    case 'running':
      return { text: __('Building · started %1', when), tone: 'busy' };
    default:
      return { text: __('Build failed · %1', when), tone: 'error' };
  }
}

/** The one thing to do next, or null when the server runs what the folder describes. */
export function nextAction(
  input: IOverviewInput,
  answer: IHandshake | null,
  __: Translate
): INextAction | null {
  const { environments, build, builds } = input;
  const show = (section: string, label: string): INextAction => ({
    kind: 'section',
    section,
    label
  });
  if (input.handshake.kind === 'loading') {
    return null;
  }
  if (!answer) {
    return { kind: 'check', label: __('Check again') };
  }
  if (build?.kind === 'asking') {
    return null;
  }
  if (build?.kind === 'busy') {
    return { kind: 'showLog', label: __('Show build log') };
  }
  if (!environments) {
    return null;
  }
  if (environments.folderProblem || !environments.folderSha) {
    // On a Binder, files made here would build nothing: the repository's files count.
    return binderWithoutBuild(answer)
      ? show('status', __('See why Build is off'))
      : show('envfiles', __('Create the environment files'));
  }
  if (build?.filesProblem) {
    return show('envfiles', __('Fix the environment files'));
  }
  const sha = environments.folderSha;
  if (build?.kind === 'failed' && build.sha === sha) {
    return { kind: 'showLog', label: __('See why the build failed') };
  }
  const built = builtFrom(builds, sha);
  const image =
    build?.kind === 'ready' && build.sha === sha && build.imageName
      ? build.imageName
      : (built?.imageName ?? null);
  if (
    image &&
    image !== environments.runningImage &&
    madeFrom(input, sha) === 'dry-run'
  ) {
    // No image to restart into: what the dry run made is the Dockerfile in its log, in the
    // oldest record of the image that was no cache hit (later ones found it done).
    const wrote = [...builds]
      .reverse()
      .find(
        b => b.imageName === image && b.result === 'dry-run' && !b.cacheHit
      );
    // A dry run that ran here, not yet in the history: the current log has it.
    const ranHere =
      build?.kind === 'ready' &&
      build.sha === sha &&
      build.dryRun &&
      !build.cacheHit;
    if (!wrote && !ranHere) {
      // Every dry run of these files here found it done before (another user's, say):
      // no log here holds a Dockerfile to show.
      return null;
    }
    return {
      kind: 'showLog',
      record: wrote?.id,
      label: __('See the Dockerfile of the dry run')
    };
  }
  if (image && image !== environments.runningImage) {
    return answer.capabilities.restart.available
      ? { kind: 'restart', image, label: __('Restart into new environment') }
      : show('status', __('See how to restart'));
  }
  if (!image && input.changedSinceStart !== false) {
    return canBuild(answer)
      ? { kind: 'build', label: __('Build') }
      : show('status', __('See why Build is off'));
  }
  return null;
}

/**
 * The overview from the core's models; the build feature adds its facts with `setBuild`.
 * `changed` fires whenever any of them changes.
 */
export class OverviewModel {
  constructor(
    private readonly _options: {
      handshake: HandshakeModel;
      environments: EnvironmentsModel;
      history: BuildHistoryModel;
      folder: EnvironmentFolder;
      trans: Translate;
    }
  ) {
    const emit = () => this._changed.emit();
    _options.handshake.changed.connect(emit);
    _options.environments.changed.connect(emit);
    _options.history.changed.connect(emit);
    _options.folder.changed.connect(emit);
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get build(): IBuildFacts | null {
    return this._build;
  }

  setBuild(build: IBuildFacts | null): void {
    this._build = build;
    this._changed.emit();
  }

  get overview(): IOverview {
    const { handshake, environments, history, folder, trans } = this._options;
    return overviewOf(
      {
        handshake: handshake.state,
        environments: environments.environments,
        runningBuild: environments.runningBuild,
        changedSinceStart: environments.changedSinceStart,
        folder: folder.path,
        builds: history.builds,
        build: this._build
      },
      trans
    );
  }

  private _build: IBuildFacts | null = null;
  private readonly _changed = new Signal<this, void>(this);
}
