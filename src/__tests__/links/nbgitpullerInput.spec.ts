/** What a pull link says about content it cannot link. */
import { gitPull, IContent } from '../../links/nbgitpuller';
import { COURSE, query } from './pulls';

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
