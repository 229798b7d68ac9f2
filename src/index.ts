/**
 * jupyterlab-envbuilder: the core plugin (the Environment panel and what every feature
 * shares) and one plugin per feature, each of which an admin can switch off with
 * `disabledExtensions` without the others noticing.
 */
import { buildPlugin } from './plugins/build';
import { corePlugin } from './plugins/core';
import { filesPlugin } from './plugins/files';
import { pinsPlugin } from './plugins/pins';
import { restartPlugin } from './plugins/restart';
import { savedPlugin } from './plugins/saved';
import { sharePlugin } from './plugins/share';
import { sourcesPlugin } from './plugins/sources';

export * from './tokens';

export default [
  corePlugin,
  filesPlugin,
  buildPlugin,
  restartPlugin,
  sharePlugin,
  sourcesPlugin,
  savedPlugin,
  pinsPlugin
];
