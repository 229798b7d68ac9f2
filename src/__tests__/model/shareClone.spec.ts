import { cloneWarnings, hubAddress, httpsRemote } from '../../model/shareClone';
import { gitInfo, handshake, ORIGIN } from './shareFakes';

describe('hubAddress', () => {
  it('takes the hub address from its public URL', () => {
    const h = handshake();
    h.hub!.publicUrl = 'https://hub.example.org/base/hub/';
    expect(hubAddress(h, ORIGIN)).toBe('https://hub.example.org/base/');
    h.hub!.publicUrl = '';
    h.hub!.hubPrefix = '/base/hub/';
    expect(hubAddress(h, ORIGIN)).toBe('http://127.0.0.1:8000/base/');
    expect(hubAddress(null, ORIGIN)).toBe('');
  });
});

describe('cloneWarnings', () => {
  it('warns about a notebook that is not committed at all', () => {
    const warnings = cloneWarnings(
      gitInfo({
        pathTracked: false,
        pathChanged: true,
        dirty: true,
        dirtyFiles: ['lessons/one.ipynb'],
        dirtyCount: 1
      }),
      undefined
    );
    expect(warnings.map(w => w.kind)).toEqual(['notebook-untracked']);
    expect(warnings[0].message).toBe(
      'lessons/one.ipynb is not committed: students would not get it. Commit and push it first.'
    );
  });

  it('tells the notebook apart from other changed files, and counts them all', () => {
    const files = ['lessons/one.ipynb', 'a.py', 'b.py', 'c.py', 'd.py'];
    const warnings = cloneWarnings(
      gitInfo({
        pathChanged: true,
        dirty: true,
        dirtyFiles: files,
        dirtyCount: 7
      }),
      undefined
    );
    expect(warnings.map(w => w.kind)).toEqual([
      'notebook-changed',
      'other-changes'
    ]);
    expect(warnings[1].message).toContain('(6: a.py, b.py, c.py, …)');
  });

  it('warns about unpushed commits and a branch without upstream', () => {
    const warnings = cloneWarnings(
      gitInfo({ unpushed: 2, upstream: null, branch: 'spring' }),
      undefined
    );
    expect(warnings.map(w => w.kind)).toEqual(['unpushed', 'no-upstream']);
    expect(warnings[0].message).toContain('origin: 2');
    expect(warnings[1].message).toContain('git push -u origin spring');
  });

  it('warns about a detached HEAD and a clone without remote', () => {
    const warnings = cloneWarnings(
      gitInfo({
        branch: null,
        remoteBranch: null,
        upstream: null,
        remote: null,
        remoteUrl: null
      }),
      undefined
    );
    expect(warnings.map(w => w.kind)).toEqual(['detached', 'no-remote']);
  });
});

describe('httpsRemote', () => {
  it.each([
    ['https://github.com/org/c.git', 'https://github.com/org/c.git'],
    ['http://127.0.0.1:9000/c.git', 'http://127.0.0.1:9000/c.git'],
    ['git@github.com:org/c.git', 'https://github.com/org/c.git'],
    [
      'ssh://git@gitlab.com:2222/group/sub/c.git',
      'https://gitlab.com/group/sub/c.git'
    ],
    ['git://example.org/c.git', 'https://example.org/c.git'],
    ['/srv/git/c.git', null],
    ['file:///srv/git/c.git', null]
  ])('%s → %s', (remote, expected) => {
    expect(httpsRemote(remote)).toBe(expected);
  });
});
