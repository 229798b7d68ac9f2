import { EnvBuilderRequestError } from '../../api/request';
import { BuildModel } from '../../model/build';
import { IBuildPrecheck, IBuildProblem } from '../../model/precheck';
import { EnvironmentFolder } from '../../model/folder';
import { Signal } from '@lumino/signaling';
import { fakeStream, recordedEvents } from '../buildlog/streams';
import { api, IMAGE, SHA, SPEC, stages } from './buildFakes';
import { until } from './envfilesHarness';

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

  it('takes every event of a stream that brings them in batches, and tells the log view once per batch', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({
      phase: 'building',
      message: `line ${i}\n`
    }));
    const batches = [
      lines.slice(0, 50),
      lines.slice(50, 100),
      [...lines.slice(100), { phase: 'ready', imageName: IMAGE }]
    ];
    let closed = false;
    const { api: requests } = api([
      {
        events: (async function* () {
          for (const batch of batches) {
            yield batch;
          }
        })(),
        close: () => (closed = true),
        get closed() {
          return closed;
        }
      }
    ]);
    const model = new BuildModel(requests);
    let told = 0;
    model.log.changed.connect(() => told++);
    await model.build();
    expect(model.state.stage).toBe('ready');
    expect(model.log.plainLines).toEqual(lines.map((_, i) => `line ${i}`));
    // The clear at the start, then one notice per batch.
    expect(told).toBe(1 + batches.length);
  });

  it('builds a source spec with the same log, without checking or committing files', async () => {
    const stream = fakeStream(recordedEvents(), { hang: true });
    const { api: requests, calls } = api([stream]);
    const model = new BuildModel({
      ...requests,
      saveDirty: async () => {
        throw new Error('no files are saved for a source');
      },
      folder: new EnvironmentFolder('environment')
    });
    const seen = stages(model);
    await model.buildSpec('gh/binder-examples/octave/HEAD');

    expect(seen).toEqual(['watching', 'ready']);
    expect(calls.snapshots).toEqual([]);
    expect(calls.starts).toEqual(['gh/binder-examples/octave/HEAD']);
    expect(calls.streams).toEqual(['gh/binder-examples/octave/HEAD']);
    expect(model.state.spec).toBe('gh/binder-examples/octave/HEAD');
    expect(model.state.imageName).toBe(
      'binder-2dexamples-2doctave-03025a:1479e0252b2e648bb755ee913292b79495931717'
    );
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
    // Waits for what the model has taken in, not for a time: a loaded machine is slow.
    await until(() => model.log.plainLines.includes('warnings.warn('));
    expect(model.state.phase).toBe('fetching');
    stream.gate = null;
    stream.release();
    await until(() => stream.hanging && model.log.plainLines.length === 6);
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
    expect(model.state.failure?.error).toBe('noImage');
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

  it('reports a snapshot the server refused in words of its own for the code', async () => {
    const { api: requests, calls } = api([], {
      snapshotError: new EnvBuilderRequestError(
        '413 English for the log',
        413,
        {
          status: 413,
          reason: 'tooManyFiles',
          message: 'English for the log',
          limit: 500,
          setting: 'EnvBuilder.snapshot_max_files'
        }
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
      'The environment folder binder could not be committed: The environment folder has more than 500 files; an environment needs only a few (an administrator can raise EnvBuilder.snapshot_max_files).'
    );
    expect(model.log.text).not.toContain('English');
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
