import { Dialog, showDialog } from '@jupyterlab/apputils';
import { IStateDB } from '@jupyterlab/statedb';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import { SendFilesView } from '../components/SendFilesView';
import { AskToSend, IAgreedFiles } from '../model/sendFiles';
import { PLUGIN_ID } from '../tokens';

/**
 * Asks in a dialog: the list of files, Cancel and "Send and build" (Escape and Enter), so the
 * question is answered before anything leaves, wherever the Build was started from.
 */
export function askInDialog(trans: TranslationBundle): AskToSend {
  return async request => {
    const body = ReactWidget.create(
      <SendFilesView request={request} trans={trans} />
    );
    body.addClass('jp-EnvBuilder-sendFilesDialog');
    const result = await showDialog({
      title: request.firstTime
        ? trans.__('Files to send for the first build')
        : trans.__('New files to send'),
      body,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({
          label: trans.__('Send and Build'),
          caption: trans.__(
            'Send these files to the build service and build the image'
          )
        })
      ]
    });
    return result.button.accept;
  };
}

/** Agreements kept in JupyterLab's state database: they outlive a reload. */
export function agreedInState(state: IStateDB): IAgreedFiles {
  const key = `${PLUGIN_ID}:agreed-files`;
  return {
    load: async () =>
      ((await state.fetch(key)) as Record<string, string[]> | undefined) ?? {},
    save: async agreed => {
      await state.save(key, agreed as Record<string, string[]>);
    }
  };
}
