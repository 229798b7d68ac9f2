/**
 * The project's log view on a page of its own: the real LogView (react-window, anser) over
 * a real BuildLog, fed the way BuildModel feeds it during a build (one `append` per event
 * message), mounted in a ReactWidget as BuildLogPanel mounts it. JupyterLab's context is
 * the null translator; no Lab around it.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { BuildLog } from '../../src/buildlog/log';
import { LogView } from '../../src/components/LogView';
// The log view's own styles: they bound the list's height, which is what keeps it virtual.
import '../../style/log.css';
import { ingest, ISink, nextFrame, runOptions } from './harness';

const log = new BuildLog();
const trans = nullTranslator.load('jupyterlab');
const host = document.getElementById('view')!;

const widget = ReactWidget.create(
  <div className="jp-EnvBuilder-logPanelBody">
    <LogView
      log={log}
      trans={trans}
      fileName="build-bench.txt"
      onCopy={() => undefined}
      live={true}
    />
  </div>
);
widget.addClass('jp-EnvBuilder-logPanel');
Widget.attach(widget, host);

const sink: ISink = {
  name: 'logview',
  deliver(batch) {
    for (const message of batch) {
      log.append(message);
    }
  },
  async shown() {
    // The view renders at most once a frame: wait for the frame that shows the last line.
    const last = `[data-line="${log.length}"]`;
    while (!host.querySelector(last)) {
      await nextFrame();
    }
    await nextFrame();
  },
  check() {
    return {
      logLines: log.length,
      lastLineShown: !!host.querySelector(`[data-line="${log.length}"]`),
      rowsInDom: host.querySelectorAll(
        '.jp-EnvBuilder-logList .jp-EnvBuilder-logLine'
      ).length
    };
  }
};

window.runBench = () => ingest(sink, runOptions());
window.benchReady = true;
