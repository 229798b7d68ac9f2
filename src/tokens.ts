/**
 * The tokens, plugin and command ids of jupyterlab-envbuilder.
 */
import { Token } from '@lumino/coreutils';
import type { Widget } from '@lumino/widgets';

import type { EnvironmentsModel } from './model/environments';
import type { EnvironmentFolder } from './model/folder';
import type { HandshakeModel } from './model/handshake';
import type { BuildHistoryModel } from './model/history';
import type { OverviewModel } from './model/overview';
import type { PackagesModel } from './model/packages';
import type { IBuildPrecheck } from './model/precheck';
import type { SavedModel } from './model/saved';

/** Command ids, one place for all of them. */
export enum CommandIDs {
  openPanel = 'envbuilder:open-panel',
  refreshStatus = 'envbuilder:refresh-status',
  copyLaunchLink = 'envbuilder:copy-launch-link',
  restartIntoImage = 'envbuilder:restart-into-image',
  build = 'envbuilder:build',
  showBuildLog = 'envbuilder:show-build-log',
  showSection = 'envbuilder:show-section',
  share = 'envbuilder:share'
}

/** The core plugin's id, also the settings id. */
export const PLUGIN_ID = 'jupyterlab-envbuilder:plugin';

/** Translation domain of this extension. */
export const TRANSLATION_DOMAIN = 'jupyterlab_envbuilder';

/**
 * The core of the Environment panel, which every feature plugin (files, build, restart,
 * share, sources) builds on: an admin can switch any feature off with `disabledExtensions`
 * and the others keep working.
 */
export interface IEnvBuilder {
  /** What the server extension and the hub allow; asked when the panel is first shown. */
  readonly handshake: HandshakeModel;
  /** The images this server ran on: running, last-known-good, earlier ones. */
  readonly environments: EnvironmentsModel;
  /** The build history, one model for every view that shows it. */
  readonly history: BuildHistoryModel;
  /** The environments saved by name, for the Saved section and for comparing builds. */
  readonly saved: SavedModel;
  /** The package lists of images, read once for every view that shows or compares them. */
  readonly packages: PackagesModel;
  /** The environment folder, from the settings, normalised. */
  readonly folder: EnvironmentFolder;
  /** The panel's first view (running environment, folder, last build, next action). */
  readonly overview: OverviewModel;
  /**
   * An image in words, the same in every view and notice: "environment/ · snapshot
   * d099dfd" when a build of the folder named it, else the last part of its name.
   */
  readonly imageLabel: (image: string) => string;
  /** The Environment panel's widget id, e.g. to show it from a notification. */
  readonly panelId: string;
  /**
   * Add a section to the Environment panel; lower ranks come first. A `collapsed` one
   * shows only its header, with its status, until the user opens it.
   */
  addSection(
    widget: Widget,
    rank: number,
    options?: { collapsed?: boolean }
  ): void;
  /** Show the panel with this section expanded. */
  showSection(widget: Widget): void;
  /** Put a command on the panel's toolbar (with its icon and caption); lower ranks first. */
  addToolbarButton(command: string, rank: number): void;
}

/** The Environment panel's core, provided by the `plugin` plugin. */
export const IEnvBuilder = new Token<IEnvBuilder>(
  'jupyterlab-envbuilder:IEnvBuilder',
  'The Environment panel: handshake, environments, build history, folder, and its sections.'
);

/** The check of the environment files that runs before a build (the files plugin's). */
export const IEnvFilesCheck = new Token<IBuildPrecheck>(
  'jupyterlab-envbuilder:IEnvFilesCheck',
  'Checks the environment files before a build; Build stays off while they have errors.'
);

/** Builds through the Build section (the build plugin's), for features with other sources. */
export interface IEnvBuild {
  /**
   * Build a BinderHub spec (`<provider>/<spec>`) with the Build section's log, history and
   * restart, and show that section.
   */
  buildSpec(spec: string): Promise<void>;
  /** A build is under way: another cannot start. */
  readonly busy: boolean;
}

export const IEnvBuild = new Token<IEnvBuild>(
  'jupyterlab-envbuilder:IEnvBuild',
  'Starts a build of a given source through the Build section.'
);
