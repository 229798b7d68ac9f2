/**
 * Every feature is a plugin of its own: with any one of them switched off (as an admin does
 * with `disabledExtensions`, which keeps a plugin from being registered at all), the others
 * still activate, and the panel and commands hold exactly what is left.
 */
import { CommandRegistry } from '@lumino/commands';
import { PluginRegistry } from '@lumino/coreutils';
import { Widget } from '@lumino/widgets';

import plugins from '../../index';
import { CommandIDs, PLUGIN_ID } from '../../tokens';
import { EnvironmentPanel } from '../../widgets/EnvironmentPanel';
import { FakeContents } from '../model/fakeContents';

/**
 * What a feature adds: its plugin, the panel section's title, its commands, and its button
 * on the panel's toolbar.
 */
const FEATURES = {
  files: {
    section: 'Environment files',
    commands: [] as string[],
    button: null
  },
  pins: { section: 'Pin versions', commands: [] as string[], button: null },
  build: {
    section: 'Build',
    commands: [CommandIDs.build, CommandIDs.showBuildLog],
    button: CommandIDs.build
  },
  restart: {
    section: null,
    commands: [CommandIDs.restartIntoImage],
    button: CommandIDs.restartIntoImage
  },
  // In the panel's order: sections are compared in order.
  sources: { section: 'Sources', commands: [] as string[], button: null },
  saved: {
    section: 'Saved environments',
    commands: [] as string[],
    button: null
  },
  share: {
    section: 'Share',
    commands: [CommandIDs.copyLaunchLink, CommandIDs.share],
    button: CommandIDs.share
  }
};
type Feature = keyof typeof FEATURES;

/** Start the extension's plugins in a JupyterLab-shaped application, without `disabled`. */
async function start(disabled: string[]) {
  const added: Widget[] = [];
  const app = {
    commands: new CommandRegistry(),
    shell: {
      add: (widget: Widget) => added.push(widget),
      activateById: () => undefined,
      widgets: () => [][Symbol.iterator](),
      currentWidget: null
    },
    // Never restored: nothing asks a server here.
    restored: new Promise<void>(() => undefined),
    serviceManager: { contents: new FakeContents() }
  };
  const registry = new PluginRegistry();
  registry.application = app;
  registry.registerPlugins(plugins.filter(p => !disabled.includes(p.id)));
  await registry.activatePlugins('startUp');
  const panel = added.find(w => w instanceof EnvironmentPanel);
  return {
    registry,
    commands: app.commands,
    sections: panel ? [...panel.widgets].map(w => w.title.label) : null,
    toolbar: panel ? [...panel.toolbar.names()] : null
  };
}

describe('plugins by feature', () => {
  it('has one plugin per feature besides the core, all started', async () => {
    const { registry, commands, sections } = await start([]);
    expect(plugins.map(p => p.id)).toEqual([
      PLUGIN_ID,
      'jupyterlab-envbuilder:files',
      'jupyterlab-envbuilder:build',
      'jupyterlab-envbuilder:restart',
      'jupyterlab-envbuilder:share',
      'jupyterlab-envbuilder:sources',
      'jupyterlab-envbuilder:saved',
      'jupyterlab-envbuilder:pins'
    ]);
    expect(plugins.every(p => registry.isPluginActivated(p.id))).toBe(true);
    expect(sections).toEqual([
      'Environment files',
      'Pin versions',
      'Build',
      'Sources',
      'Saved environments',
      'Share',
      'Server and hub'
    ]);
    for (const feature of Object.values(FEATURES)) {
      for (const id of feature.commands) {
        expect(commands.hasCommand(id)).toBe(true);
      }
    }
  });

  it.each(Object.keys(FEATURES) as Feature[])(
    'keeps everything else working with the %s plugin switched off',
    async feature => {
      const id = `jupyterlab-envbuilder:${feature}`;
      const { registry, commands, sections, toolbar } = await start([id]);
      const others = plugins.filter(p => p.id !== id);
      expect(others.every(p => registry.isPluginActivated(p.id))).toBe(true);
      for (const [name, other] of Object.entries(FEATURES)) {
        for (const command of other.commands) {
          expect(commands.hasCommand(command)).toBe(name !== feature);
        }
      }
      const left = Object.entries(FEATURES).filter(
        ([name]) => name !== feature
      );
      expect(sections).toEqual([
        ...left.filter(([, other]) => other.section).map(([, o]) => o.section),
        'Server and hub'
      ]);
      // The toolbar keeps the buttons of the features left, in the workflow's order.
      expect(toolbar).toEqual([
        ...left.filter(([, other]) => other.button).map(([, o]) => o.button),
        CommandIDs.refreshStatus
      ]);
      expect(commands.hasCommand(CommandIDs.openPanel)).toBe(true);
    }
  );
});
