import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { stageLabel } from '../components/buildText';
import { BuildModel } from '../model/build';
import { IBuildState } from '../model/buildState';
import { CommandIDs } from '../tokens';

/** Notifications: one per build, in progress, then done or failed, with actions. */
export function notifier(
  app: JupyterFrontEnd,
  options: { panelId: string; trans: TranslationBundle }
): (model: BuildModel, state: IBuildState) => void {
  const { trans } = options;
  let id: string | null = null;
  /** The last build's outcome, dismissed when the next build starts. */
  let outcome: string | null = null;
  let shown: string | null = null;

  const showLog: Notification.IAction = {
    label: trans.__('Show log'),
    caption: trans.__('Open the whole build log'),
    callback: () => void app.commands.execute(CommandIDs.showBuildLog)
  };
  const showDetails: Notification.IAction = {
    label: trans.__('Show details'),
    caption: trans.__('Open the build log and the Build section'),
    callback: () => {
      app.shell.activateById(options.panelId);
      void app.commands.execute(CommandIDs.showBuildLog);
    }
  };

  const post = (
    message: string,
    type: Notification.TypeOptions,
    autoClose: number | false,
    actions: Notification.IAction[]
  ) => {
    if (id && Notification.update({ id, message, type, autoClose, actions })) {
      return;
    }
    id = Notification.emit(message, type, { autoClose, actions });
  };

  return (model, state) => {
    if (state.fromHistory) {
      return;
    }
    // One notification per state worth telling; phases of one build update it.
    const key = `${state.stage}:${state.phase ?? ''}`;
    if (key === shown) {
      return;
    }
    shown = key;
    switch (state.stage) {
      case 'checking':
        if (outcome) {
          Notification.dismiss(outcome);
        }
        id = outcome = null;
        return;
      case 'watching':
        post(
          // After a reload the replayed events say soon how far the build is; until then
          // say what is known, not "Connecting", which it is not.
          state.reattached && state.phase === null
            ? trans.__('Following the build that was running when you left…')
            : state.reattached
              ? trans.__(
                  'Following the running build: %1…',
                  stageLabel(state, trans)
                )
              : trans.__(
                  'Building your environment: %1…',
                  stageLabel(state, trans)
                ),
          'in-progress',
          false,
          [showLog]
        );
        return;
      case 'ready': {
        // A dry run built no image: there is nothing to restart into.
        const restart =
          !state.dryRun && app.commands.hasCommand(CommandIDs.restartIntoImage);
        const image = state.imageName ?? '';
        const actions = [showLog];
        if (restart) {
          actions.push({
            label: trans.__('Restart into new environment'),
            caption: image,
            displayType: 'accent',
            callback: () =>
              void app.commands.execute(CommandIDs.restartIntoImage, { image })
          });
        }
        post(
          state.dryRun
            ? state.cacheHit
              ? trans.__(
                  'Nothing changed since the dry run of these files. No image was built: the build service has no container engine.'
                )
              : trans.__(
                  'Dry run done: repo2docker wrote the Dockerfile, no image was built (the build service has no container engine).'
                )
            : state.cacheHit
              ? trans.__(
                  'Nothing changed: the environment is built already: %1',
                  image
                )
              : trans.__('Your environment image is ready: %1', image),
          state.dryRun ? 'info' : 'success',
          restart ? 15000 : 8000,
          actions
        );
        outcome = id;
        id = null;
        return;
      }
      case 'failed':
        post(
          model.explanation?.title ?? trans.__('The environment build failed.'),
          'error',
          false,
          [showDetails]
        );
        outcome = id;
        id = null;
        return;
      case 'blocked':
        post(
          trans._n(
            'Not built: %1 problem in the environment files.',
            'Not built: %1 problems in the environment files.',
            state.problems.length
          ),
          'warning',
          10000,
          [showDetails]
        );
        outcome = id;
        id = null;
        return;
      case 'stopped':
        post(
          trans.__(
            'Stopped watching the build. It goes on; build again or use Watch again to re-attach.'
          ),
          'info',
          8000,
          []
        );
        outcome = id;
        id = null;
        return;
    }
  };
}
