import { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  Notification,
  WidgetTracker
} from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IStateDB } from '@jupyterlab/statedb';
import { IStatusBar } from '@jupyterlab/statusbar';
import { TranslationBundle } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';

import {
  createSnapshot,
  fetchBuildRecord,
  openBuildStream,
  previewSnapshot,
  startBuild
} from '../api/build';
import { shortSha, stageLabel } from '../components/buildText';
import { BuildModel } from '../model/build';
import { IBuildState } from '../model/buildState';
import { EnvironmentFolder } from '../model/folder';
import { BuildHistoryModel } from '../model/history';
import { CommandIDs, PLUGIN_ID } from '../tokens';
import { IBuildPrecheck } from '../model/precheck';
import { SendFilesModel } from '../model/sendFiles';
import { dirtySaver } from '../widgets/buildDocuments';
import { BuildLogPanel } from '../widgets/BuildLogPanel';
import { BuildStatusItem } from '../widgets/BuildStatusItem';
import { agreedInState, askInDialog } from '../widgets/sendFilesDialog';

/**
 * The build model with the real requests, the document manager's saving, a check, and the
 * question about the files to send (agreements kept in the state database when there is one).
 */
export function createBuildModel(
  app: JupyterFrontEnd,
  options: {
    docManager: IDocumentManager | null;
    precheck: IBuildPrecheck | null;
    history: BuildHistoryModel;
    folder: EnvironmentFolder;
    state: IStateDB | null;
    trans: TranslationBundle;
  }
): BuildModel {
  const sendFiles = new SendFilesModel({
    preview: previewSnapshot,
    agreed: options.state ? agreedInState(options.state) : undefined,
    ask: askInDialog(options.trans)
  });
  return new BuildModel({
    api: {
      createSnapshot,
      startBuild,
      openStream: spec => openBuildStream(spec),
      fetchRecord: fetchBuildRecord
    },
    history: options.history,
    folder: options.folder,
    saveDirty: options.docManager
      ? dirtySaver(app.shell, options.docManager)
      : null,
    precheck: options.precheck,
    confirmSend: sendFiles.confirm,
    trans: options.trans.__.bind(options.trans)
  });
}

export interface IBuildCommandsOptions {
  model: BuildModel;
  /** The Environment panel, to show from notifications. */
  panelId: string;
  trans: TranslationBundle;
  statusBar: IStatusBar | null;
  restorer: ILayoutRestorer | null;
  palette: ICommandPalette | null;
}

type LogWidget = MainAreaWidget<BuildLogPanel>;

/**
 * The Build and Show Build Log commands, the log in the main area (restored after a
 * reload), the status bar item, notifications, and re-attaching to a running build.
 */
export function addBuildCommands(
  app: JupyterFrontEnd,
  options: IBuildCommandsOptions
): void {
  const { model, trans } = options;
  const tracker = new WidgetTracker<LogWidget>({
    namespace: 'envbuilder-build-log'
  });
  let current: LogWidget | null = null;
  const records = new Map<string, LogWidget>();

  const showWidget = (widget: LogWidget, activate: boolean) => {
    if (!widget.isAttached) {
      app.shell.add(widget, 'main', { activate });
      void tracker.add(widget);
    } else if (activate) {
      app.shell.activateById(widget.id);
    }
  };

  const currentLog = (): LogWidget => {
    if (!current || current.isDisposed) {
      const content = new BuildLogPanel({
        source: { kind: 'current', model },
        trans
      });
      current = new MainAreaWidget({ content });
      current.id = 'jp-envbuilder-build-log';
      current.title.label = trans.__('Build log');
      current.title.caption = trans.__('The log of the environment build');
    }
    return current;
  };

  const recordLog = async (id: string): Promise<LogWidget> => {
    const open = records.get(id);
    if (open && !open.isDisposed) {
      return open;
    }
    const { record, log } = await model.record(id);
    const content = new BuildLogPanel({
      source: { kind: 'record', record, log },
      trans
    });
    const widget = new MainAreaWidget({ content });
    widget.id = `jp-envbuilder-build-log-${id}`;
    widget.title.label = trans.__('Build log %1', shortSha(record.ref));
    widget.title.caption = trans.__(
      'Build of %1 started %2',
      record.spec,
      record.startedAt ?? '?'
    );
    records.set(id, widget);
    widget.disposed.connect(() => records.delete(id));
    return widget;
  };

  app.commands.addCommand(CommandIDs.build, {
    label: trans.__('Build Environment Image'),
    caption: trans.__(
      'Save the environment files, take a snapshot of the environment folder and build an image from it'
    ),
    describedBy: { args: { type: 'object', properties: {} } },
    isEnabled: () => !model.busy,
    execute: async () => {
      showWidget(currentLog(), false);
      await model.build();
    }
  });

  app.commands.addCommand(CommandIDs.showBuildLog, {
    label: args =>
      args.id
        ? trans.__('Show Log of Build %1', String(args.id))
        : trans.__('Show Build Log'),
    caption: trans.__('Open the whole log of the environment build'),
    describedBy: {
      args: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            description: trans.__(
              'A build of the history; none: the current build'
            )
          },
          line: {
            type: 'number',
            description: trans.__('A line to show, counted from 0')
          },
          activate: { type: 'boolean' }
        }
      }
    },
    execute: async args => {
      const id = typeof args.id === 'string' && args.id !== '' ? args.id : null;
      let widget: LogWidget;
      try {
        widget = id ? await recordLog(id) : currentLog();
      } catch (error) {
        Notification.error(
          trans.__('The build log could not be loaded: %1', String(error)),
          { autoClose: 8000 }
        );
        return;
      }
      showWidget(widget, args.activate !== false);
      if (typeof args.line === 'number') {
        widget.content.reveal(args.line);
      }
      return widget;
    }
  });

  if (options.palette) {
    const category = trans.__('Environment');
    options.palette.addItem({ command: CommandIDs.build, category });
    options.palette.addItem({ command: CommandIDs.showBuildLog, category });
  }

  void options.restorer?.restore(tracker, {
    command: CommandIDs.showBuildLog,
    args: widget => ({ id: widget.content.recordId ?? '', activate: false }),
    name: widget => widget.content.recordId ?? 'current'
  });

  const active = new Signal<BuildModel, void>(model);
  model.stateChanged.connect(() => active.emit());
  options.statusBar?.registerStatusItem(`${PLUGIN_ID}:build-status`, {
    item: new BuildStatusItem({
      model,
      trans,
      onClick: () => void app.commands.execute(CommandIDs.showBuildLog)
    }),
    align: 'left',
    rank: 50,
    isActive: () => model.state.stage !== 'idle' && !model.state.fromHistory,
    activeStateChanged: active
  });

  model.stateChanged.connect(notifier(app, options));
  model.stateChanged.connect(() =>
    app.commands.notifyCommandChanged(CommandIDs.build)
  );

  // A build that was running when this page (re)loaded goes on in the server: follow it.
  void app.restored.then(() => model.resume());
}

/** Notifications: one per build, in progress, then done or failed, with actions. */
function notifier(
  app: JupyterFrontEnd,
  options: IBuildCommandsOptions
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
          state.reattached
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
        const restart = app.commands.hasCommand(CommandIDs.restartIntoImage);
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
          state.cacheHit
            ? trans.__(
                'Nothing changed: the environment is built already: %1',
                image
              )
            : state.dryRun
              ? trans.__('Build done (dry run: no image was built): %1', image)
              : trans.__('Your environment image is ready: %1', image),
          'success',
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
