import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { SOURCE_PARAMETER } from '../contract';
import { IEnvBuild, IEnvBuilder, TRANSLATION_DOMAIN } from '../tokens';
import { SourcesSection } from '../widgets/SourcesSection';

/** Where the Sources section sits in the panel: after Build, whose log it uses. */
const RANK = 250;

/**
 * Environments from elsewhere: a repository address with a ref, a DOI, or a
 * mybinder.org-style link, built through the Build section.
 */
export const sourcesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-envbuilder:sources',
  description:
    'Build an environment from a repository, a DOI or a Binder link, with the same log, history and restart as the folder.',
  autoStart: true,
  requires: [IEnvBuilder],
  // Without the build plugin the section still says what a source means.
  optional: [IEnvBuild, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    core: IEnvBuilder,
    build: IEnvBuild | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    // A Binder-style link opened on the hub's page arrives in the address (`hub/source.py`):
    // the section opens with it. Otherwise it starts folded: the folder's workflow (files,
    // build) keeps its room.
    const handed = new URL(window.location.href).searchParams.get(
      SOURCE_PARAMETER
    );
    const section = new SourcesSection({ build, input: handed ?? '', trans });
    core.addSection(section, RANK, { collapsed: !handed });
    if (handed) {
      void app.restored.then(() => core.showSection(section));
    }
  }
};
