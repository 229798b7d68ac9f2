import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { shareIcon } from '@jupyterlab/ui-components';

import { fetchGitInfo } from '../api/share';
// Activation registers the command and adds the section's header at once.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { addShareCommands } from '../commands/share';
import { CommandIDs, IEnvBuilder, TRANSLATION_DOMAIN } from '../tokens';
import { ShareSection } from '../widgets/ShareSection';

/** Where the Share section sits in the panel: last, as in the workflow. */
const RANK = 400;

/**
 * Launch links for students: the Share section and "Copy Launch Link" on notebooks.
 */
export const sharePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-envbuilder:share',
  description:
    'Launch links that give students a notebook in a chosen environment, with badges.',
  autoStart: true,
  requires: [IEnvBuilder],
  optional: [
    ITranslator,
    IDocumentManager,
    IDefaultFileBrowser,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    core: IEnvBuilder,
    translator: ITranslator | null,
    docManager: IDocumentManager | null,
    fileBrowser: IDefaultFileBrowser | null,
    palette: ICommandPalette | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const section = new ShareSection({
      model: {
        handshake: core.handshake,
        history: core.history,
        fetchGitInfo,
        origin: window.location.origin,
        trans: trans.__.bind(trans)
      },
      trans
    });
    // Closed at first: sharing is an occasional step, its header says it is there.
    core.addSection(section, RANK, { collapsed: true });
    addShareCommands(app, {
      showShare: () => {
        core.showSection(section);
        section.focusForm();
      },
      share: () => section.model(),
      docManager,
      fileBrowser,
      trans
    });
    app.commands.addCommand(CommandIDs.share, {
      label: trans.__('Share Environment'),
      caption: trans.__(
        'Make a launch link that gives students an environment of the build history and a notebook'
      ),
      icon: shareIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        core.showSection(section);
        section.focusForm();
      }
    });
    core.addToolbarButton(CommandIDs.share, 30);
    const category = trans.__('Environment');
    palette?.addItem({ command: CommandIDs.copyLaunchLink, category });
    palette?.addItem({ command: CommandIDs.share, category });
  }
};
