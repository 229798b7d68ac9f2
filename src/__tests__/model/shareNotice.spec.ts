import { launchLinkNotice } from '../../model/shareNotice';
import { noTranslation } from '../../translate';

describe('launchLinkNotice', () => {
  it('is a success only when students get the notebook as it is', () => {
    const notice = launchLinkNotice(
      'lessons/intro.ipynb',
      true,
      [],
      noTranslation
    );
    expect(notice.type).toBe('success');
  });

  it('warns, naming the file, for a notebook not pushed to the remote branch', () => {
    const notice = launchLinkNotice(
      'lessons/intro.ipynb',
      true,
      [{ kind: 'unpushed', message: 'Commits not pushed to origin/main: 1.' }],
      noTranslation
    );
    expect(notice.type).toBe('warning');
    expect(notice.message).toContain('lessons/intro.ipynb');
    expect(notice.message).toContain('Commits not pushed to origin/main: 1.');
  });

  it('warns for an uncommitted notebook, but not for other changed files alone', () => {
    const untracked = launchLinkNotice(
      'new.ipynb',
      true,
      [{ kind: 'notebook-untracked', message: 'new.ipynb is not committed.' }],
      noTranslation
    );
    expect(untracked.type).toBe('warning');
    const others = launchLinkNotice(
      'intro.ipynb',
      true,
      [{ kind: 'other-changes', message: 'Other files are not committed.' }],
      noTranslation
    );
    expect(others.type).toBe('success');
  });
});
