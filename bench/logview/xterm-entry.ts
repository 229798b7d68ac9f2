/**
 * xterm.js as BinderHub's own build page uses it (`new Terminal({convertEol: true,
 * disableStdin: true})`, the DOM renderer, one `term.write` per event message), fed the
 * same log. With `?scrollback=N` the terminal keeps N lines instead of its default 1,000,
 * so that it holds the whole log as the project's log view does.
 */
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

import { ingest, ISink, nextFrame, runOptions } from './harness';

const query = new URLSearchParams(window.location.search);
const scrollback = query.get('scrollback');
const term = new Terminal({
  convertEol: true,
  disableStdin: true,
  ...(scrollback ? { scrollback: parseInt(scrollback, 10) } : {})
});
const host = document.getElementById('view')!;
term.open(host);
// BinderHub fits the terminal to its box with addon-fit; the same arithmetic, on the
// same private dimensions addon-fit reads.
const core = (term as any)._core;
const cell = core._renderService.dimensions.css.cell;
if (cell.width > 0 && cell.height > 0) {
  const box = host.getBoundingClientRect();
  const scrollbar = core.viewport?.scrollBarWidth ?? 0;
  term.resize(
    Math.max(2, Math.floor((box.width - scrollbar) / cell.width)),
    Math.max(1, Math.floor(box.height / cell.height))
  );
}

const sink: ISink = {
  name: scrollback ? `xterm-scrollback-${scrollback}` : 'xterm-binderhub',
  deliver(batch) {
    // Flow control as xterm.js advises: the next batch once this one is parsed.
    return new Promise<void>(resolve => {
      for (let i = 0; i < batch.length - 1; i++) {
        term.write(batch[i]);
      }
      term.write(batch[batch.length - 1], resolve);
    });
  },
  async shown() {
    // Parsed; xterm.js paints in the next animation frame.
    await new Promise<void>(resolve => term.write('', resolve));
    await nextFrame();
    await nextFrame();
  },
  check() {
    return {
      bufferLines: term.buffer.active.length,
      cols: term.cols,
      rows: term.rows,
      scrollback: term.options.scrollback
    };
  }
};

window.runBench = () => ingest(sink, runOptions());
window.benchReady = true;
