/**
 * The log document of the build the panel shows after a reload reads that build's record a
 * page at a time: its end first, never the whole record at once.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

import { IBuildRecord } from '../../api/types';
import { BuildModel } from '../../model/build';
import { stageLabel } from '../../components/buildText';
import { BuildLogPanel } from '../../widgets/BuildLogPanel';
import { api, IMAGE, summary } from '../model/buildFakes';
import { fakeStream } from '../buildlog/streams';

const trans = nullTranslator.load('jupyterlab_envbuilder');

function longRecord(result: string, count: number): IBuildRecord {
  const events = Array.from({ length: count }, (_, i) => ({
    time: null,
    event: { phase: 'building', message: `line ${i}\n` } as Record<
      string,
      unknown
    >
  }));
  return { ...summary({ result }), events };
}

async function shown(widget: Widget): Promise<void> {
  Widget.attach(widget, document.body);
  await new Promise(resolve => setTimeout(resolve, 0));
  MessageLoop.sendMessage(widget, Widget.Msg.UpdateRequest);
  await new Promise(resolve => setTimeout(resolve, 50));
}

describe('BuildLogPanel', () => {
  it('reads the end of the last build shown after a reload, not all of it', async () => {
    const record = longRecord('built', 10_000);
    const { api: requests, calls } = api([], {
      history: [summary()],
      records: { [record.id]: record }
    });
    const model = new BuildModel({ ...requests });
    const panel = new BuildLogPanel({
      source: { kind: 'current', model },
      trans,
      imageLabel: image => image
    });
    await model.resume();
    await shown(panel);
    expect(calls.records).toEqual([`${record.id}?tail=2000`]);
    expect(panel.node.textContent).toContain(
      'Build messages 8,001–10,000 of 10,000 read'
    );
    panel.dispose();
  });

  it.each([
    ['in the last page read', 9_990, 1],
    ['before it: the rest is read', 100, 2]
  ])(
    'explains a failed build from its log, whose cause is %s',
    async (_, at, requests) => {
      const record = longRecord('failed', 10_000);
      record.events[at].event.message = 'E: Unable to locate package libfoo\n';
      record.events.push({ time: null, event: { phase: 'failed' } });
      const { api: fakes, calls } = api([], {
        records: { [record.id]: record }
      });
      const model = new BuildModel({ ...fakes });
      const { BuildLogPanel: Panel, openRecordPages } =
        await import('../../widgets/BuildLogPanel');
      const { pages } = await openRecordPages(model, record.id, trans);
      const panel = new Panel({
        source: { kind: 'record', pages },
        trans,
        imageLabel: image => image
      });
      await shown(panel);
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(calls.records).toHaveLength(requests);
      expect(panel.node.textContent).toContain(
        'apt could not find the package libfoo.'
      );
      // The line it offers to show is that line of the log as read.
      expect(panel.node.textContent).toContain(
        `Show line ${at - pages.offset + 1} in the log`
      );
      panel.dispose();
    }
  );

  it('is not drawn while its tab is in the background, and catches up when shown', async () => {
    const events = [
      ...Array.from({ length: 30 }, (_, i) => ({
        phase: 'building',
        message: `step ${i}\n`
      })),
      { phase: 'ready', imageName: IMAGE, message: 'Built the image\n' }
    ];
    const { api: requests } = api([fakeStream(events)]);
    const model = new BuildModel({ ...requests });
    const panel = new BuildLogPanel({
      source: { kind: 'current', model },
      trans,
      imageLabel: image => image
    });
    await shown(panel);
    const drawn = new MutationObserver(() => undefined);
    drawn.observe(panel.node, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true
    });
    panel.hide();
    await new Promise(resolve => setTimeout(resolve, 50));
    drawn.takeRecords();
    const before = panel.node.innerHTML;

    await model.build();
    await new Promise(resolve => setTimeout(resolve, 150));
    expect(model.state.stage).toBe('ready');
    expect(model.log.length).toBe(31);
    // Nothing of it was drawn meanwhile.
    expect(drawn.takeRecords()).toEqual([]);
    expect(panel.node.innerHTML).toBe(before);

    panel.show();
    await new Promise(resolve => setTimeout(resolve, 150));
    expect(panel.node.innerHTML).not.toBe(before);
    expect(
      panel.node.querySelector('[data-testid="envbuilder-log-status"]')
        ?.textContent
    ).toContain(stageLabelOf(model));
    expect(panel.node.textContent).toContain('31 lines');
    drawn.disconnect();
    panel.dispose();
  });
});

/** What the header says of the model's build, as the section says it. */
function stageLabelOf(model: BuildModel): string {
  return stageLabel(model.state, trans);
}
