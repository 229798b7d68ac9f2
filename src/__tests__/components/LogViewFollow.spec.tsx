/**
 * A build log that comes while its tab is in the background: the view has no size then, so
 * scrolling to the end does nothing; when the tab is shown, the log opens at its end.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { BuildLog } from '../../buildlog/log';
import { LogView } from '../../components/LogView';

const trans = nullTranslator.load('jupyterlab_envbuilder');
const settle = () => new Promise(resolve => setTimeout(resolve, 50));

/** jsdom lays nothing out: the list's size and scroll are set by the test, as a browser would. */
class Box {
  clientHeight = 0;
  scrollHeight = 0;
  scrollTop = 0;

  install(element: HTMLElement): void {
    Object.defineProperty(element, 'clientHeight', {
      get: () => this.clientHeight
    });
    Object.defineProperty(element, 'scrollHeight', {
      get: () => this.scrollHeight
    });
    Object.defineProperty(element, 'scrollTop', {
      get: () => this.scrollTop,
      set: (value: number) => {
        // As a browser: never past the end, nothing to scroll without a size.
        this.scrollTop = Math.max(
          0,
          Math.min(value, this.scrollHeight - this.clientHeight)
        );
      }
    });
  }
}

/** Every observer (react-window has its own); notified with the element's box, as a browser. */
const observers = new Set<() => void>();
class FakeResizeObserver {
  private readonly _mine: Array<() => void> = [];
  constructor(private readonly _callback: (entries: unknown[]) => void) {}
  observe(target: HTMLElement): void {
    const notify = () => {
      const size = { inlineSize: 800, blockSize: target.clientHeight };
      this._callback([
        {
          target,
          contentRect: { width: 800, height: target.clientHeight },
          borderBoxSize: [size],
          contentBoxSize: [size]
        }
      ]);
    };
    this._mine.push(notify);
    observers.add(notify);
  }
  unobserve(): void {
    this.disconnect();
  }
  disconnect(): void {
    this._mine.forEach(notify => observers.delete(notify));
    this._mine.length = 0;
  }
}

beforeAll(() => {
  (globalThis as any).ResizeObserver = FakeResizeObserver;
});
afterAll(() => {
  delete (globalThis as any).ResizeObserver;
});
afterEach(() => {
  document.body.innerHTML = '';
  observers.clear();
});

describe('A log followed in a background tab', () => {
  it('opens at its end when the tab is shown, and stays where the reader scrolled', async () => {
    const log = new BuildLog();
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
    // The build starts while the tab is hidden; the list is drawn from the first line on.
    log.append('line 0\n');
    await settle();
    const list = widget.node.querySelector<HTMLElement>(
      '.jp-EnvBuilder-logList'
    );
    expect(list).not.toBeNull();
    const box = new Box();
    box.install(list!);
    // The list fills the log's body: both have no size while the tab is hidden.
    const body = new Box();
    body.install(
      widget.node.querySelector<HTMLElement>('.jp-EnvBuilder-logBody')!
    );

    // The build goes on while the tab is hidden: no size, nothing scrolls.
    for (let i = 1; i < 500; i++) {
      log.append(`line ${i}\n`);
    }
    await settle();
    expect(box.scrollTop).toBe(0);

    // The tab is shown: the view gets its size and goes to the end.
    box.scrollHeight = 500 * 18;
    box.clientHeight = 600;
    body.clientHeight = 640;
    expect(box.scrollTop).toBe(0);
    observers.forEach(notify => notify());
    expect(box.scrollTop).toBe(500 * 18 - 600);

    // The reader scrolls up (following stops); a later resize leaves the view there.
    box.scrollTop = 1000;
    list!.dispatchEvent(new Event('scroll', { bubbles: true }));
    await settle();
    box.clientHeight = 500;
    body.clientHeight = 540;
    observers.forEach(notify => notify());
    expect(box.scrollTop).toBe(1000);
  });
});
