/**
 * A folded section's view is not fetched with JupyterLab: it loads the first time the
 * section is seen (or a command needs it), once.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { MessageLoop } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';
import * as React from 'react';

import { LazySection } from '../../widgets/LazySection';

class Section extends LazySection<string> {
  loads = 0;
  fail = false;

  protected async load(): Promise<string> {
    this.loads++;
    if (this.fail) {
      throw new Error('offline');
    }
    return 'the view';
  }

  protected renderLoaded(text: string): JSX.Element {
    return <p>{text}</p>;
  }
}

const trans = nullTranslator.load('jupyterlab_envbuilder');

/** Let the load settle and React draw the section. */
async function drawn(widget: Widget): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, 0));
  MessageLoop.sendMessage(widget, Widget.Msg.UpdateRequest);
  await new Promise(resolve => setTimeout(resolve, 50));
}

describe('LazySection', () => {
  let panel: Panel;
  beforeEach(() => {
    panel = new Panel();
    Widget.attach(panel, document.body);
  });
  afterEach(() => panel.dispose());

  it('loads nothing while hidden, then once when first shown', async () => {
    const section = new Section(trans);
    section.hide();
    panel.addWidget(section);
    await drawn(section);
    expect(section.loads).toBe(0);
    expect(section.node.textContent).toBe('');

    section.show();
    await drawn(section);
    expect(section.node.textContent).toBe('the view');
    section.hide();
    section.show();
    await drawn(section);
    expect(section.loads).toBe(1);
  });

  it('loads at once when added to a panel in view', async () => {
    const section = new Section(trans);
    panel.addWidget(section);
    await drawn(section);
    expect(section.loads).toBe(1);
    expect(section.node.textContent).toBe('the view');
  });

  it('loads for a command before the section is seen', async () => {
    const section = new Section(trans);
    section.hide();
    panel.addWidget(section);
    await expect(section.ensureLoaded()).resolves.toBe('the view');
    expect(section.loads).toBe(1);
  });

  it('says so when its code cannot be fetched', async () => {
    const section = new Section(trans);
    section.fail = true;
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    panel.addWidget(section);
    await drawn(section);
    expect(section.node.textContent).toContain(
      'This section could not be loaded: offline.'
    );
    await expect(section.ensureLoaded()).rejects.toThrow('offline');
  });

  it('loads again on Try again once its code can be fetched', async () => {
    const section = new Section(trans);
    section.fail = true;
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    panel.addWidget(section);
    await drawn(section);
    const button = section.node.querySelector('button');
    expect(button?.textContent).toBe('Try again');

    section.fail = false;
    button!.click();
    await drawn(section);
    expect(section.node.textContent).toBe('the view');
    expect(section.loads).toBe(2);
    await expect(section.ensureLoaded()).resolves.toBe('the view');
  });
});
