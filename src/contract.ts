/**
 * The constants the Lab frontend and the server extension share. One file, read by both:
 * `jupyterlab_envbuilder/contract.json` (this folder holds a link to it). What an admin can
 * change travels in the handshake (`IHandshake.settings`); these are the defaults and names.
 */
import contract from './contract.json';

/** The server's settings the frontend needs; sent in the handshake. */
export interface IServerSettings {
  defaultFolder: string;
  limits: { maxFileBytes: number; maxTotalBytes: number; maxFiles: number };
  restartScopes: string[];
  buildService: { name: string; scope: string };
}

/** The server extension's routes are under `<base_url><API_NAMESPACE>/`. */
export const API_NAMESPACE: string = contract.apiNamespace;

/** The environment folder when the settings name none. */
export const DEFAULT_FOLDER: string = contract.defaultFolder;

/** The scopes the page's token needs to stop and start its own server. */
export const RESTART_SCOPES: readonly string[] = contract.restartScopes;

/** The hub service name of the build service when the server names none. */
export const DEFAULT_BUILD_SERVICE_NAME: string = contract.buildService.name;

/** The scope a token needs to use the hub service `name`. */
export function serviceScope(name: string): string {
  return contract.buildService.scopePrefix + name;
}

/** Largest environment file a snapshot takes, unless an admin set another limit. */
export const DEFAULT_MAX_FILE_BYTES: number = contract.limits.maxFileBytes;

/** localStorage key prefix the hub's failure page reads to offer the previous environment. */
export const ROLLBACK_STORAGE_PREFIX: string = contract.rollbackStoragePrefix;

/** The query parameter that hands a Binder-style link from the hub's page to the Sources section. */
export const SOURCE_PARAMETER: string = contract.sourceParameter;

/** The server's settings as they are when an admin changed none. */
export function defaultServerSettings(): IServerSettings {
  return {
    defaultFolder: DEFAULT_FOLDER,
    limits: { ...contract.limits },
    restartScopes: [...contract.restartScopes],
    buildService: {
      name: DEFAULT_BUILD_SERVICE_NAME,
      scope: serviceScope(DEFAULT_BUILD_SERVICE_NAME)
    }
  };
}
