/**
 * Copy all on a log read a page at a time: a browser copies only straight from a click, so
 * after reading the rest the view asks for a second click instead of failing silently.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import type { RecordPage } from '../../api/build';
import { IBuildRecord } from '../../api/types';
import { LogView } from '../../components/LogView';
import { LogPages } from '../../model/logPages';
import { recordPage, summary } from '../model/buildFakes';

const trans = nullTranslator.load('jupyterlab_envbuilder');

function longRecord(count: number): IBuildRecord {
  return {
    ...summary(),
    events: Array.from({ length: count }, (_, i) => ({
      time: null,
      event: { phase: 'building', message: `line ${i}\n` }
    }))
  };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 50));

async function shown(pages: LogPages, copied: string[]): Promise<HTMLElement> {
  const widget = ReactWidget.create(
    <LogView
      log={pages.log}
      trans={trans}
      fileName="build.txt"
      onCopy={text => copied.push(text)}
      live={false}
      pages={pages}
    />
  );
  Widget.attach(widget, document.body);
  await settle();
  return widget.node;
}

function copyButton(node: HTMLElement): HTMLElement {
  const button = node.querySelector<HTMLElement>(
    '[title="Copy the whole log"]'
  );
  expect(button).not.toBeNull();
  return button!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('Copy all of a log read a page at a time', () => {
  it('reads the rest first, then asks for a second click, which copies every line', async () => {
    const record = longRecord(5000);
    const pages = new LogPages(
      async (page: RecordPage) => recordPage(record, page),
      undefined,
      1000
    );
    await pages.open();
    const copied: string[] = [];
    const node = await shown(pages, copied);
    expect(pages.whole).toBe(false);

    copyButton(node).click();
    await settle();
    expect(pages.whole).toBe(true);
    expect(copied).toEqual([]);
    expect(
      node.querySelector('[data-testid="envbuilder-log-copy-again"]')
        ?.textContent
    ).toContain('press Copy again');

    copyButton(node).click();
    await settle();
    expect(copied).toHaveLength(1);
    expect(copied[0].split('\n').filter(Boolean)).toHaveLength(5000);
    expect(
      node.querySelector('[data-testid="envbuilder-log-copy-again"]')
    ).toBeNull();
  });

  it('copies at once when the whole log is read', async () => {
    const record = longRecord(10);
    const pages = new LogPages(async (page: RecordPage) =>
      recordPage(record, page)
    );
    await pages.open();
    const copied: string[] = [];
    const node = await shown(pages, copied);
    copyButton(node).click();
    await settle();
    expect(copied).toHaveLength(1);
  });
});
