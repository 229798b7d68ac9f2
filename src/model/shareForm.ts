/**
 * The Share section's form and what follows from it alone: the environment a link names,
 * why a choice cannot be used here, and what a student will see.
 */
import { IGitInfo, IHandshake } from '../api/types';
import { gitPull, IContent, JupyterApp, LaunchEnvironment } from '../links';
import { Translate } from '../translate';
import { HandshakeModel } from './handshake';
import { IBuiltImage } from './history';

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
  | { kind: 'notAClone'; path: string; message: string }
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

/** The content part of the form. */
export function contentOf(form: IShareForm): IContent {
  return {
    repo: form.repo,
    branch: form.branch,
    path: form.path,
    app: form.app,
    targetPath: form.targetPath
  };
}

/** The environment the form's choice names, with this hub's spawn options. */
export function launchEnvironment(
  form: IShareForm,
  handshake: IHandshake | null
): LaunchEnvironment {
  const spawn = {
    optionsTemplate: handshake?.capabilities.restart.spawnOptionsTemplate ?? '',
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

/** What a student sees, step by step in plain words; null when the content is not complete. */
export function studentSteps(
  form: IShareForm,
  environment: LaunchEnvironment,
  trans: Translate
): string[] | null {
  const content = contentOf(form);
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

/** Why an environment choice cannot be used here, or null when it can. */
export function unavailableReason(
  choice: EnvironmentChoice,
  hub: HandshakeModel,
  builds: BuildHistoryState,
  trans: Translate
): string | null {
  if (choice === 'default' || choice === 'repository') {
    return null;
  }
  const handshake = hub.handshake;
  if (!handshake) {
    return hub.state.kind === 'loading'
      ? trans('Checking the hub…')
      : trans('The server did not answer the check of the hub.');
  }
  if (!handshake.hub) {
    return trans('This server does not run on a JupyterHub.');
  }
  if (
    handshake.binder &&
    !handshake.capabilities.restart.spawnOptionsTemplate
  ) {
    return trans(
      'A BinderHub launched this server: a link cannot start its images on this hub. Choose "A repository built by a BinderHub" instead.'
    );
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
