import {
  gitPull,
  IContent,
  nbgitpullerLink,
  userRedirect
} from '../../links/nbgitpuller';

const HUB = 'https://hub.example.org';
const COURSE = 'https://github.com/org/course';

function pull(content: IContent) {
  const result = gitPull(content);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.errors));
  }
  return result.value;
}

function query(content: IContent): Record<string, string> {
  return Object.fromEntries(
    new URLSearchParams(pull(content).path.split('?')[1])
  );
}

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

describe('bad input', () => {
  const table: [string, Partial<IContent>, string, string][] = [
    [
      'an empty repository',
      { repo: '' },
      'repo',
      "Enter the repository's address, for example https://github.com/org/course."
    ],
    [
      'a blank repository',
      { repo: '   ' },
      'repo',
      "Enter the repository's address, for example https://github.com/org/course."
    ],
    [
      'a repository with spaces',
      { repo: 'https://github.com/org/my course' },
      'repo',
      'The repository address must not contain spaces.'
    ],
    [
      'a file:// repository',
      { repo: 'file:///home/me/course' },
      'repo',
      "“file://” addresses only exist on one computer; use the repository's https:// address."
    ],
    [
      'an SSH repository',
      { repo: 'git@github.com:org/course.git' },
      'repo',
      "Use the repository's https:// address: the servers that open the link cannot use SSH addresses like “git@github.com:org/course.git”."
    ],
    [
      'an ssh:// repository',
      { repo: 'ssh://git@github.com/org/course.git' },
      'repo',
      "Use the repository's https:// address; “ssh” addresses are not supported."
    ],
    [
      'a git:// repository',
      { repo: 'git://github.com/org/course' },
      'repo',
      "Use the repository's https:// address; “git” addresses are not supported."
    ],
    [
      'a repository without scheme',
      { repo: 'github.com/org/course' },
      'repo',
      '“github.com/org/course” is not a valid web address.'
    ],
    [
      'a repository with a password',
      { repo: 'https://me:secret@github.com/org/course' },
      'repo',
      'The repository address must not contain a user name or password: everyone who gets the link could read it.'
    ],
    [
      'a repository with a query',
      { repo: 'https://github.com/org/course?tab=readme' },
      'repo',
      'The repository address must not contain “?” or “#”.'
    ],
    [
      'a repository with a fragment',
      { repo: 'https://github.com/org/course#readme' },
      'repo',
      'The repository address must not contain “?” or “#”.'
    ],
    [
      'a repository with backslashes',
      { repo: 'https://github.com\\org\\course' },
      'repo',
      'The repository address must not contain “\\”.'
    ],
    [
      'a repository without a path',
      { repo: 'https://github.com/' },
      'repo',
      'The address has no repository path; it should look like https://github.com/org/course.'
    ],
    [
      'a repository ending in ..',
      { repo: 'https://github.com/org/..' },
      'repo',
      'The repository address must not contain “.” or “..” folders.'
    ],
    [
      'a repository named only .git',
      { repo: 'https://github.com/org/.git' },
      'repo',
      'The address has no repository name; it should look like https://github.com/org/course.'
    ],
    [
      'an empty branch',
      { branch: '' },
      'branch',
      'Enter the branch (or tag) to use, for example main.'
    ],
    [
      'a branch with a space',
      { branch: 'my branch' },
      'branch',
      '“my branch” is not a valid git branch or tag name: names cannot contain spaces, “..”, or any of ~ ^ : ? * [ \\.'
    ],
    [
      'a path outside the clone',
      { path: '../secrets.txt' },
      'path',
      'The path must stay inside the repository: “..” is not allowed.'
    ],
    [
      'a path climbing out midway',
      { path: 'week1/../../x' },
      'path',
      'The path must stay inside the repository: “..” is not allowed.'
    ],
    [
      'an absolute path',
      { path: '/etc/passwd' },
      'path',
      'Give the path inside the repository, without a leading “/”.'
    ],
    [
      'a Windows path',
      { path: 'week1\\intro.ipynb' },
      'path',
      'Use “/” between folders, not “\\”.'
    ],
    [
      'a path with a control character',
      { path: 'a\u0000b' },
      'path',
      'The path contains characters that cannot be put in a link.'
    ],
    [
      'a broken surrogate pair',
      { path: 'a\uD800b' },
      'path',
      'The path contains characters that cannot be put in a link.'
    ],
    [
      'an absolute target folder',
      { targetPath: '/tmp/course' },
      'targetPath',
      "Give the folder relative to the user's home, without a leading “/”."
    ],
    [
      'a target folder outside the home',
      { targetPath: '../course' },
      'targetPath',
      "The folder must stay inside the user's home: “..” is not allowed."
    ],
    [
      'a target folder that names nothing',
      { targetPath: './' },
      'targetPath',
      'The target folder must name a folder, for example courses/intro.'
    ],
    [
      'a target folder with a trailing space',
      { targetPath: 'course ' },
      'targetPath',
      'The target folder must not start or end with a space.'
    ]
  ];

  it.each(table)('explains %s', (_, change, field, message) => {
    const content: IContent = { repo: COURSE, branch: 'main', ...change };
    expect(gitPull(content)).toEqual({
      ok: false,
      errors: [{ field, message }]
    });
  });

  it.each([
    'feature..x',
    'x.lock',
    '-x',
    'a:b',
    'a?b',
    '/main',
    'main/',
    'a~1',
    'a^',
    'a*',
    'a[1]',
    'a\\b',
    '@',
    'a@{1}',
    '.hidden',
    'a//b',
    'x.'
  ])('refuses the branch name %j, as git does', branch => {
    const result = gitPull({ repo: COURSE, branch });
    expect(!result.ok && result.errors[0].field).toBe('branch');
  });

  it.each(['fix#1&more', 'café', 'release/2024', '100%', 'v1.0', 'HEAD'])(
    'accepts the branch name %j',
    branch => {
      expect(query({ repo: COURSE, branch }).branch).toBe(branch);
    }
  );

  it('trims spaces around the repository and branch', () => {
    expect(query({ repo: `  ${COURSE}\n`, branch: ' main ' })).toEqual(
      expect.objectContaining({ repo: COURSE, branch: 'main' })
    );
  });
});

describe('userRedirect', () => {
  it('sends the user to the pull on their own server', () => {
    expect(userRedirect(pull({ repo: COURSE, branch: 'main' }))).toBe(
      'hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse'
    );
  });
});
