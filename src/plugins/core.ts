import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import { Poll } from '@lumino/polling';
import { Signal } from '@lumino/signaling';

import { fetchEnvironments } from '../api/environments';
import { packagesApi } from '../api/packages';
import { savedApi } from '../api/saved';
import { fetchBuildHistory } from '../api/share';
import { fetchHandshake } from '../api/status';
// The panel's first view (status bar, overview) needs these models at once.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvironmentsModel } from '../model/environments';
import { DEFAULT_ENVIRONMENT_FOLDER, EnvironmentFolder } from '../model/folder';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import {
  HandshakeModel,
  RECHECK_INTERVAL,
  recheckInterval
} from '../model/handshake';
import { BuildHistoryModel } from '../model/history';
import { imageLabeller } from '../model/imageNames';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { OverviewModel } from '../model/overview';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { PackagesModel } from '../model/packages';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { SavedModel } from '../model/saved';
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
import { EnvironmentStatusItem } from '../widgets/EnvironmentStatusItem';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { StatusSection } from '../widgets/StatusSection';
import { focusFirstControl } from '../widgets/focusControl';

/** Where the "Server and hub" section sits: after every feature's section. */
const STATUS_RANK = 1000;

/**
 * The Environment panel with its toolbar, overview and "Server and hub" section, the handshake, the environment
 * history, the build history and the environment folder, for the feature plugins to use.
 */
export const corePlugin: JupyterFrontEndPlugin<IEnvBuilder> = {
  id: PLUGIN_ID,
  description:
    'The Environment sidebar: what the server and the hub allow, and the images this server ran on.',
  autoStart: true,
  provides: IEnvBuilder,
  optional: [
    ILayoutRestorer,
    ICommandPalette,
    ISettingRegistry,
    ITranslator,
    IStatusBar
  ],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null,
    statusBar: IStatusBar | null
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

    const overview = new OverviewModel({
      handshake,
      environments,
      history,
      folder,
      trans: trans.__.bind(trans)
    });
    const panel = new EnvironmentPanel({
      handshake,
      overview,
      commands: app.commands,
      trans
    });
    // Details of the server and hub come last and closed: the overview and the header's
    // status say what matters, and the section opens itself when the check fails.
    const status = new StatusSection({
      handshake,
      environments,
      commands: app.commands,
      trans
    });
    panel.addSection(status, STATUS_RANK, { collapsed: true });
    handshake.changed.connect((_, state) => {
      if (state.kind !== 'ready' && state.kind !== 'loading') {
        panel.showSection(status);
      }
    });
    app.shell.add(panel, 'left', { rank: 750 });
    restorer?.add(panel, 'envbuilder-panel');
    void app.restored.then(() => panel.checkOnceVisible());
    // "Available" means reachable now: asked again while the panel is in view, never
    // while it or the browser tab is hidden.
    const recheck = new Poll({
      factory: () => handshake.refresh({ quiet: true }),
      frequency: { interval: RECHECK_INTERVAL, backoff: false },
      standby: () => !panel.isVisible || !panel.checked || document.hidden,
      name: 'envbuilder:handshake'
    });
    panel.disposed.connect(() => recheck.dispose());
    handshake.changed.connect((_, state) => {
      if (state.kind !== 'ready') {
        return;
      }
      const interval = recheckInterval(state.handshake);
      if (interval !== recheck.frequency.interval) {
        recheck.frequency = { ...recheck.frequency, interval };
        // The next check comes at the new interval, not at the one scheduled before.
        void recheck.schedule({ interval, phase: 'resolved' });
      }
    });

    app.commands.addCommand(CommandIDs.openPanel, {
      label: trans.__('Open the Environment Panel'),
      caption: trans.__('Show the Environment sidebar'),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        app.shell.activateById(panel.id);
        panel.focusFirst();
        // The command palette gives the focus back to where it was when it closes.
        requestAnimationFrame(() => panel.focusFirst());
      }
    });
    app.commands.addCommand(CommandIDs.refreshStatus, {
      label: trans.__('Check Environment Status Again'),
      caption: trans.__(
        'Ask the server and the hub again what is available, and reload the build history'
      ),
      icon: refreshIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: async () => {
        await Promise.all([handshake.refresh(), history.refresh()]);
      }
    });
    app.commands.addCommand(CommandIDs.showSection, {
      label: trans.__('Show a Section of the Environment Panel'),
      caption: trans.__('Show the Environment panel with one section open'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            section: {
              type: 'string',
              description: trans.__(
                'status, envfiles, build, share, or a section another plugin added'
              )
            }
          },
          required: ['section']
        }
      },
      execute: args => {
        app.shell.activateById(panel.id);
        const section = panel.sectionNamed(String(args.section ?? ''));
        if (section) {
          panel.showSection(section);
          focusFirstControl(section.node);
        }
      }
    });
    panel.addToolbarButton(CommandIDs.refreshStatus, 90);
    const showPanel = () => void app.commands.execute(CommandIDs.openPanel);
    const statusChanged = new Signal<OverviewModel, void>(overview);
    statusBar?.registerStatusItem(`${PLUGIN_ID}:environment`, {
      item: new EnvironmentStatusItem({
        model: overview,
        trans,
        onClick: showPanel
      }),
      align: 'left',
      rank: 50,
      isActive: () => true,
      activeStateChanged: statusChanged
    });
    overview.changed.connect(() => statusChanged.emit());
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
      saved: new SavedModel(savedApi),
      packages: new PackagesModel(packagesApi),
      folder,
      overview,
      imageLabel: imageLabeller(history, folder, trans.__.bind(trans)),
      panelId: panel.id,
      addSection: (widget, rank, options) =>
        panel.addSection(widget, rank, options),
      showSection: widget => {
        app.shell.activateById(panel.id);
        panel.showSection(widget);
      },
      addToolbarButton: (command, rank) => panel.addToolbarButton(command, rank)
    };
  }
};
