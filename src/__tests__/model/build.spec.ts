import { EnvBuilderRequestError } from '../../api/request';
import { BuildModel, BuildStage } from '../../model/build';
import {
  IBuildEvent,
  IBuildRecord,
  IBuildSummary,
  ISnapshot
} from '../../api/types';
import { IBuildPrecheck, IBuildProblem } from '../../model/precheck';
import { EnvironmentFolder } from '../../model/folder';
import { BuildHistoryModel } from '../../model/history';
import { Signal } from '@lumino/signaling';
import { fakeStream, IFakeStream, recordedEvents } from '../buildlog/streams';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const REPO =
  'http://127.0.0.1:8000/user/alice/work/envbuilder/snapshots/abc.git';
const SPEC = `git/${encodeURIComponent(REPO)}/${SHA}`;
const IMAGE = 'envbuilder-http-3a-2f-2f127-abc:' + SHA;

function snapshot(): ISnapshot {
  return {
    sha: SHA,
    repoUrl: REPO,
    spec: SPEC,
    folder: 'environment',
    files: [{ path: 'requirements.txt', size: 14, executable: false }]
  };
}

function summary(overrides: Partial<IBuildSummary> = {}): IBuildSummary {
  return {
    id: '39c443f9d08fdc92',
    spec: SPEC,
    repoUrl: REPO,
    ref: SHA,
    startedAt: '2026-11-22T11:26:17.000Z',
    finishedAt: '2026-11-22T11:26:18.000Z',
    result: 'built',
    imageName: IMAGE,
    message: null,
    ...overrides
  };
}

/** The requests of the model, recorded, with streams handed out in order. */
function api(
  streams: IFakeStream[],
  options: {
    history?: IBuildSummary[];
    records?: Record<string, IBuildRecord>;
    snapshotError?: Error;
  } = {}
) {
  const calls = {
    snapshots: [] as string[],
    starts: [] as string[],
    streams: [] as string[],
    history: 0,
    records: [] as string[]
  };
  const queue = [...streams];
  const history = new BuildHistoryModel(async () => {
    calls.history++;
    return options.history ?? [];
  });
  return {
    calls,
    // The model's options: its requests and the history it shares with other views.
    api: {
      history,
      api: {
        createSnapshot: async (folder: string) => {
          calls.snapshots.push(folder);
          if (options.snapshotError) {
            throw options.snapshotError;
          }
          return snapshot();
        },
        startBuild: async (spec: string) => {
          calls.starts.push(spec);
        },
        openStream: (spec: string) => {
          calls.streams.push(spec);
          const next = queue.shift();
          if (!next) {
            throw new Error('no more streams');
          }
          return next;
        },
        fetchRecord: async (id: string) => {
          calls.records.push(id);
          const record = options.records?.[id];
          if (!record) {
            throw new EnvBuilderRequestError('404 No build record', 404);
          }
          return record;
        }
      }
    }
  };
}

function stages(model: BuildModel): BuildStage[] {
  const seen: BuildStage[] = [];
  model.stateChanged.connect((_, state) => {
    if (seen[seen.length - 1] !== state.stage) {
      seen.push(state.stage);
    }
  });
  return seen;
}

describe('BuildModel: a build', () => {
  it('follows the recorded BinderHub build to its image and launches nothing', async () => {
    const recorded = recordedEvents();
    const stream = fakeStream(recorded, { hang: true });
    const { api: requests, calls } = api([stream]);
    const saved: string[] = [];
    const model = new BuildModel({
      ...requests,
      saveDirty: async folder => {
        saved.push(folder);
        return ['environment/requirements.txt'];
      },
      folder: new EnvironmentFolder('environment')
    });
    const seen = stages(model);
    await model.build();

    expect(seen).toEqual([
      'checking',
      'saving',
      'snapshot',
      'watching',
      'ready'
    ]);
    expect(saved).toEqual(['environment']);
    expect(calls.snapshots).toEqual(['environment']);
    expect(calls.streams).toEqual([SPEC]);
    const state = model.state;
    expect(state.imageName).toBe(
      'binder-2dexamples-2doctave-03025a:1479e0252b2e648bb755ee913292b79495931717'
    );
    expect(state.saved).toEqual(['environment/requirements.txt']);
    expect(state.sha).toBe(SHA);
    expect(state.cacheHit).toBe(false);
    expect(state.dryRun).toBe(false);
    // `built` with an image ends it: the launching lines are never read.
    expect(stream.closed).toBe(true);
    expect(model.log.plainLines[model.log.length - 1]).toBe(
      'Built image, launching...'
    );
    expect(model.log.plainLines.some(l => l.includes('Launching server'))).toBe(
      false
    );
    expect(model.busy).toBe(false);
    // Once the build has a record (it shows as running), and once it is done.
    expect(calls.history).toBe(2);
  });

  it('tells a cache hit and a dry run of the local build service', async () => {
    const { api: requests } = api([
      fakeStream([
        {
          phase: 'ready',
          imageName: IMAGE,
          message:
            'Done! Found built image from an earlier dry run. Dry run: no container engine here, no image was built\n',
          dryRun: true
        }
      ])
    ]);
    const model = new BuildModel({ ...requests });
    await model.build();
    expect(model.state.stage).toBe('ready');
    expect(model.state.cacheHit).toBe(true);
    expect(model.state.dryRun).toBe(true);
    expect(model.state.imageName).toBe(IMAGE);
  });

  it('shows the phase that says how far it got, through odd and missing phases', async () => {
    const stream = fakeStream(
      [
        { phase: 'waiting', message: 'Waiting for build to start...\n' },
        { message: 'Picked Git content provider.\n' },
        { phase: 'Fetching', message: "Cloning into '/tmp/repo2docker'...\n" },
        { phase: 'unknown', message: 'warnings.warn(\n' },
        { phase: 'running', message: 'still here\n' },
        { phase: 'BUILDING', message: 'Step 1/2 : FROM x' },
        { phase: 'something-new', message: '\n' }
      ],
      { hang: true }
    );
    stream.gate = 4;
    const { api: requests } = api([stream]);
    const model = new BuildModel({ ...requests });
    const done = model.build();
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(model.state.phase).toBe('fetching');
    stream.gate = null;
    stream.release();
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(model.state.stage).toBe('watching');
    expect(model.state.phase).toBe('building');
    expect(model.log.plainLines).toEqual([
      'Waiting for build to start...',
      'Picked Git content provider.',
      "Cloning into '/tmp/repo2docker'...",
      'warnings.warn(',
      'still here',
      'Step 1/2 : FROM x'
    ]);
    model.stopWatching();
    await done;
  });

  it('says something of its own when `failed` comes without a message', async () => {
    const { api: requests } = api([
      fakeStream([
        { phase: 'building', message: 'Step 1/2 : FROM x\n' },
        { phase: 'failed' }
      ])
    ]);
    const model = new BuildModel({ ...requests });
    await model.build();
    expect(model.state.stage).toBe('failed');
    expect(model.state.failure?.message).toBe(
      'The build failed; the build service gave no reason. The log above may show why.\n'
    );
    expect(model.log.plainLines).toEqual([
      'Step 1/2 : FROM x',
      'The build failed; the build service gave no reason. The log above may show why.'
    ]);
    expect(model.explanation).toBeNull();
  });

  it('explains a failure from the log: pip found no distribution', async () => {
    const { api: requests } = api([
      fakeStream([
        {
          phase: 'building',
          message:
            'ERROR: Could not find a version that satisfies the requirement numpyy (from versions: none)\n'
        },
        {
          phase: 'building',
          message: 'ERROR: No matching distribution found for numpyy\n'
        },
        { phase: 'failed', message: 'repo2docker failed (exit code 1).\n' }
      ])
    ]);
    const model = new BuildModel({ ...requests });
    await model.build();
    expect(model.explanation?.kind).toBe('pip-not-found');
    expect(model.explanation?.line).toBe(1);
    // The failure's own message is in the log once.
    expect(
      model.log.plainLines.filter(l => l.startsWith('repo2docker failed'))
    ).toHaveLength(1);
  });

  it('explains a status code inside the stream: the token was refused', async () => {
    const { api: requests } = api([
      fakeStream([
        {
          phase: 'failed',
          status_code: 403,
          error: 'forbidden',
          missingScope: 'access:services!service=binder',
          message:
            'The build service refused this server (HTTP 403): its token needs the scope access:services!service=binder.\n'
        }
      ])
    ]);
    const model = new BuildModel({ ...requests });
    await model.build();
    expect(model.state.stage).toBe('failed');
    expect(model.explanation?.kind).toBe('forbidden');
    expect(model.explanation?.advice).toContain(
      'access:services!service=binder'
    );
  });

  it('fails plainly when the stream breaks off, and when it ends too soon', async () => {
    const broken = api([
      fakeStream([{ phase: 'building', message: 'Step 1\n' }], {
        breakWith: new TypeError('network error')
      })
    ]);
    const first = new BuildModel({ ...broken.api });
    await first.build();
    expect(first.state.stage).toBe('failed');
    expect(first.state.failure?.error).toBe('cut');
    expect(first.log.plainLines[1]).toContain('broke off');

    const short = api([fakeStream([{ phase: 'building', message: 'x\n' }])]);
    const second = new BuildModel({ ...short.api });
    await second.build();
    expect(second.state.stage).toBe('failed');
    expect(second.state.failure?.error).toBe('cut');
  });

  it('ignores what the client says after the end (its own "closed unexpectedly")', async () => {
    const { api: requests } = api([
      fakeStream([
        { phase: 'ready', imageName: IMAGE, message: 'Done! Image built\n' },
        {
          phase: 'failed',
          error: 'cut',
          detail: 'Event stream closed unexpectedly'
        }
      ])
    ]);
    const model = new BuildModel({ ...requests });
    await model.build();
    expect(model.state.stage).toBe('ready');
    expect(model.log.plainLines).toEqual(['Done! Image built']);
  });

  it('treats `ready` without an image as a failure', async () => {
    const { api: requests } = api([
      fakeStream([{ phase: 'ready', message: 'Done!\n' }])
    ]);
    const model = new BuildModel({ ...requests });
    await model.build();
    expect(model.state.stage).toBe('failed');
    expect(model.state.failure?.error).toBe('no-image');
  });

  it('starts over when the client reconnects, since the gateway replays the build', async () => {
    const { api: requests } = api([
      fakeStream([
        { phase: 'waiting', message: 'Waiting for build to start...\n' },
        { phase: 'unknown', error: 'retrying', status_code: 502 },
        { phase: 'waiting', message: 'Waiting for build to start...\n' },
        { phase: 'building', message: 'Step 1\n' },
        { phase: 'ready', imageName: IMAGE, message: 'Done! Image built\n' }
      ])
    ]);
    const model = new BuildModel({ ...requests });
    await model.build();
    expect(model.log.plainLines).toEqual([
      'Waiting for build to start...',
      'Step 1',
      'Done! Image built'
    ]);
    expect(model.state.cacheHit).toBe(false);
  });

  it('reports a snapshot the server refused, with its words', async () => {
    const { api: requests, calls } = api([], {
      snapshotError: new EnvBuilderRequestError(
        '413 The environment folder holds more than 500 files.',
        413
      )
    });
    const model = new BuildModel({
      ...requests,
      folder: new EnvironmentFolder('binder')
    });
    await model.build();
    expect(calls.streams).toEqual([]);
    expect(model.state.stage).toBe('failed');
    expect(model.state.failure?.status_code).toBe(413);
    expect(model.log.text).toContain(
      'The environment folder binder could not be committed: 413 The environment folder holds more than 500 files.'
    );
  });
});

describe('BuildModel: the check before a build', () => {
  function precheck(problems: IBuildProblem[]): IBuildPrecheck & {
    checks: number;
    problems: readonly IBuildProblem[];
    changed: Signal<object, readonly IBuildProblem[]>;
  } {
    const changed = new Signal<object, readonly IBuildProblem[]>({});
    const check = {
      checks: 0,
      changed,
      problems,
      problemsChanged: changed,
      validateAll: async () => {
        check.checks++;
        return check.problems;
      }
    };
    return check;
  }

  const ERROR: IBuildProblem = {
    file: 'requirements.txt',
    line: 3,
    severity: 'error',
    message: 'numpy=1.26 is not a pip requirement: use numpy==1.26.'
  };

  it('builds nothing while the environment files have errors, and says why', async () => {
    const check = precheck([ERROR]);
    const { api: requests, calls } = api([]);
    const model = new BuildModel({ ...requests, precheck: check });
    expect(model.blockedReason).toBe(
      'Fix the problem in the environment files first: requirements.txt, line 3: numpy=1.26 is not a pip requirement: use numpy==1.26.'
    );
    await model.build();
    expect(check.checks).toBe(1);
    expect(calls.snapshots).toEqual([]);
    expect(model.state.stage).toBe('blocked');
    expect(model.state.problems).toEqual([ERROR]);
  });

  it('lets warnings through and follows the check as it changes', async () => {
    const check = precheck([{ ...ERROR, severity: 'warning' }]);
    const { api: requests, calls } = api([
      fakeStream([{ phase: 'ready', imageName: IMAGE }])
    ]);
    const model = new BuildModel({ ...requests, precheck: check });
    let told = 0;
    model.stateChanged.connect(() => told++);
    expect(model.blockedReason).toBeNull();
    check.problems = [ERROR, { ...ERROR, line: 4 }];
    check.changed.emit(check.problems);
    expect(told).toBe(1);
    expect(model.blockedReason).toContain('Fix the 2 problems');
    check.problems = [];
    await model.build();
    expect(calls.snapshots).toEqual(['environment']);
    expect(model.state.stage).toBe('ready');
  });
});

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
    await new Promise(resolve => setTimeout(resolve, 10));
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
            error: 'build-failed'
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
    expect(calls.records).toEqual([failed.id]);
    expect(model.state.stage).toBe('failed');
    expect(model.state.fromHistory).toBe(true);
    expect(model.log.plainLines[0]).toBe('E: Unable to locate package libfoo');
    expect(model.explanation?.kind).toBe('apt-not-found');
    expect(model.history.builds).toHaveLength(2);
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
    const { log } = await model.record(record.id);
    expect(log.plainLines).toEqual(['Step 1']);
    expect(model.log.length).toBe(0);
  });
});
