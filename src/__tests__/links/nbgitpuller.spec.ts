import {
  gitPull,
  nbgitpullerLink,
  userRedirect
} from '../../links/nbgitpuller';
import { COURSE, HUB, pull, query } from './pulls';

describe('nbgitpullerLink', () => {
  it('opens a notebook in JupyterLab after pulling the repository', () => {
    expect(
      nbgitpullerLink(HUB, {
        repo: COURSE,
        branch: 'main',
        path: 'week1/intro.ipynb'
      })
    ).toEqual({
      ok: true,
      value:
        'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fweek1%2Fintro.ipynb'
    });
  });

  it('keeps the base path of a hub that is not at the root of its host', () => {
    const link = nbgitpullerLink('https://example.org/jupyter', {
      repo: COURSE,
      branch: 'main'
    });
    expect(link).toEqual({
      ok: true,
      value:
        'https://example.org/jupyter/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse'
    });
  });

  it('reports the hub address and the content problems together', () => {
    const link = nbgitpullerLink('https://hub.example.org/hub/home', {
      repo: 'file:///srv/course',
      branch: ''
    });
    expect(link.ok).toBe(false);
    expect(!link.ok && link.errors.map(error => error.field)).toEqual([
      'hubUrl',
      'repo',
      'branch'
    ]);
  });
});

describe('gitPull', () => {
  it('clones into the last segment of the address, as nbgitpuller does', () => {
    expect(pull({ repo: `${COURSE}/`, branch: 'main' })).toEqual({
      path: 'git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse%2F&branch=main&urlpath=lab%2Ftree%2Fcourse',
      folder: 'course',
      urlpath: 'lab/tree/course'
    });
  });

  it('names the folder without ".git", because nbgitpuller would keep it', () => {
    expect(query({ repo: `${COURSE}.git`, branch: 'main' })).toEqual({
      repo: 'https://github.com/org/course.git',
      branch: 'main',
      urlpath: 'lab/tree/course',
      targetpath: 'course'
    });
  });

  it('names the folder with percent-escapes decoded', () => {
    const value = pull({
      repo: 'https://git.example.org/caf%C3%A9%20notes.git',
      branch: 'main',
      path: 'a.ipynb'
    });
    expect(value.folder).toBe('café notes');
    expect(value.urlpath).toBe('lab/tree/caf%C3%A9%20notes/a.ipynb');
    expect(
      query({ repo: 'https://git.example.org/a%2Fb', branch: 'x' })
    ).toEqual(expect.objectContaining({ urlpath: 'lab/tree/a%252Fb' }));
  });

  it('clones into the given target folder, normalised', () => {
    const value = pull({
      repo: COURSE,
      branch: 'main',
      path: 'intro.ipynb',
      targetPath: './courses//2024 spring/'
    });
    expect(value).toEqual({
      path: 'git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourses%2F2024%2520spring%2Fintro.ipynb&targetpath=courses%2F2024+spring',
      folder: 'courses/2024 spring',
      urlpath: 'lab/tree/courses/2024%20spring/intro.ipynb'
    });
  });

  it('encodes branch names with # and & so they arrive whole', () => {
    expect(query({ repo: COURSE, branch: 'fix#1&more' }).branch).toBe(
      'fix#1&more'
    );
    expect(pull({ repo: COURSE, branch: 'fix#1&more' }).path).toContain(
      'branch=fix%231%26more&'
    );
  });

  it.each([
    ['week 1/intro.ipynb', 'lab/tree/course/week%201/intro.ipynb'],
    ['notes & more.ipynb', 'lab/tree/course/notes%20&%20more.ipynb'],
    ['100%.ipynb', 'lab/tree/course/100%25.ipynb'],
    [
      'données/résumé.ipynb',
      'lab/tree/course/donn%C3%A9es/r%C3%A9sum%C3%A9.ipynb'
    ],
    ['a+b;c=d.ipynb', 'lab/tree/course/a+b;c=d.ipynb'],
    ['./week1//intro.ipynb', 'lab/tree/course/week1/intro.ipynb'],
    ['week1/', 'lab/tree/course/week1']
  ])(
    'opens %j in JupyterLab at %s, which JupyterLab decodes back',
    (path, urlpath) => {
      const value = pull({ repo: COURSE, branch: 'main', path });
      expect(value.urlpath).toBe(urlpath);
      // JupyterLab's tree route reads the path with decodeURI.
      const opened = decodeURI(urlpath.slice('lab/tree/'.length));
      expect(opened).toBe(
        ['course', ...path.split('/').filter(s => s && s !== '.')].join('/')
      );
    }
  );

  it.each([
    ['intro.ipynb', 'notebooks/course/intro.ipynb'],
    ['Week 1/Intro.IPYNB', 'notebooks/course/Week%201/Intro.IPYNB'],
    ['a#b?.ipynb', 'notebooks/course/a%23b%3F.ipynb'],
    ['notes & more.md', 'tree/course/notes%20%26%20more.md'],
    ['week 1', 'tree/course/week%201'],
    ['', 'tree/course']
  ])(
    'opens %j in the classic notebook at %s, which it decodes back',
    (path, urlpath) => {
      const value = pull({
        repo: COURSE,
        branch: 'main',
        path,
        app: 'notebook'
      });
      expect(value.urlpath).toBe(urlpath);
      // Notebook 7 reads the path with decodeURIComponent.
      const opened = decodeURIComponent(urlpath.split('/').slice(1).join('/'));
      expect(opened).toBe(
        ['course', ...path.split('/').filter(s => s)].join('/')
      );
    }
  );

  it('refuses names with # or ? for JupyterLab, which cannot open them', () => {
    expect(
      gitPull({ repo: COURSE, branch: 'main', path: 'a#b.ipynb' })
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'path',
          message:
            'JupyterLab cannot open a path that contains “#” or “?” from a link; rename the file, or open it in the classic notebook.'
        }
      ]
    });
    expect(
      gitPull({ repo: COURSE, branch: 'main', targetPath: 'what?' })
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'targetPath',
          message:
            'JupyterLab cannot open a folder whose name contains “#” or “?” from a link; choose another target folder.'
        }
      ]
    });
    expect(
      gitPull({ repo: 'https://git.example.org/a%23b', branch: 'main' })
    ).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'repo' })]
    });
  });

  it('rejects an app it does not know', () => {
    expect(
      gitPull({ repo: COURSE, branch: 'main', app: 'rstudio' as 'lab' })
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'app',
          message: 'Unknown app “rstudio”: choose lab or notebook.'
        }
      ]
    });
  });
});

describe('userRedirect', () => {
  it('sends the user to the pull on their own server', () => {
    expect(userRedirect(pull({ repo: COURSE, branch: 'main' }))).toBe(
      'hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse'
    );
  });
});
