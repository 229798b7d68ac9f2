/**
 * A part of a view whose code failed to load (network down, server updated under an open
 * JupyterLab) says so where it would be, and Try again loads it once the code is there.
 */
import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { lazyPart } from '../../components/LazyPart';

const trans = nullTranslator.load('jupyterlab_envbuilder');

function Packages(props: { trans: TranslationBundle; image: string }) {
  return <p>{`packages of ${props.image}`}</p>;
}

/** What a browser says when a chunk cannot be fetched. */
const chunkError = () =>
  new Error(
    'Loading chunk 385 failed.\n(error: http://127.0.0.1/static/385.js)'
  );

/** A load that fails while `offline` is set, as the page's import would. */
function flakyLoad() {
  const state = { offline: true, loads: 0 };
  const load = async () => {
    state.loads++;
    if (state.offline) {
      throw chunkError();
    }
    return Packages;
  };
  return { state, load };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 50));

/** Wait until `ready` holds: React draws after the load settles. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 40 && !ready(); i++) {
    await settle();
  }
}

/** Wait until the node shows `text`. */
async function showing(node: HTMLElement, text: string): Promise<void> {
  await until(() => !!node.textContent?.includes(text));
  expect(node.textContent).toContain(text);
}

function findTryAgain(node: HTMLElement): HTMLButtonElement | undefined {
  return [...node.querySelectorAll('button')].find(
    b => b.textContent === 'Try again'
  );
}

async function shown(element: JSX.Element): Promise<HTMLElement> {
  const widget = ReactWidget.create(element);
  Widget.attach(widget, document.body);
  await settle();
  return widget.node;
}

function tryAgain(node: HTMLElement): HTMLButtonElement {
  const button = findTryAgain(node);
  expect(button).toBeDefined();
  return button!;
}

beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  document.body.innerHTML = '';
  jest.restoreAllMocks();
});

describe('lazyPart', () => {
  it('draws the view once its code has loaded, with the loading words until then', async () => {
    let arrive: () => void = () => undefined;
    const arrived = new Promise<void>(resolve => (arrive = resolve));
    const View = lazyPart(
      () => arrived.then(() => Packages),
      t => t.__('The package list')
    );
    const node = await shown(
      <View
        trans={trans}
        image="env:1"
        loading={<p>{trans.__('Loading…')}</p>}
      />
    );
    expect(node.textContent).toBe('Loading…');
    arrive();
    await showing(node, 'packages of');
    expect(node.textContent).toBe('packages of env:1');
  });

  it('says what did not load and why, with a Try again button that loads it', async () => {
    const { state, load } = flakyLoad();
    const View = lazyPart(load, t => t.__('The package list'));
    const node = await shown(<View trans={trans} image="env:1" />);
    await showing(node, 'could not be loaded');
    const alert = node.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(
      'The package list could not be loaded: Loading chunk 385 failed.'
    );
    expect(alert?.textContent).toContain('reload the page');
    expect(node.textContent).not.toContain('packages of');

    state.offline = false;
    tryAgain(node).click();
    await showing(node, 'packages of');
    expect(node.querySelector('[role="alert"]')).toBeNull();
    expect(node.textContent).toBe('packages of env:1');
    expect(state.loads).toBe(2);
  });

  it('keeps the keyboard on Try again when the retry fails too', async () => {
    const { state, load } = flakyLoad();
    const View = lazyPart(load, t => t.__('The log view'));
    const node = await shown(<View trans={trans} image="env:1" />);
    await showing(node, 'could not be loaded');
    const first = tryAgain(node);
    first.click();
    // A new button: the first went away with the retry.
    await until(() => (findTryAgain(node) ?? first) !== first);
    expect(node.textContent).toContain('The log view could not be loaded');
    expect(document.activeElement).toBe(tryAgain(node));
    expect(state.loads).toBe(2);
  });

  it('loads the code once for every place the part is drawn', async () => {
    let loads = 0;
    const View = lazyPart(
      async () => {
        loads++;
        return Packages;
      },
      t => t.__('The package list')
    );
    const node = await shown(
      <>
        <View trans={trans} image="env:1" />
        <View trans={trans} image="env:2" />
      </>
    );
    await showing(node, 'env:2');
    expect(node.textContent).toBe('packages of env:1packages of env:2');
    expect(loads).toBe(1);
  });
});
