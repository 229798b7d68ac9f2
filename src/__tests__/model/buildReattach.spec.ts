/** Watching a build again: after stopping to watch, and after a reload. */
import { IBuildRecord } from '../../api/types';
import { BuildModel } from '../../model/build';
import { LogPages } from '../../model/logPages';
import { fakeStream } from '../buildlog/streams';
import { api, IMAGE, SPEC, stages, summary } from './buildFakes';
import { until } from './envfilesHarness';
import { IBuildEvent } from '../../buildlog/events';

describe('BuildModel: watching', () => {
  it('stops watching without stopping the build, and watches it again from the start', async () => {
    const events: IBuildEvent[] = [
      { phase: 'waiting', message: 'Waiting for build to start...\n' },
      { phase: 'building', message: 'Step 1\n' }
    ];
    const first = fakeStream(events, { hang: true });
    const second = fakeStream(
      [...events, { phase: 'ready', imageName: IMAGE, message: 'Done!\n' }],
      { hang: true }
    );
    const { api: requests, calls } = api([first, second]);
    const model = new BuildModel({ ...requests });
    const building = model.build();
    await until(() => first.hanging);
    expect(model.state.stage).toBe('watching');
    model.stopWatching();
    await building;
    expect(first.closed).toBe(true);
    expect(model.state.stage).toBe('stopped');
    expect(model.busy).toBe(false);

    await model.watchAgain();
    expect(calls.streams).toEqual([SPEC, SPEC]);
    expect(model.state.stage).toBe('ready');
    expect(model.state.reattached).toBe(true);
    expect(model.log.plainLines).toEqual([
      'Waiting for build to start...',
      'Step 1',
      'Done!'
    ]);
  });
});

describe('BuildModel: after a reload', () => {
  it('follows the build that is still running, from its first line', async () => {
    const running = summary({
      result: 'running',
      finishedAt: null,
      imageName: null
    });
    const stream = fakeStream([
      { phase: 'waiting', message: 'Waiting for build to start...\n' },
      { phase: 'fetching', message: "Cloning into '/tmp/x'...\n" },
      { phase: 'ready', imageName: IMAGE, message: 'Done!\n', dryRun: true }
    ]);
    const { api: requests, calls } = api([stream], { history: [running] });
    const model = new BuildModel({ ...requests });
    const seen = stages(model);
    expect(await model.resume()).toBe(true);
    expect(calls.streams).toEqual([SPEC]);
    expect(seen).toEqual(['watching', 'ready']);
    expect(model.state.reattached).toBe(true);
    expect(model.state.startedAt).toBe(Date.parse(running.startedAt!));
    expect(model.state.dryRun).toBe(true);
    expect(model.log.plainLines[0]).toBe('Waiting for build to start...');
  });

  it('shows the last build with its log and why it failed', async () => {
    const failed = summary({
      result: 'failed',
      imageName: null,
      message: 'repo2docker failed (exit code 1).'
    });
    const record: IBuildRecord = {
      ...failed,
      events: [
        {
          time: null,
          event: {
            phase: 'building',
            message: 'E: Unable to locate package libfoo\n'
          }
        },
        {
          time: null,
          event: {
            phase: 'failed',
            message: 'repo2docker failed (exit code 1).\n',
            error: 'buildFailed'
          }
        }
      ]
    };
    const { api: requests, calls } = api([], {
      history: [failed, summary({ id: 'older' })],
      records: { [failed.id]: record }
    });
    const model = new BuildModel({ ...requests });
    expect(await model.resume()).toBe(true);
    expect(calls.streams).toEqual([]);
    // Nothing of its log is read until someone looks.
    expect(calls.records).toEqual([]);
    expect(model.state.stage).toBe('failed');
    expect(model.state.fromHistory).toBe(true);
    expect(model.history.builds).toHaveLength(2);

    await model.showLog();
    expect(calls.records).toEqual([`${failed.id}?tail=500`]);
    expect(model.log.plainLines[0]).toBe('E: Unable to locate package libfoo');
    expect(model.explanation?.kind).toBe('apt-not-found');
    await model.showLog();
    expect(calls.records).toHaveLength(1);
  });

  it('reads the last lines of a long log, and names its record for the log view', async () => {
    const failed = summary({ result: 'failed', imageName: null });
    const lines = Array.from({ length: 2000 }, (_, i) => ({
      time: null,
      event: { phase: 'building', message: `line ${i}\n` }
    }));
    const record: IBuildRecord = {
      ...failed,
      events: [...lines, { time: null, event: { phase: 'failed' } }]
    };
    const { api: requests, calls } = api([], {
      history: [failed],
      records: { [failed.id]: record }
    });
    const model = new BuildModel({ ...requests });
    await model.resume();
    await model.showLog();
    expect(model.log.length).toBeLessThan(600);
    // The failure came as a bare event: the log ends with the page's words for it.
    expect(model.log.plainLines.slice(-2)).toEqual([
      'line 1999',
      'The build failed; the build service gave no reason. The log above may show why.'
    ]);

    await model.showLog();
    expect(calls.records).toEqual([`${failed.id}?tail=500`]);
    // The log view reads the record itself, a page at a time.
    expect(model.shownRecord).toBe(failed.id);
  });

  it('shows the last dry run as done, with its image', async () => {
    const { api: requests } = api([], {
      history: [summary({ result: 'dry-run' })],
      records: {}
    });
    const model = new BuildModel({ ...requests });
    await model.resume();
    expect(model.state.stage).toBe('ready');
    expect(model.state.dryRun).toBe(true);
    expect(model.state.imageName).toBe(IMAGE);
  });

  it('stays idle with no builds at all', async () => {
    const model = new BuildModel(api([]).api);
    expect(await model.resume()).toBe(false);
    expect(model.state.stage).toBe('idle');
  });

  it('reads a build of the history into a log of its own', async () => {
    const record: IBuildRecord = {
      ...summary(),
      events: [
        { time: null, event: { phase: 'building', message: 'Step 1' } },
        { time: null, event: { phase: 'building', message: '\n' } },
        { time: null, event: { phase: 'ready', imageName: IMAGE } }
      ]
    };
    const { api: requests } = api([], { records: { [record.id]: record } });
    const model = new BuildModel({ ...requests });
    const pages = new LogPages(page => model.record(record.id, page));
    await pages.open();
    expect(pages.log.plainLines).toEqual(['Step 1']);
    expect(model.log.length).toBe(0);
    expect(model.shownRecord).toBeNull();
  });
});
