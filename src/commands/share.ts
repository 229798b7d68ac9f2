import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, Notification } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { TranslationBundle } from '@jupyterlab/translation';
import { linkIcon } from '@jupyterlab/ui-components';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import type { ShareModel } from '../model/share';
import { launchLinkNotice } from '../model/shareNotice';
import { CommandIDs } from '../tokens';

/**
 * The notebook a command call is about: `path` when given; the file browser's selection when
 * called from its context menu (`source: 'filebrowser'`); else the notebook in the main area.
 */
export function notebookToShare(
  app: JupyterFrontEnd,
  docManager: IDocumentManager | null,
  fileBrowser: IDefaultFileBrowser | null,
  args: ReadonlyPartialJSONObject
): string | null {
  if (typeof args.path === 'string') {
    return args.path;
  }
  if (args.source === 'filebrowser') {
    const item = fileBrowser?.selectedItems().next();
    return item && !item.done && item.value.type === 'notebook'
      ? item.value.path
      : null;
  }
  const current = app.shell.currentWidget;
  const context = current && docManager?.contextForWidget(current);
  return context && context.path.endsWith('.ipynb') ? context.path : null;
}

/**
 * "Copy Launch Link": fill the Share section from a notebook's git clone, show it, and copy
 * the link when it is complete.
 */
export function addShareCommands(
  app: JupyterFrontEnd,
  options: {
    /** Show the Share section with the keyboard focus in it. */
    showShare: () => void;
    /** The Share section's state, loaded on first use. */
    share: () => Promise<ShareModel>;
    docManager: IDocumentManager | null;
    fileBrowser: IDefaultFileBrowser | null;
    trans: TranslationBundle;
  }
): void {
  const { docManager, fileBrowser, trans } = options;
  app.commands.addCommand(CommandIDs.copyLaunchLink, {
    // Toolbar buttons show the icon only.
    label: args => (args.toolbar ? '' : trans.__('Copy Launch Link')),
    caption: trans.__(
      'Copy a link that gives students this notebook in a chosen environment (opens the Share section)'
    ),
    icon: linkIcon,
    describedBy: {
      args: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
            description: trans.__(
              'The notebook, relative to the server root; by default the selected or current one'
            )
          },
          source: {
            type: 'string',
            enum: ['filebrowser'],
            description: trans.__('Share the file browser’s selection')
          }
        }
      }
    },
    isEnabled: args =>
      notebookToShare(app, docManager, fileBrowser, args) !== null,
    execute: async args => {
      const path = notebookToShare(app, docManager, fileBrowser, args);
      if (path === null) {
        return;
      }
      options.showShare();
      const share = await options.share();
      await share.shareNotebook(path);
      const result = share.result;
      if (result.ok) {
        Clipboard.copyToSystem(result.value.url);
      }
      // A link that will not give students this notebook is never a green check.
      const notice = launchLinkNotice(
        path,
        result.ok,
        share.warnings,
        trans.__.bind(trans)
      );
      if (notice.type === 'success') {
        Notification.success(notice.message, { autoClose: 5000 });
      } else {
        Notification.warning(notice.message, { autoClose: 8000 });
      }
    }
  });
}
