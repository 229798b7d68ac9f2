import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { fetchEnvironments } from '../api/environments';
import { fetchBuildHistory } from '../api/share';
import { fetchHandshake } from '../api/status';
import { EnvironmentsModel } from '../model/environments';
import { DEFAULT_ENVIRONMENT_FOLDER, EnvironmentFolder } from '../model/folder';
import { HandshakeModel } from '../model/handshake';
import { BuildHistoryModel } from '../model/history';
import {
  CommandIDs,
  IEnvBuilder,
  PLUGIN_ID,
  TRANSLATION_DOMAIN
} from '../tokens';
import { FRONTEND_VERSION } from '../version';
// The sidebar tab must exist when Lab starts; heavy views inside it load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvironmentPanel } from '../widgets/EnvironmentPanel';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { StatusSection } from '../widgets/StatusSection';

/**
 * The Environment panel with its "Server and hub" section, the handshake, the environment
 * history, the build history and the environment folder, for the feature plugins to use.
 */
export const corePlugin: JupyterFrontEndPlugin<IEnvBuilder> = {
  id: PLUGIN_ID,
  description:
    'The Environment sidebar: what the server and the hub allow, and the images this server ran on.',
  autoStart: true,
  provides: IEnvBuilder,
  optional: [ILayoutRestorer, ICommandPalette, ISettingRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ): IEnvBuilder => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const handshake = new HandshakeModel(fetchHandshake, FRONTEND_VERSION);
    const folder = new EnvironmentFolder();
    const history = new BuildHistoryModel(fetchBuildHistory);
    const environments = new EnvironmentsModel(
      fetchEnvironments,
      folder,
      history
    );
    // Running image, last-known-good, and "changed since this server started" for the folder.
    handshake.changed.connect((_, state) => {
      if (state.kind === 'ready') {
        void environments.refresh();
      }
    });
    folder.changed.connect(() => {
      if (handshake.handshake) {
        void environments.refresh();
      }
    });

    const panel = new EnvironmentPanel({ handshake, trans });
    panel.addSection(
      new StatusSection({
        handshake,
        environments,
        commands: app.commands,
        trans
      }),
      0
    );
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

    settingRegistry
      ?.load(PLUGIN_ID)
      .then(settings => {
        const follow = () =>
          folder.set(
            String(
              settings.composite.environmentFolder ?? DEFAULT_ENVIRONMENT_FOLDER
            )
          );
        follow();
        settings.changed.connect(follow);
      })
      .catch(reason => {
        console.error('jupyterlab-envbuilder: settings failed to load', reason);
      });

    return {
      handshake,
      environments,
      history,
      folder,
      panelId: panel.id,
      addSection: (widget, rank) => panel.addSection(widget, rank),
      showSection: widget => {
        app.shell.activateById(panel.id);
        panel.showSection(widget);
      }
    };
  }
};
