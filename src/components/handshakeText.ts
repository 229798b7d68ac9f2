/**
 * The words for the handshake's codes: the server says what is missing and which setting would
 * fix it; these say it in the user's language, with the admin setting to copy.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { ICapability, IHubContext } from '../api/types';
import { IServerSettings } from '../contract';

/** What to tell the user about a capability that is not available. */
export interface ICapabilityWords {
  /** A few words for other views, e.g. "no build service is configured". */
  summary: string;
  /** A plain sentence for the user: what it means for them, no settings. */
  plain?: string;
  /** What is missing exactly, for an administrator. */
  text: string;
  /** Configuration an admin can copy; null when there is nothing to set. */
  adminSetting: string | null;
}

type Trans = Pick<TranslationBundle, '__'>;

function scopesList(scopes: readonly string[]): string {
  return `[${scopes.map(s => `'${s}'`).join(', ')}]`;
}

function buildServiceSetting(settings: IServerSettings): string {
  const name = settings.buildService.name;
  return `c.Spawner.environment = {'ENVBUILDER_BUILD_SERVICE_URL': 'https://<hub>/services/${name}/'}`;
}

/** The path of the build service's URL: BinderHub's base URL must be that path. */
function servicePath(
  capability: ICapability,
  settings: IServerSettings
): string {
  try {
    return new URL(capability.url ?? '').pathname;
  } catch {
    return `/services/${settings.buildService.name}/`;
  }
}

function baseUrlSetting(
  capability: ICapability,
  settings: IServerSettings
): string {
  return `c.BinderHub.base_url = '${servicePath(capability, settings)}'`;
}

/** The HTTP status that came back, or the network error. */
function networkProblem(capability: ICapability): string {
  return capability.httpStatus
    ? `HTTP ${capability.httpStatus}`
    : (capability.detail ?? '');
}

function serverRoleSetting(scope: string): string {
  return `c.JupyterHub.load_roles = [{'name': 'server', 'scopes': ['users:activity!user', 'access:servers!server', '${scope}']}]`;
}

/** Why the build service cannot be used, and what an admin sets. */
export function buildWords(
  capability: ICapability,
  settings: IServerSettings,
  trans: Trans
): ICapabilityWords {
  const scope = capability.missingScopes?.[0] ?? settings.buildService.scope;
  switch (capability.code) {
    case 'notConfigured':
      return {
        summary: trans.__('no build service is configured'),
        plain: trans.__(
          'Building is not set up on this hub yet, so you cannot build here. Your administrator can set it up.'
        ),
        text: trans.__(
          'No build service is configured for this server. An admin sets its address in jupyterhub_config.py (or c.EnvBuilder.build_service_url in the server’s own configuration):'
        ),
        adminSetting: buildServiceSetting(settings)
      };
    case 'missingScope':
      return {
        summary: trans.__('this server’s token lacks the scope %1', scope),
        plain: trans.__(
          'This hub does not let your server use its build service yet. Your administrator can allow it.'
        ),
        text: trans.__(
          'This server’s token lacks the scope %1, so the build service would refuse its builds. An admin grants it to the server role (jupyterlab_envbuilder.hub.configure(c) does it):',
          scope
        ),
        adminSetting: serverRoleSetting(scope)
      };
    case 'refused':
      return {
        summary: trans.__(
          'the build service refused this server’s token (HTTP %1)',
          String(capability.httpStatus ?? '')
        ),
        plain: trans.__(
          'The build service turned your server away. Your administrator can allow it.'
        ),
        text: trans.__(
          'The build service at %1 refused this server’s token (HTTP %2). The token needs the scope %3; an admin grants it to the server role (jupyterlab_envbuilder.hub.configure(c) does it):',
          capability.url ?? '',
          String(capability.httpStatus ?? ''),
          scope
        ),
        adminSetting: serverRoleSetting(scope)
      };
    case 'unreachable':
      return {
        summary: trans.__('the build service cannot be reached'),
        plain: trans.__(
          'The build service does not answer right now, so you cannot build. This panel checks again every few seconds while it is open; if it persists, tell your administrator.'
        ),
        text: trans.__(
          'The build service at %1 cannot be reached (%2). Tell your administrator: it must run, and its address must be right:',
          capability.url ?? '',
          networkProblem(capability)
        ),
        adminSetting: buildServiceSetting(settings)
      };
    case 'notFound':
      return {
        summary: trans.__('nothing answers at the build service’s address'),
        text: trans.__(
          'Nothing answers at %1 (HTTP 404). Tell your administrator: BinderHub must run with the base URL the hub routes to its service, %2 (the binderhub-service chart leaves it at /), and be registered with the hub as the service %3:',
          capability.url ?? '',
          servicePath(capability, settings),
          settings.buildService.name
        ),
        adminSetting: baseUrlSetting(capability, settings)
      };
    case 'wrongBaseUrl':
      return {
        summary: trans.__('the build service runs under the wrong base URL'),
        text: trans.__(
          'A BinderHub answers at %1 but not at %2, where the hub routes its service: its base URL is not %3 (the binderhub-service chart leaves it at /). Tell your administrator:',
          capability.foundAt ?? '',
          capability.url ?? '',
          servicePath(capability, settings)
        ),
        adminSetting: baseUrlSetting(capability, settings)
      };
    case 'binderSession':
      return binderSessionWords('build', trans);
    default:
      return unknownWords(capability, trans);
  }
}

/**
 * A server a BinderHub launched from a repository: there is no administrator to ask, and the
 * way to another environment is the repository's files and a new launch.
 */
function binderSessionWords(
  capability: 'build' | 'restart' | 'snapshotStore',
  trans: Trans
): ICapabilityWords {
  switch (capability) {
    case 'build':
      return {
        summary: trans.__('this is a Binder session'),
        text: trans.__(
          'A BinderHub launched this server from a repository and built its image from the repository’s files. It offers this panel no build service. To try another environment, change those files in the repository and launch it again.'
        ),
        adminSetting: null
      };
    case 'restart':
      return {
        summary: trans.__('a Binder session cannot be restarted from here'),
        text: trans.__(
          'A BinderHub launched this server from a repository, and it does not let this page restart the server onto another image. A new launch of the repository starts a new server.'
        ),
        adminSetting: null
      };
    case 'snapshotStore':
      return {
        summary: trans.__('a Binder session has no builds to share'),
        text: trans.__('There are no builds in a Binder session to share.'),
        adminSetting: null
      };
  }
}

/** Why this page cannot restart its server onto another image, and what an admin sets. */
export function restartWords(
  capability: ICapability,
  settings: IServerSettings,
  trans: Trans
): ICapabilityWords {
  switch (capability.code) {
    case 'notOnHub':
      return {
        summary: trans.__('this server does not run on a JupyterHub'),
        text: trans.__(
          'This server does not run on a JupyterHub, so it cannot be restarted onto another image from here.'
        ),
        adminSetting: null
      };
    case 'missingScope':
      return {
        summary: trans.__('the hub does not let this page restart its server'),
        plain: trans.__(
          'This hub does not let you restart your server into another environment from here. You can do it by hand, or ask your administrator to allow it.'
        ),
        text: trans.__(
          'The hub does not let this page stop and start its own server (missing scopes: %1). An admin allows it in jupyterhub_config.py (jupyterlab_envbuilder.hub.configure(c) does it):',
          (capability.missingScopes ?? settings.restartScopes).join(', ')
        ),
        adminSetting: `c.Spawner.oauth_client_allowed_scopes = ${scopesList(settings.restartScopes)}`
      };
    case 'noSpawnOptions':
      return {
        summary: trans.__('no spawner options template is set'),
        plain: trans.__(
          'This hub has not been told how to start your server on another environment, so restarting into one does not work from here yet. Your administrator can set it up.'
        ),
        text: trans.__(
          'No spawner options template tells the hub how to start a server on another image. For DockerSpawner an admin sets the one below; for a KubeSpawner profile: %1',
          'profile=<slug>&profile-option-<slug>--image--unlisted-choice={image}'
        ),
        adminSetting:
          "c.Spawner.environment = {'ENVBUILDER_SPAWN_OPTIONS': 'image={image}'}"
      };
    case 'binderSession':
      return binderSessionWords('restart', trans);
    default:
      return unknownWords(capability, trans);
  }
}

/** What the hub's snapshot store's absence costs, or why it cannot be used. */
export function storeWords(
  capability: ICapability,
  trans: Trans
): ICapabilityWords {
  switch (capability.code) {
    case 'notConfigured': {
      const lost = (capability.lost ?? [])
        .map(item => lostWords(item, trans))
        .join('; ');
      return {
        summary: trans.__('no snapshot store: builds are not shared'),
        text: trans.__(
          'There is no snapshot store on this hub, so this server serves its own snapshots: %1. An admin deploys the store in jupyterhub_config.py:',
          lost
        ),
        adminSetting:
          'jupyterlab_envbuilder.hub.configure(c, snapshot_store=True)'
      };
    }
    case 'unreachable':
      return {
        summary: trans.__('the snapshot store cannot be reached'),
        text: trans.__(
          'The hub’s snapshot store at %1 cannot be reached (%2), and builds fail until it answers. Tell your administrator.',
          capability.url ?? '',
          networkProblem(capability)
        ),
        adminSetting: `c.Spawner.environment = {'${capability.setting ?? 'ENVBUILDER_SNAPSHOT_STORE_URL'}': '<snapshot store URL>'}`
      };
    case 'binderSession':
      return binderSessionWords('snapshotStore', trans);
    default:
      return unknownWords(capability, trans);
  }
}

function lostWords(item: string, trans: Trans): string {
  switch (item) {
    case 'sharedBuilds':
      return trans.__(
        'the same files are built once for each user and server, not once for everyone'
      );
    case 'buildWithoutServer':
      return trans.__(
        'a build needs this server running until the build service has read the files'
      );
    case 'build':
      return trans.__('builds fail until it answers');
    default:
      return item;
  }
}

/** A code this frontend does not know (a newer server): say so, with the names it sent. */
function unknownWords(capability: ICapability, trans: Trans): ICapabilityWords {
  return {
    summary: trans.__('not available (%1)', capability.code ?? ''),
    text: trans.__(
      'Not available (%1). Update jupyterlab-envbuilder so the server and the page come from one release.',
      capability.code ?? ''
    ),
    adminSetting: capability.setting ?? null
  };
}

/** The hub's version, or why it is not known. */
export function hubVersionWords(hub: IHubContext, trans: Trans): string {
  if (hub.hubVersion) {
    return trans.__('JupyterHub %1', hub.hubVersion);
  }
  const problem = hub.hubVersionProblem;
  switch (problem?.code) {
    case 'notConfigured':
      return trans.__('version unknown (%1 is not set)', problem.setting ?? '');
    case 'unreachable':
      return trans.__(
        'version unknown (the hub API cannot be reached: %1)',
        problem.httpStatus
          ? `HTTP ${problem.httpStatus}`
          : (problem.detail ?? '')
      );
    case 'noVersion':
      return trans.__('version unknown (the hub API answered without one)');
    default:
      return trans.__('version unknown');
  }
}
