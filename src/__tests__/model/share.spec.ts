import { EnvBuilderRequestError } from '../../api/request';
import { HandshakeModel } from '../../model/handshake';
import { ShareModel } from '../../model/share';
import { BuildHistoryModel, offeredImage } from '../../model/history';
import { historyRows } from '../../model/historyRows';
import { IBuildSummary, IGitInfo, IHandshake } from '../../api/types';
import { gitInfo, handshake, ORIGIN, VERSION } from './shareFakes';

function build(imageName: string | null, result = 'built'): IBuildSummary {
  return {
    id: Math.random().toString(16).slice(2),
    spec: 'git/x/abc',
    repoUrl: 'https://example.org/env.git',
    ref: 'abc',
    snapshot: true,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:01:00Z',
    result,
    imageName,
    cacheHit: false
  };
}

async function setup(
  options: {
    handshake?: IHandshake;
    git?: IGitInfo | Error;
    builds?: IBuildSummary[] | Error;
  } = {}
) {
  const hub = new HandshakeModel(
    async () => options.handshake ?? handshake(),
    VERSION
  );
  await hub.refresh();
  const requested: string[] = [];
  const model = new ShareModel({
    handshake: hub,
    origin: ORIGIN,
    fetchGitInfo: async path => {
      requested.push(path);
      const answer = options.git ?? gitInfo({ path });
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    },
    history: new BuildHistoryModel(async () => {
      const answer = options.builds ?? [];
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    })
  });
  return { model, hub, requested };
}

describe('ShareModel', () => {
  it('starts empty: no errors, no link, no summary', async () => {
    const { model } = await setup();
    expect(model.pristine).toBe(true);
    expect(model.result.ok).toBe(false);
    expect(model.errors('repo', 'branch')).toEqual([]);
    expect(model.summary).toBeNull();
    expect(model.form.hubUrl).toBe('http://127.0.0.1:8000/');
  });

  it('pre-fills the content from the clone and links the current image', async () => {
    const { model, requested } = await setup();
    let emitted = 0;
    model.changed.connect(() => emitted++);
    await model.shareNotebook('courses/intro/lessons/one.ipynb');

    expect(requested).toEqual(['courses/intro/lessons/one.ipynb']);
    expect(emitted).toBeGreaterThan(0);
    expect(model.form).toMatchObject({
      repo: 'https://git.example.org/org/intro.git',
      branch: 'main',
      path: 'lessons/one.ipynb',
      environment: 'current'
    });
    expect(model.warnings).toEqual([]);
    expect(model.result.ok).toBe(true);
    const link = model.result.ok ? model.result.value : null;
    const url = new URL(link!.url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:8000/hub/spawn');
    // JupyterHub 6 takes spawn options prefixed with opt-.
    expect(url.searchParams.get('opt-image')).toBe('example.org/course:2026');
    const next = url.searchParams.get('next')!;
    expect(next.startsWith('/hub/user-redirect/git-pull?')).toBe(true);
    const pull = new URLSearchParams(next.split('?')[1]);
    expect(pull.get('repo')).toBe('https://git.example.org/org/intro.git');
    expect(pull.get('branch')).toBe('main');
    expect(pull.get('urlpath')).toBe('lab/tree/intro/lessons/one.ipynb');
    expect(link!.markdown).toContain(`(${link!.url})`);
    expect(model.summary?.join(' ')).toContain(
      'on the image example.org/course:2026'
    );
    expect(model.summary?.join(' ')).toContain('into the folder intro');
    expect(model.summary?.join(' ')).toContain(
      'lessons/one.ipynb opens in JupyterLab.'
    );
  });

  it('uses the branch name the remote has, and the classic notebook when asked', async () => {
    const { model } = await setup({
      git: gitInfo({ branch: 'mine', remoteBranch: 'spring' })
    });
    await model.shareNotebook('courses/intro/lessons/one.ipynb');
    model.update({ app: 'notebook', targetPath: 'term/intro' });
    expect(model.form.branch).toBe('spring');
    expect(model.summary?.join(' ')).toContain('into the folder term/intro');
    expect(model.summary?.join(' ')).toContain('opens in the classic notebook');
  });

  it('shows each problem next to its field and never a link', async () => {
    const { model } = await setup();
    await model.shareNotebook('courses/intro/lessons/one.ipynb');
    model.update({
      repo: 'git@github.com:org/intro.git',
      branch: 'bad..name',
      hubUrl: 'https://hub.example.org/hub/home'
    });
    expect(model.result.ok).toBe(false);
    expect(model.errors('repo')).toEqual([
      expect.stringContaining("Use the repository's https:// address")
    ]);
    expect(model.errors('branch')).toEqual([
      expect.stringContaining('not a valid git branch')
    ]);
    expect(model.errors('hubUrl')).toEqual([
      expect.stringContaining("Give the hub's main address")
    ]);
    expect(model.errors('path')).toEqual([]);
    expect(model.summary).toBeNull();
  });

  it('follows the server for hub address and environment until the instructor sets them', async () => {
    const { model, hub } = await setup();
    expect(model.form.environment).toBe('current');
    model.update({ environment: 'default', hubUrl: 'https://hub.example.org' });
    await hub.refresh();
    expect(model.form.environment).toBe('default');
    expect(model.form.hubUrl).toBe('https://hub.example.org');
  });

  it('tells a Binder session that its images cannot be shared on its hub', async () => {
    const binder = handshake({
      binder: {
        launchHost: 'https://mybinder.org/',
        repoUrl: 'https://github.com/example/course',
        refUrl: null
      }
    });
    binder.capabilities.restart = { available: false, code: 'binderSession' };
    const { model } = await setup({ handshake: binder });
    expect(model.form.environment).toBe('default');
    const current = model.environmentOptions.find(o => o.choice === 'current');
    expect(current?.available).toBe(false);
    expect(current?.reason).toMatch(/^A BinderHub launched this server/);
    expect(current?.reason).toContain('A repository built by a BinderHub');
    expect(current?.reason).not.toContain('ENVBUILDER_SPAWN_OPTIONS');
  });

  it('explains why the current image cannot be used, and falls back to the default', async () => {
    const noTemplate = handshake();
    noTemplate.capabilities.restart = { available: false };
    const { model } = await setup({ handshake: noTemplate });
    expect(model.form.environment).toBe('default');
    const current = model.environmentOptions.find(o => o.choice === 'current');
    expect(current?.available).toBe(false);
    expect(current?.reason).toContain('ENVBUILDER_SPAWN_OPTIONS');

    await model.shareNotebook('courses/intro/lessons/one.ipynb');
    expect(model.result.ok).toBe(true);
    const url = model.result.ok ? model.result.value.url : '';
    expect(
      url.startsWith('http://127.0.0.1:8000/hub/user-redirect/git-pull?')
    ).toBe(true);
    expect(model.summary?.join(' ')).toContain("hub's default environment");

    // Chosen anyway (e.g. the hub changed under it): one clear reason, no link.
    model.update({ environment: 'current' });
    expect(model.result.ok).toBe(false);
    expect(model.errors('environment')).toEqual([current!.reason]);
  });

  it('offers every image the history rows offer to restart into, newest first, once each', async () => {
    const builds = [
      build('registry/env:new'),
      build(null, 'failed'),
      build('registry/env:new'),
      build('registry/env:old'),
      build('registry/env:dry', 'dry-run')
    ];
    const { model } = await setup({ builds });
    await model.refreshBuilds();
    expect(model.builds).toMatchObject({
      kind: 'ready',
      images: [
        { image: 'registry/env:new', dryRun: false },
        { image: 'registry/env:old', dryRun: false },
        // A dry run's name, as its history row offers it (no image was built).
        { image: 'registry/env:dry', dryRun: true }
      ]
    });
    const rowImages = historyRows(builds)
      .map(row => offeredImage(row.build))
      .filter(Boolean);
    expect(
      (model.builds as { images: { image: string }[] }).images.map(i => i.image)
    ).toEqual(rowImages);
    expect(model.form.buildImage).toBe('registry/env:new');
    await model.shareNotebook('courses/intro/lessons/one.ipynb');
    model.update({ environment: 'build', buildImage: 'registry/env:old' });
    const url = new URL(model.result.ok ? model.result.value.url : 'x:');
    expect(url.searchParams.get('opt-image')).toBe('registry/env:old');
    expect(model.summary?.join(' ')).not.toContain('dry run');
    model.update({ buildImage: 'registry/env:dry' });
    expect(model.summary?.join(' ')).toContain(
      'No image was built under the name registry/env:dry (dry run)'
    );
  });

  it('says when there is no build history to choose from', async () => {
    const empty = await setup({ builds: [] });
    await empty.model.refreshBuilds();
    expect(
      empty.model.environmentOptions.find(o => o.choice === 'build')?.reason
    ).toBe('No build has produced an image yet.');

    const missing = await setup({
      builds: new EnvBuilderRequestError('404 Not Found', 404, {
        status: 404,
        reason: 'notFound',
        message: 'Not Found'
      })
    });
    await missing.model.refreshBuilds();
    expect(missing.model.builds.kind).toBe('unavailable');
    expect(
      missing.model.environmentOptions.find(o => o.choice === 'build')?.reason
    ).toBe(
      'The build history cannot be read: The server refused the request (HTTP 404, notFound).'
    );
  });

  it('links a repository for a BinderHub to build, by default the content repository', async () => {
    const { model } = await setup();
    await model.shareNotebook('courses/intro/lessons/one.ipynb');
    model.update({ environment: 'repository' });
    expect(model.errors('binderUrl')).toEqual([
      expect.stringContaining("Enter the BinderHub's address")
    ]);
    model.update({ binderUrl: 'https://mybinder.org' });
    const url = model.result.ok ? model.result.value.url : '';
    expect(url).toMatch(
      /^https:\/\/mybinder\.org\/v2\/git\/https%3A%2F%2Fgit\.example\.org%2Forg%2Fintro\.git\/main\?urlpath=/
    );
    expect(model.result.ok && model.result.value.markdown).toContain(
      'https://mybinder.org/badge_logo.svg'
    );
    model.update({
      environmentRepo: 'https://github.com/org/course-env',
      environmentRef: '2026'
    });
    expect(model.result.ok && model.result.value.url).toMatch(
      /^https:\/\/mybinder\.org\/v2\/gh\/org\/course-env\/2026\?/
    );
    expect(model.summary?.join(' ')).toContain(
      'The BinderHub at https://mybinder.org builds https://github.com/org/course-env (2026)'
    );
  });

  it('converts an SSH remote to https and says so', async () => {
    const { model } = await setup({
      git: gitInfo({ remoteUrl: 'git@github.com:org/intro.git' })
    });
    await model.shareNotebook('courses/intro/lessons/one.ipynb');
    expect(model.form.repo).toBe('https://github.com/org/intro.git');
    expect(model.warnings.map(w => w.kind)).toEqual(['ssh-remote']);
    expect(model.result.ok).toBe(true);
  });

  it('keeps a remote that is no web address, so the link says what is wrong', async () => {
    const { model } = await setup({
      git: gitInfo({ remoteUrl: '/srv/git/intro.git' })
    });
    await model.shareNotebook('courses/intro/lessons/one.ipynb');
    expect(model.form.repo).toBe('/srv/git/intro.git');
    expect(model.errors('repo')).toHaveLength(1);
  });

  it('clears the content for a notebook outside a git clone', async () => {
    const notClone = new EnvBuilderRequestError(
      '422 loose.ipynb is not in a git clone.',
      422,
      { reason: 'notAClone', message: 'loose.ipynb is not in a git clone.' }
    );
    const { model } = await setup({ git: notClone });
    model.update({ repo: 'https://example.org/old.git', branch: 'main' });
    await model.shareNotebook('loose.ipynb');
    expect(model.git.kind).toBe('notAClone');
    expect(model.form.repo).toBe('');
    expect(model.pristine).toBe(false);
    expect(model.errors('repo')).toHaveLength(1);
  });

  it('reports other failures to read the clone', async () => {
    const { model } = await setup({
      git: new EnvBuilderRequestError('504 English for the log', 504, {
        status: 504,
        reason: 'timeout',
        message: 'English for the log',
        seconds: 10
      })
    });
    await model.shareNotebook('a.ipynb');
    expect(model.git).toEqual({
      kind: 'error',
      path: 'a.ipynb',
      message: 'git took longer than 10 s; try again.'
    });
  });

  it('keeps only the answer for the notebook shared last', async () => {
    const hub = new HandshakeModel(async () => handshake(), VERSION);
    await hub.refresh();
    const answers: Record<string, (info: IGitInfo) => void> = {};
    const model = new ShareModel({
      handshake: hub,
      origin: ORIGIN,
      fetchGitInfo: path =>
        new Promise<IGitInfo>(resolve => (answers[path] = resolve)),
      history: new BuildHistoryModel(async () => [])
    });
    const first = model.shareNotebook('first.ipynb');
    const second = model.shareNotebook('second.ipynb');
    await new Promise(resolve => setTimeout(resolve, 0));
    answers['second.ipynb'](gitInfo({ pathInRepo: 'second.ipynb' }));
    await second;
    answers['first.ipynb'](gitInfo({ pathInRepo: 'first.ipynb' }));
    await first;
    expect(model.form.path).toBe('second.ipynb');
  });

  it('runs the handshake first when the panel never did', async () => {
    let asked = 0;
    const hub = new HandshakeModel(async () => {
      asked++;
      return handshake();
    }, VERSION);
    const model = new ShareModel({
      handshake: hub,
      origin: ORIGIN,
      fetchGitInfo: async () => gitInfo(),
      history: new BuildHistoryModel(async () => [])
    });
    expect(model.form.environment).toBe('default');
    await model.shareNotebook('courses/intro/lessons/one.ipynb');
    expect(asked).toBe(1);
    expect(model.form.environment).toBe('current');
  });
});
