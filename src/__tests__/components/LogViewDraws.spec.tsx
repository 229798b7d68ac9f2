/**
 * A log that streams in is drawn in animation frames, at most once a frame, and while lines
 * pour in at most every DRAW_INTERVAL_MS: the frames between take the lines in.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { BuildLog } from '../../buildlog/log';
import { DRAW_INTERVAL_MS, useLogVersion } from '../../components/logDraws';
import { LogView } from '../../components/LogView';
import { until } from '../model/envfilesHarness';

const trans = nullTranslator.load('jupyterlab_envbuilder');
const settle = (ms = 20) => new Promise(resolve => setTimeout(resolve, ms));

let frames: FrameRequestCallback[] = [];
const realFrame = window.requestAnimationFrame;

beforeEach(() => {
  frames = [];
  window.requestAnimationFrame = callback => frames.push(callback);
});

afterEach(() => {
  window.requestAnimationFrame = realFrame;
  document.body.innerHTML = '';
});

/** Run the frames asked for so far, then let React draw. */
async function drawFrame(): Promise<void> {
  const due = frames;
  frames = [];
  due.forEach(callback => callback(performance.now()));
  await settle(50);
}

const count = (node: HTMLElement) =>
  node.querySelector('[data-testid="envbuilder-log-matches"]')?.textContent;

async function shown(log: BuildLog): Promise<HTMLElement> {
  const widget = ReactWidget.create(
    <LogView
      log={log}
      trans={trans}
      fileName="build.txt"
      onCopy={() => undefined}
      live={true}
    />
  );
  Widget.attach(widget, document.body);
  // The widget is rendered in a frame of its own (Lumino's message loop).
  await drawFrame();
  await until(() => count(widget.node) !== undefined);
  return widget.node;
}

describe('LogView while a log streams in', () => {
  it('draws once in a frame however many lines arrive, and takes every line', async () => {
    const log = new BuildLog();
    log.append('first\n');
    const node = await shown(log);
    await drawFrame();
    await until(() => count(node) === '1 line');
    // A thousand events, each its own change of the log: one frame asked for.
    await settle(DRAW_INTERVAL_MS + 10);
    for (let i = 0; i < 1000; i++) {
      log.append(`line ${i}\n`);
    }
    expect(frames).toHaveLength(1);
    expect(count(node)).toBe('1 line');
    await drawFrame();
    await until(() => count(node) === '1001 lines');
  });

  it('draws a log that keeps changing every so often, not every frame', async () => {
    const log = new BuildLog();
    // The versions the view drew, one per drawing.
    const drawn: number[] = [];
    function Probe(): JSX.Element {
      const version = useLogVersion(log);
      drawn.push(version);
      return <span>{version}</span>;
    }
    const widget = ReactWidget.create(<Probe />);
    Widget.attach(widget, document.body);
    await drawFrame();
    await until(() => drawn.length > 0);
    drawn.length = 0;
    log.append('line 0\n');
    await drawFrame();
    await until(() => drawn.length === 1);
    expect(drawn).toEqual([1]);
    // Just drawn: lines that come now wait for the interval, whatever frames go by.
    log.append('line 1\n');
    log.append('line 2\n');
    await drawFrame();
    expect(drawn).toEqual([1]);
    await settle(DRAW_INTERVAL_MS + 20);
    await drawFrame();
    await until(() => drawn.length === 2);
    expect(drawn).toEqual([1, 3]);
    // A quiet log: the next line is drawn in the next frame.
    await settle(DRAW_INTERVAL_MS + 20);
    log.append('line 3\n');
    await drawFrame();
    await until(() => drawn.length === 3);
    expect(drawn).toEqual([1, 3, 4]);
  });
});
