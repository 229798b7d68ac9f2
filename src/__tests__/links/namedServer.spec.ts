import { namedServerLink } from '../../links';

const CONTENT = {
  repo: 'https://github.com/org/course',
  branch: 'main',
  path: 'week 1/intro.ipynb'
};

describe('namedServerLink', () => {
  it('names the server and the image, and carries the nbgitpuller request', () => {
    const link = namedServerLink('https://hub.example.org/', CONTENT, {
      image: 'quay.io/org/course-101:2024',
      serverName: 'course-101'
    });
    expect(link.ok).toBe(true);
    const url = new URL(link.ok ? link.value : '');
    expect(url.pathname).toBe('/hub/envbuilder/launch/course-101');
    expect(url.searchParams.get('image')).toBe('quay.io/org/course-101:2024');
    expect(url.searchParams.get('urlpath')).toBe(
      'git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fweek%25201%2Fintro.ipynb'
    );
  });

  it('refuses a server name the hub would not take, and an empty image', () => {
    expect(
      namedServerLink('https://hub.example.org/', CONTENT, {
        image: ' ',
        serverName: 'Course 101'
      })
    ).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ field: 'serverName' }),
        expect.objectContaining({ field: 'image' })
      ]
    });
  });

  it('opens JupyterLab on the new server when there is no content to pull', () => {
    const link = namedServerLink('https://hub.example.org/', null, {
      image: 'quay.io/org/thesis:1',
      serverName: 'thesis'
    });
    expect(link).toEqual({
      ok: true,
      value:
        'https://hub.example.org/hub/envbuilder/launch/thesis?image=quay.io%2Forg%2Fthesis%3A1&urlpath=lab'
    });
  });
});
