import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { TranslationBundle } from '@jupyterlab/translation';

import { HubApi, IHubLocation } from '../api/hub';
import * as React from 'react';

import { RestartLosses } from '../components/RestartLosses';
import { quietConnectionLost } from '../model/connectionLost';
import { ROLLBACK_STORAGE_PREFIX } from '../contract';
import {
  IDocumentsAccess,
  IRestartLosses,
  IRollbackInfo,
  RestartModel,
  RunningLister
} from '../model/restart';
import { IHandshake } from '../api/types';

/** localStorage key the hub's failure page reads to offer the previous environment. */
export function rollbackKey(location: IHubLocation): string {
  return `${ROLLBACK_STORAGE_PREFIX}${location.owner}/${location.server}`;
}

/** Where this Lab runs on the hub, from JupyterHub's page config. */
export function hubLocation(): IHubLocation | null {
  const hubPrefix = PageConfig.getOption('hubPrefix');
  const owner =
    PageConfig.getOption('hubServerUser') || PageConfig.getOption('hubUser');
  if (!hubPrefix || !owner) {
    return null;
  }
  return {
    hubPrefix,
    owner,
    server: PageConfig.getOption('hubServerName')
  };
}

/** The open documents of the Lab, for saving before the server stops. */
export function labDocuments(
  app: JupyterFrontEnd,
  docManager: IDocumentManager
): IDocumentsAccess {
  const contexts = () => {
    const found = new Map<
      string,
      ReturnType<IDocumentManager['contextForWidget']>
    >();
    for (const widget of app.shell.widgets('main')) {
      const context = docManager.contextForWidget(widget);
      if (context) {
        found.set(context.path, context);
      }
    }
    return [...found.values()];
  };
  return {
    dirty: () =>
      contexts()
        .filter(c => c!.model.dirty)
        .map(c => c!.path),
    saveAll: async () => {
      await Promise.all(
        contexts()
          .filter(c => c!.model.dirty)
          .map(c => c!.save())
      );
    }
  };
}

/** Kernels (with the documents they serve) and terminals running now, asked fresh. */
export function labRunning(app: JupyterFrontEnd): RunningLister {
  return async () => {
    const { kernels, kernelspecs, sessions, terminals } = app.serviceManager;
    const withTerminals = terminals.isAvailable();
    await Promise.all([
      kernels.refreshRunning(),
      sessions.refreshRunning(),
      withTerminals ? terminals.refreshRunning() : Promise.resolve()
    ]);
    const paths = new Map<string, string>();
    for (const session of sessions.running()) {
      if (session.kernel) {
        paths.set(session.kernel.id, session.path);
      }
    }
    const specs = kernelspecs.specs?.kernelspecs ?? {};
    return {
      kernels: [...kernels.running()].map(kernel => ({
        name: specs[kernel.name]?.display_name ?? kernel.name,
        path: paths.get(kernel.id) ?? null
      })),
      terminals: withTerminals
        ? [...terminals.running()].map(terminal => terminal.name)
        : []
    };
  };
}

/** The Lab path to come back to: the current document if there is one. */
export function currentLabPath(
  app: JupyterFrontEnd,
  docManager: IDocumentManager
): string {
  const base = new URL(
    app.serviceManager.serverSettings.baseUrl,
    window.location.href
  ).pathname;
  const current = app.shell.currentWidget;
  const context = current ? docManager.contextForWidget(current) : undefined;
  return context
    ? URLExt.join(base, 'lab', 'tree', URLExt.encodeParts(context.path))
    : URLExt.join(base, 'lab');
}

/**
 * A restart model for this page, or null off a hub or when the hub does not allow it.
 */
export function createRestartModel(
  app: JupyterFrontEnd,
  docManager: IDocumentManager,
  handshake: IHandshake,
  recordLastKnownGood: (image: string | null) => Promise<void>,
  trans: TranslationBundle
): RestartModel | null {
  const location = hubLocation();
  const restart = handshake.capabilities.restart;
  if (!location || !restart.available || !restart.spawnOptionsTemplate) {
    return null;
  }
  const hub = new HubApi(location, PageConfig.getToken());
  return new RestartModel({
    hub,
    hubVersion: handshake.hub?.hubVersion ?? '',
    optionsTemplate: restart.spawnOptionsTemplate,
    currentImage: handshake.image,
    documents: labDocuments(app, docManager),
    running: labRunning(app),
    quietConnectionLost: () => quietConnectionLost(app.serviceManager),
    currentLabPath: () => currentLabPath(app, docManager),
    recordLastKnownGood,
    navigate: url => window.location.assign(url),
    rememberRollback: (info: IRollbackInfo) => {
      try {
        window.localStorage.setItem(
          rollbackKey(location),
          JSON.stringify(info)
        );
      } catch {
        // Private mode: the rollback link on the hub page is a convenience only.
      }
    },
    trans: trans.__.bind(trans)
  });
}

/** Ask before a restart that ends anything: list the documents, kernels and terminals. */
export async function confirmRestart(
  losses: IRestartLosses,
  trans: TranslationBundle
): Promise<boolean> {
  const result = await showDialog({
    title: trans.__('Restart this server?'),
    body: React.createElement(RestartLosses, { losses, trans }),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.warnButton({
        label:
          losses.dirty.length > 0
            ? trans.__('Save and Restart')
            : trans.__('Restart')
      })
    ]
  });
  return result.button.accept;
}

/** Run a restart and tell the user how it ends when it does not leave the page. */
export async function runRestart(
  model: RestartModel,
  image: string,
  trans: TranslationBundle
): Promise<void> {
  const state = await model.restart(image, losses =>
    confirmRestart(losses, trans)
  );
  if (state.phase === 'failed') {
    Notification.error(state.message, {
      autoClose: false,
      actions: state.detail
        ? [
            {
              label: trans.__('Show details'),
              callback: () =>
                void showDialog({
                  title: trans.__('Restart failed'),
                  body: state.detail,
                  buttons: [Dialog.okButton()]
                })
            }
          ]
        : []
    });
  }
}
