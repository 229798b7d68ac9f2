import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { TranslationBundle } from '@jupyterlab/translation';

import { recordLastKnownGood } from '../api/environments';
import { restartWords } from '../components/handshakeText';
import { HandshakeModel } from '../model/handshake';
import { RestartModel, RestartState } from '../model/restart';
import { restartIcon } from '../icons';
import { CommandIDs } from '../tokens';
import { createRestartModel, runRestart } from '../widgets/restart';

export interface IRestartCommandOptions {
  handshake: HandshakeModel;
  /** The image a restart without one goes to (the newest build not running), or null. */
  newestImage: () => string | null;
  /** The user's override of the hub's spawn options template ('' for the hub's). */
  spawnOptionsOverride: () => string;
  docManager: IDocumentManager | null;
  /** An image in words ("environment/ · snapshot d099dfd"), not its escaped full name. */
  imageLabel: (image: string) => string;
  trans: TranslationBundle;
}

/**
 * `envbuilder:restart-into-image` with `{ image }`: move this named server onto the image
 * (after a build, or back to an earlier one from the history: the rollback).
 */
export function addRestartCommands(
  app: JupyterFrontEnd,
  options: IRestartCommandOptions
): void {
  const { handshake, docManager, trans } = options;
  let model: RestartModel | null = null;
  let modelTemplate = '';
  let progress: string | null = null;

  const showProgress = (_: RestartModel, state: RestartState) => {
    const message =
      state.phase === 'saving'
        ? trans.__(
            'Saving %1 document(s) before the restart…',
            state.documents.length
          )
        : state.phase === 'stopping'
          ? trans.__(
              'Stopping this server to start it on %1… (%2 s)',
              options.imageLabel(state.image),
              Math.round(state.waitedMs / 1000)
            )
          : state.phase === 'starting'
            ? trans.__(
                'Starting this server on %1…',
                options.imageLabel(state.image)
              )
            : null;
    if (message === null) {
      if (progress) {
        Notification.dismiss(progress);
        progress = null;
      }
      return;
    }
    if (progress) {
      Notification.update({ id: progress, message, type: 'in-progress' });
    } else {
      progress = Notification.emit(message, 'in-progress', {
        autoClose: false
      });
    }
  };

  const restartModel = (): RestartModel | null => {
    const shake = handshake.handshake;
    const override = options.spawnOptionsOverride().trim();
    if (model && override !== modelTemplate && !model.busy) {
      // The user changed the template in the settings editor.
      model = null;
    }
    if (!model && shake && docManager) {
      const restart = shake.capabilities.restart;
      const withOverride = override
        ? {
            ...shake,
            capabilities: {
              ...shake.capabilities,
              restart: { ...restart, spawnOptionsTemplate: override }
            }
          }
        : shake;
      model = createRestartModel(
        app,
        docManager,
        withOverride,
        recordLastKnownGood,
        trans
      );
      modelTemplate = override;
      model?.changed.connect(showProgress);
    }
    return model;
  };

  /** The image asked for, else the newest built one that is not running. */
  const imageOf = (args: { image?: unknown }): string =>
    typeof args.image === 'string' && args.image !== ''
      ? args.image
      : (options.newestImage() ?? '');

  app.commands.addCommand(CommandIDs.restartIntoImage, {
    label: args =>
      args.image
        ? trans.__('Restart into Environment %1', String(args.image))
        : trans.__('Restart into New Environment'),
    caption: args => {
      const image = imageOf(args);
      return image
        ? trans.__(
            'Save your documents, stop this server and start it again on %1; your home folder stays as it is',
            image
          )
        : trans.__(
            'Build an image first: there is no newer one to restart into'
          );
    },
    icon: restartIcon,
    describedBy: {
      args: {
        type: 'object',
        properties: {
          image: {
            type: 'string',
            description: trans.__(
              'The image to start on; by default the newest built one that is not running'
            )
          }
        }
      }
    },
    // Before the handshake has run the command stays enabled and runs it first. Only
    // reads: the restart model is made when a restart runs.
    isEnabled: args =>
      imageOf(args) !== '' &&
      handshake.handshake?.capabilities.restart.available !== false &&
      !model?.busy,
    execute: async args => {
      const image = imageOf(args);
      if (!image) {
        return;
      }
      if (!handshake.handshake) {
        // The panel has not been opened yet: ask the server what this hub allows first.
        await handshake.refresh();
      }
      const current = restartModel();
      if (!current) {
        const answer = handshake.handshake;
        const reason = answer
          ? restartWords(answer.capabilities.restart, answer.settings, trans)
              .text
          : trans.__('Restarting is not available on this server.');
        Notification.warning(reason, { autoClose: false });
        return;
      }
      await runRestart(current, image, trans);
    }
  });
}
