import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

// Activation registers the command at once.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { addRestartCommands } from '../commands/restart';
import { fetchEnvironments, recordFailedStart } from '../api/environments';
import {
  CommandIDs,
  IEnvBuilder,
  PLUGIN_ID,
  TRANSLATION_DOMAIN
} from '../tokens';
// Runs once at start, and only asks the server when this page left for a restart.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { announceArrival } from '../widgets/arrival';

/**
 * Restarting this named server onto another image (a new build, or an earlier one: the
 * rollback), driven from the browser tab because the server cannot restart itself.
 */
export const restartPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-envbuilder:restart',
  description:
    'Restart this server onto a built image, keeping the home folder and the named server.',
  autoStart: true,
  requires: [IEnvBuilder],
  optional: [ITranslator, IDocumentManager, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    core: IEnvBuilder,
    translator: ITranslator | null,
    docManager: IDocumentManager | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    // The user's override of the hub's spawn options template, in the extension's settings.
    let spawnOptionsOverride = '';
    settingRegistry
      ?.load(PLUGIN_ID)
      .then(settings => {
        const follow = () => {
          spawnOptionsOverride = String(
            settings.composite.spawnOptionsTemplate ?? ''
          );
        };
        follow();
        settings.changed.connect(follow);
      })
      .catch(reason => {
        console.error('jupyterlab-envbuilder: settings failed to load', reason);
      });
    addRestartCommands(app, {
      handshake: core.handshake,
      newestImage: () => {
        const running = core.environments.environments?.runningImage;
        return (
          core.history.images.find(built => built.image !== running)?.image ??
          null
        );
      },
      docManager,
      imageLabel: core.imageLabel,
      trans,
      spawnOptionsOverride: () => spawnOptionsOverride
    });
    core.addToolbarButton(CommandIDs.restartIntoImage, 20);
    const notify = () =>
      app.commands.notifyCommandChanged(CommandIDs.restartIntoImage);
    core.history.changed.connect(notify);
    core.environments.changed.connect(notify);
    core.handshake.changed.connect(notify);
    // Back after a restart: say how it ended, and keep a failed start in the history.
    void app.restored
      .then(() =>
        announceArrival({
          runningImage: async () =>
            (await fetchEnvironments(core.folder.path)).runningImage,
          recordFailedStart,
          // The history names images built here; it is read at start anyway.
          imageLabel: async image => {
            await core.history.load();
            return core.imageLabel(image);
          },
          showHistory: () => app.shell.activateById(core.panelId),
          trans
        })
      )
      .then(() => {
        if (core.environments.environments) {
          void core.environments.refresh();
        }
      });
  }
};
