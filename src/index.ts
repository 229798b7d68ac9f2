import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { fetchHandshake } from './api/status';
import { HandshakeModel } from './model/handshake';
import { CommandIDs, PLUGIN_ID, TRANSLATION_DOMAIN } from './tokens';
import { FRONTEND_VERSION } from './version';
// The sidebar tab must exist when Lab starts; heavy views inside it load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvironmentPanel } from './widgets/EnvironmentPanel';

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Manage your own environment on a JupyterHub: edit, build, restart, share.',
  autoStart: true,
  optional: [ILayoutRestorer, ICommandPalette, ISettingRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const handshake = new HandshakeModel(fetchHandshake, FRONTEND_VERSION);
    const panel = new EnvironmentPanel({ handshake, trans });
    app.shell.add(panel, 'left', { rank: 750 });
    restorer?.add(panel, 'envbuilder-panel');

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

    if (settingRegistry) {
      settingRegistry.load(PLUGIN_ID).catch(reason => {
        console.error('jupyterlab-envbuilder: settings failed to load', reason);
      });
    }
  }
};

export default plugin;
