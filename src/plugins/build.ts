import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

// Activation registers the commands and builds the section at once.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { addBuildCommands, createBuildModel } from '../commands/build';
import { IBuildPrecheck } from '../model/precheck';
import {
  IEnvBuild,
  IEnvBuilder,
  IEnvFilesCheck,
  TRANSLATION_DOMAIN
} from '../tokens';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { BuildSection } from '../widgets/BuildSection';

/** Where the Build section sits in the panel. */
const RANK = 200;

/**
 * Building the environment folder into an image: the Build section and toolbar button, the
 * build log in the main area, what the overview and status bar say, and the notifications.
 */
export const buildPlugin: JupyterFrontEndPlugin<IEnvBuild> = {
  id: 'jupyterlab-envbuilder:build',
  description:
    'Build the environment folder into an image through the hub’s build service, and follow its log.',
  autoStart: true,
  provides: IEnvBuild,
  requires: [IEnvBuilder],
  optional: [
    ITranslator,
    IDocumentManager,
    ILayoutRestorer,
    ICommandPalette,
    IEnvFilesCheck,
    IStateDB
  ],
  activate: (
    app: JupyterFrontEnd,
    core: IEnvBuilder,
    translator: ITranslator | null,
    docManager: IDocumentManager | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    precheck: IBuildPrecheck | null,
    state: IStateDB | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const model = createBuildModel(app, {
      docManager,
      precheck,
      history: core.history,
      folder: core.folder,
      state,
      trans
    });
    addBuildCommands(app, { model, core, trans, restorer, palette });
    const section = new BuildSection({
      model,
      commands: app.commands,
      core,
      trans
    });
    core.addSection(section, RANK);
    return {
      buildSpec: (spec: string) => {
        core.showSection(section);
        return model.buildSpec(spec);
      },
      get busy() {
        return model.busy;
      }
    };
  }
};
