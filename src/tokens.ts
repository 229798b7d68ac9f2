/**
 * Shared types and command ids of jupyterlab-envbuilder.
 */

/** Command ids, one place for all of them. */
export enum CommandIDs {
  openPanel = 'envbuilder:open-panel',
  refreshStatus = 'envbuilder:refresh-status'
}

/** The plugin id, also the settings id. */
export const PLUGIN_ID = 'jupyterlab-envbuilder:plugin';

/** Translation domain of this extension. */
export const TRANSLATION_DOMAIN = 'jupyterlab_envbuilder';

/** Where this server runs on the hub, as the server extension sees it. */
export interface IHubContext {
  user: string;
  /** '' is the default server. */
  serverName: string;
  hubPrefix: string;
  publicUrl: string;
  hubVersion: string | null;
  hubVersionError?: string | null;
}

/** Whether one capability is available and, if not, what would enable it. */
export interface ICapability {
  available: boolean;
  reason?: string;
  /** The exact admin setting that would enable the capability. */
  adminSetting?: string | null;
  url?: string;
  missingScopes?: string[];
  spawnOptionsTemplate?: string;
}

/** Answer of `GET envbuilder/status?version=`. */
export interface IHandshake {
  version: string;
  frontendVersion: string | null;
  versionMatches: boolean;
  hub: IHubContext | null;
  image: string | null;
  capabilities: {
    build: ICapability;
    restart: ICapability;
  };
}
