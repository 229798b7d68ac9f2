import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { pinsApi } from '../api/pins';
// Activation builds the section at once; it asks the server only when the user does.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { PinsModel } from '../model/pins';
import { IEnvBuilder, TRANSLATION_DOMAIN } from '../tokens';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { PinsSection } from '../widgets/PinsSection';

/** After the environment files, which it writes, and before Build. */
const RANK = 150;

/**
 * Pin versions: the exact versions this server runs written back into the environment
 * files once accepted, and the packages installed by hand since it started.
 */
export const pinsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-envbuilder:pins',
  description:
    'Pin the environment files to the versions this server runs, and show packages installed by hand.',
  autoStart: true,
  requires: [IEnvBuilder],
  optional: [ITranslator],
  activate: (
    _app: JupyterFrontEnd,
    core: IEnvBuilder,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const model = new PinsModel(pinsApi, core.folder);
    const section = new PinsSection({ model, trans });
    // Folded at first: the folder's workflow (files, build) keeps its room.
    core.addSection(section, RANK, { collapsed: true });
  }
};
