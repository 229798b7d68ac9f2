import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import {
  IDocumentManager,
  IDocumentWidgetOpener
} from '@jupyterlab/docmanager';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { fetchBuildHistory, fetchGitInfo } from './api/share';
import { fetchEnvironments } from './api/environments';
import { EnvironmentsModel } from './model/environments';
import { fetchHandshake } from './api/status';
// Activation registers the command and builds the Share section at once.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { addShareCommands } from './commands/share';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { addBuildCommands, createBuildModel } from './commands/build';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { addRestartCommands } from './commands/restart';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvFilesModel } from './model/envfiles';
import { HandshakeModel } from './model/handshake';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { ShareModel } from './model/share';
import { CommandIDs, PLUGIN_ID, TRANSLATION_DOMAIN } from './tokens';
import { FRONTEND_VERSION } from './version';
// The sidebar tab must exist when Lab starts; heavy views inside it load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvironmentPanel } from './widgets/EnvironmentPanel';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvFileEditors } from './widgets/envFileEditors';

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Manage your own environment on a JupyterHub: edit, build, restart, share.',
  autoStart: true,
  optional: [
    ILayoutRestorer,
    ICommandPalette,
    ISettingRegistry,
    ITranslator,
    IDocumentManager,
    IDocumentWidgetOpener,
    IStatusBar
  ],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null,
    docManager: IDocumentManager | null,
    opener: IDocumentWidgetOpener | null,
    statusBar: IStatusBar | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const handshake = new HandshakeModel(fetchHandshake, FRONTEND_VERSION);
    const share = new ShareModel({
      handshake,
      fetchGitInfo,
      fetchBuildHistory,
      origin: window.location.origin,
      trans: trans.__.bind(trans)
    });
    const editors = new EnvFileEditors({
      commands: app.commands,
      docManager,
      opener
    });
    const envFiles = new EnvFilesModel({
      contents: app.serviceManager.contents,
      documents: editors,
      trans: trans.__.bind(trans)
    });
    const build = createBuildModel(app, {
      docManager,
      precheck: envFiles,
      trans
    });
    // The environment history: running image, last-known-good, and "changed since this
    // server started" (the folder's snapshot SHA against the build of the running image),
    // asked again whenever the folder's listing is refreshed.
    const environments = new EnvironmentsModel(fetchEnvironments);
    handshake.changed.connect((_, state) => {
      if (state.kind === 'ready') {
        void environments.refresh(envFiles.folder);
      }
    });
    envFiles.stateChanged.connect((model, state) => {
      if (state.kind !== 'ready') {
        model.setDiffersFromRunningImage(null);
        return;
      }
      void environments.refresh(model.folder).then(() => {
        model.setDiffersFromRunningImage(
          environments.environments?.changedSinceStart ?? null
        );
      });
    });
    const panel = new EnvironmentPanel({
      environments: {
        model: environments,
        restart: image =>
          void app.commands.execute(CommandIDs.restartIntoImage, { image })
      },
      handshake,
      trans,
      share,
      build: { model: build, commands: app.commands, handshake },
      envFiles: {
        model: envFiles,
        open: (path, position) => editors.open(path, position)
      }
    });
    app.shell.add(panel, 'left', { rank: 750 });
    restorer?.add(panel, 'envbuilder-panel');
    void app.restored.then(() => panel.checkOnceVisible());

    app.commands.addCommand(CommandIDs.openPanel, {
      label: trans.__('Open the Environment Panel'),
      caption: trans.__('Show the Environment sidebar'),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        app.shell.activateById(panel.id);
      }
    });
    app.commands.addCommand(CommandIDs.refreshStatus, {
      label: trans.__('Check Environment Status Again'),
      caption: trans.__('Ask the server and the hub what is available'),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => handshake.refresh()
    });
    const category = trans.__('Environment');
    palette?.addItem({ command: CommandIDs.openPanel, category });
    palette?.addItem({ command: CommandIDs.refreshStatus, category });
    addShareCommands(app, { panel, share, docManager, trans });
    let spawnOptionsOverride = '';
    addRestartCommands(app, {
      handshake,
      docManager,
      trans,
      spawnOptionsOverride: () => spawnOptionsOverride
    });
    palette?.addItem({ command: CommandIDs.copyLaunchLink, category });
    addBuildCommands(app, {
      model: build,
      panelId: panel.id,
      trans,
      statusBar,
      restorer,
      palette
    });

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          const followFolder = () => {
            const folder = String(
              settings.composite.environmentFolder ?? 'environment'
            );
            envFiles.setFolder(folder);
            build.setFolder(folder);
            spawnOptionsOverride = String(
              settings.composite.spawnOptionsTemplate ?? ''
            );
          };
          followFolder();
          settings.changed.connect(followFolder);
        })
        .catch(reason => {
          console.error(
            'jupyterlab-envbuilder: settings failed to load',
            reason
          );
        });
    }
  }
};

export default plugin;
