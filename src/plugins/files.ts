import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  IDocumentManager,
  IDocumentWidgetOpener
} from '@jupyterlab/docmanager';
import { IEditorTracker } from '@jupyterlab/fileeditor';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

// Activation builds the section at once.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvFilesModel } from '../model/envfiles';
import { IBuildPrecheck } from '../model/precheck';
import { IEnvBuilder, IEnvFilesCheck, TRANSLATION_DOMAIN } from '../tokens';

import { EnvFileEditors } from '../widgets/envFileEditors';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvFilesSection } from '../widgets/EnvFilesSection';

/** Where the Environment files section sits in the panel. */
const RANK = 100;

/**
 * The Environment files section: what the folder holds, what repo2docker will do with it,
 * and the problems in its files, checked as the user types; it is also the build's check.
 */
export const filesPlugin: JupyterFrontEndPlugin<IBuildPrecheck> = {
  id: 'jupyterlab-envbuilder:files',
  description:
    'The Environment files section: the environment folder, explained and checked as you type.',
  autoStart: true,
  requires: [IEnvBuilder],
  optional: [
    ITranslator,
    IDocumentManager,
    IDocumentWidgetOpener,
    IEditorTracker
  ],
  provides: IEnvFilesCheck,
  activate: (
    app: JupyterFrontEnd,
    core: IEnvBuilder,
    translator: ITranslator | null,
    docManager: IDocumentManager | null,
    opener: IDocumentWidgetOpener | null,
    editorTracker: IEditorTracker | null
  ): IBuildPrecheck => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const editors = new EnvFileEditors({
      commands: app.commands,
      docManager,
      opener,
      editorTracker
    });
    const model = new EnvFilesModel({
      contents: app.serviceManager.contents,
      documents: editors,
      folder: core.folder,
      settings: core.handshake,
      trans: trans.__.bind(trans)
    });
    // "Changed since this server started": the environment history compares the folder's
    // snapshot with the build of the running image, asked again when the files change (the
    // first listing needs none: the handshake asks for the history once at start).
    let listed: string | null = null;
    model.stateChanged.connect((_, state) => {
      if (state.kind !== 'ready') {
        return;
      }
      const files = JSON.stringify(
        state.files.map(f => [f.path, f.size, f.lastModified])
      );
      if (listed !== null && files !== listed) {
        void core.environments.refresh();
      }
      listed = files;
    });
    core.addSection(
      new EnvFilesSection({
        model,
        trans,
        open: (path, position) => editors.open(path, position),
        environments: core.environments
      }),
      RANK
    );
    return model;
  }
};
