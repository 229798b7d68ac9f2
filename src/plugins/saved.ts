import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { IEnvBuilder, TRANSLATION_DOMAIN } from '../tokens';
// Activation builds the section at once.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { SavedSection } from '../widgets/SavedSection';

/** After Sources and before Share: what was built, kept by name. */
const RANK = 300;

/**
 * Saved environments: a built image kept by name in the home; restart into it, start a
 * named server on it, share it.
 */
export const savedPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-envbuilder:saved',
  description:
    'Keep built environments by name, and start servers on them or share them.',
  autoStart: true,
  requires: [IEnvBuilder],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    core: IEnvBuilder,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const section = new SavedSection({
      model: core.saved,
      packages: core.packages,
      history: core.history,
      environments: core.environments,
      actions: async () =>
        (await import('../widgets/savedActions')).savedActions(
          app,
          core.handshake,
          trans
        ),
      trans
    });
    // Folded at first: the folder's workflow (files, build) keeps its room.
    core.addSection(section, RANK, { collapsed: true });
  }
};
