import { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  Notification,
  WidgetTracker
} from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IStateDB } from '@jupyterlab/statedb';
import { TranslationBundle } from '@jupyterlab/translation';
import { buildIcon, listIcon } from '@jupyterlab/ui-components';

import {
  createSnapshot,
  fetchBuildRecord,
  openBuildStream,
  previewSnapshot,
  startBuild
} from '../api/build';
import { buildOffReason, noAnswerReason } from '../components/buildOff';
import { shortSha, stageLabel } from '../components/buildText';
import { BuildModel } from '../model/build';
import { EnvironmentFolder } from '../model/folder';
import { BuildHistoryModel } from '../model/history';
import { IBuildFacts } from '../model/overview';
import { CommandIDs, IEnvBuilder } from '../tokens';
import { IBuildPrecheck } from '../model/precheck';
import { SendFilesModel } from '../model/sendFiles';
import { dirtySaver } from '../widgets/buildDocuments';
import type { BuildLogPanel } from '../widgets/BuildLogPanel';
import { agreedInState, askInDialog } from '../widgets/sendFilesDialog';
import { notifier } from './buildNotifications';

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
  /** The panel's core: its id, the handshake and folder that say whether Build can run. */
  core: IEnvBuilder;
  trans: TranslationBundle;
  restorer: ILayoutRestorer | null;
  palette: ICommandPalette | null;
}

/** What the panel's overview and status bar say about the build. */
export function buildFacts(
  model: BuildModel,
  trans: TranslationBundle
): IBuildFacts {
  const state = model.state;
  const stage = state.stage;
  return {
    kind:
      stage === 'confirming'
        ? 'asking'
        : model.busy
          ? 'busy'
          : stage === 'ready' || stage === 'failed' || stage === 'blocked'
            ? stage
            : stage === 'stopped'
              ? 'stopped'
              : 'idle',
    label: stageLabel(state, trans),
    sha: state.sha,
    imageName: state.imageName,
    cacheHit: state.cacheHit,
    dryRun: state.stage === 'ready' && state.dryRun,
    filesProblem: model.busy ? null : model.blockedReason
  };
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
  const { model, trans, core } = options;
  // The log view is fetched when a log is first shown, not when Lab starts.
  const logPanel = () => import('../widgets/BuildLogPanel');
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

  const currentLog = async (): Promise<LogWidget> => {
    if (!current || current.isDisposed) {
      const { BuildLogPanel } = await logPanel();
      const content = new BuildLogPanel({
        source: { kind: 'current', model },
        trans,
        imageLabel: core.imageLabel
      });
      current = new MainAreaWidget({ content });
      current.id = 'jp-envbuilder-build-log';
      current.title.label = trans.__('Build log');
      current.title.caption = trans.__('The log of the environment build');
      current.title.icon = buildIcon;
    }
    return current;
  };

  const recordLog = async (id: string): Promise<LogWidget> => {
    const open = records.get(id);
    if (open && !open.isDisposed) {
      return open;
    }
    const { BuildLogPanel, openRecordPages } = await logPanel();
    const { pages, record } = await openRecordPages(model, id, trans);
    const content = new BuildLogPanel({
      source: { kind: 'record', pages },
      trans,
      imageLabel: core.imageLabel
    });
    const widget = new MainAreaWidget({ content });
    widget.id = `jp-envbuilder-build-log-${id}`;
    widget.title.icon = buildIcon;
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

  const offReason = () =>
    noAnswerReason(core.handshake.state, trans) ??
    buildOffReason(
      core.handshake.handshake,
      core.environments.environments,
      trans
    );
  app.commands.addCommand(CommandIDs.build, {
    label: trans.__('Build Environment Image'),
    caption: trans.__(
      'Save the environment files, take a snapshot of the environment folder and build an image from it'
    ),
    icon: buildIcon,
    describedBy: { args: { type: 'object', properties: {} } },
    isEnabled: () => !model.busy && offReason() === null,
    execute: async () => {
      showWidget(await currentLog(), false);
      await model.build();
    }
  });

  app.commands.addCommand(CommandIDs.showBuildLog, {
    label: args =>
      args.id
        ? trans.__('Show Log of Build %1', String(args.id))
        : trans.__('Show Build Log'),
    caption: trans.__('Open the whole log of the environment build'),
    icon: listIcon,
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
        widget = id ? await recordLog(id) : await currentLog();
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

  model.stateChanged.connect(notifier(app, { panelId: core.panelId, trans }));
  const tell = () => {
    core.overview.setBuild(buildFacts(model, trans));
    app.commands.notifyCommandChanged(CommandIDs.build);
  };
  model.stateChanged.connect((_, state) => {
    tell();
    // "Available" means reachable now: a failed build may be the service going away.
    if (state.stage === 'failed' && !state.fromHistory) {
      void core.handshake.refresh({ quiet: true });
    }
  });
  core.handshake.changed.connect(tell);
  core.environments.changed.connect(tell);
  tell();
  core.addToolbarButton(CommandIDs.build, 10);

  // A build that was running when this page (re)loaded goes on in the server: follow it.
  void app.restored.then(() => model.resume());
}
