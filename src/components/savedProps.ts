/**
 * What the Saved environments view and its forms are given: the models, the plugin's
 * actions, the words.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IBuildSummary } from '../api/types';
import type { PackagesModel } from '../model/packages';
import type { IBuiltImageBuild, SavedModel } from '../model/saved';

/** What the section can do beyond the saved list, from the plugin. */
export interface ISavedActions {
  /** Null when this server cannot restart itself (the restart feature is off or refused). */
  restartInto: ((image: string) => void) | null;
  /** Start a named server on the image in a new tab; an error message when it cannot. */
  startServer: (image: string, server: string) => string | null;
  /** A course link for the image in a named server; an error message when it cannot. */
  shareLink: (
    image: string,
    server: string
  ) => { url?: string; error?: string };
  copy: (text: string) => void;
}

export interface ISavedViewProps {
  model: SavedModel;
  /** The package lists of images, to show and compare them. */
  packages: PackagesModel;
  /** Builds of the history that produced an image, newest first. */
  builds: readonly IBuiltImageBuild[];
  /** The whole build history, newest first: builds to compare with. */
  history: readonly IBuildSummary[];
  /** Image → the servers last started on it. */
  servers: Map<string, string[]>;
  actions: ISavedActions;
  trans: TranslationBundle;
  idPrefix: string;
}
