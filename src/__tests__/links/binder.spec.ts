import { binderBadgeImage, binderLink, binderSpec } from '../../links/binder';
import { checkRepositoryAddress } from '../../links/checks';
import { IContent } from '../../links/nbgitpuller';
import { Problems } from '../../links/result';
import { noTranslation } from '../../translate';

const CONTENT: IContent = {
  repo: 'https://github.com/org/course',
  branch: 'main',
  path: 'week 1/intro.ipynb'
};

function address(url: string) {
  const found = checkRepositoryAddress(
    url,
    'environmentRepo',
    new Problems(noTranslation)
  );
  if (!found) {
    throw new Error(`not an address: ${url}`);
  }
  return found;
}

describe('binderLink', () => {
  it('builds the environment on mybinder.org and opens the content', () => {
    expect(
      binderLink(CONTENT, {
        binderUrl: 'https://mybinder.org',
        repo: 'https://github.com/org/course-env'
      })
    ).toEqual({
      ok: true,
      value:
        'https://mybinder.org/v2/gh/org/course-env/HEAD?urlpath=git-pull%3Frepo%3Dhttps%253A%252F%252Fgithub.com%252Forg%252Fcourse%26branch%3Dmain%26urlpath%3Dlab%252Ftree%252Fcourse%252Fweek%2525201%252Fintro.ipynb'
    });
  });

  it('is read by BinderHub’s own client: the server opens the git-pull request', async () => {
    // The module BinderHub's loading page uses to find where to send the user.
    const clientModule = '@jupyterhub/binderhub-client/spec.js';
    const { LaunchSpec } = await import(clientModule);
    const link = binderLink(CONTENT, {
      binderUrl: 'https://binder.example.org/prefix/',
      repo: 'https://git.example.org/env.git',
      ref: 'v1.0'
    });
    expect(link.ok).toBe(true);
    const launch = LaunchSpec.fromSearchParams(
      new URL(link.ok ? link.value : '').searchParams
    );
    const redirect: URL = launch.getJupyterServerRedirectUrl(
      new URL('https://binder.example.org/user/org-env-abc/'),
      'secret'
    );
    expect(redirect.pathname).toBe('/user/org-env-abc/git-pull');
    expect(Object.fromEntries(redirect.searchParams)).toEqual({
      repo: 'https://github.com/org/course',
      branch: 'main',
      urlpath: 'lab/tree/course/week%201/intro.ipynb',
      token: 'secret'
    });
  });

  it('reports problems with the BinderHub, the environment and the content', () => {
    const link = binderLink(
      { ...CONTENT, branch: 'a b' },
      {
        binderUrl: 'https://mybinder.org/v2/gh/org/env/HEAD',
        repo: 'git@github.com:org/env.git',
        ref: 'bad..ref'
      }
    );
    expect(!link.ok && link.errors.map(error => error.field)).toEqual([
      'binderUrl',
      'environmentRepo',
      'environmentRef',
      'branch'
    ]);
  });
});

describe('binderSpec', () => {
  it.each([
    ['https://github.com/org/env', 'HEAD', 'gh/org/env/HEAD'],
    ['https://github.com/org/env.git/', 'main', 'gh/org/env/main'],
    ['https://github.com/org/env', 'feature/x#1', 'gh/org/env/feature/x%231'],
    [
      'https://gitlab.com/group/sub/project.git',
      'main',
      'gl/group%2Fsub%2Fproject/main'
    ],
    [
      'https://git.example.org/env.git',
      'v1.0',
      'git/https%3A%2F%2Fgit.example.org%2Fenv.git/v1.0'
    ],
    [
      'https://github.com/org/env/tree/main',
      'main',
      'git/https%3A%2F%2Fgithub.com%2Forg%2Fenv%2Ftree%2Fmain/main'
    ],
    [
      'https://github.com/org/caf%C3%A9',
      'café',
      'git/https%3A%2F%2Fgithub.com%2Forg%2Fcaf%25C3%25A9/caf%C3%A9'
    ]
  ])('names %s at %s as %s', (url, ref, spec) => {
    expect(binderSpec(address(url), ref)).toBe(spec);
  });
});

describe('binderBadgeImage', () => {
  it('is served by the BinderHub itself, under its base path', () => {
    expect(binderBadgeImage('https://mybinder.org')).toBe(
      'https://mybinder.org/badge_logo.svg'
    );
    expect(binderBadgeImage('https://example.org/binder')).toBe(
      'https://example.org/binder/badge_logo.svg'
    );
  });
});
