import { IContent } from '../../links/nbgitpuller';
import { imageOptions, spawnLink } from '../../links/spawn';

const HUB = 'https://hub.example.org';
const CONTENT: IContent = {
  repo: 'https://github.com/org/course',
  branch: 'main',
  path: 'intro.ipynb'
};
const IMAGE = 'quay.io/org/course:2024';
const PROFILE =
  'profile=course&profile-option-course--image--unlisted-choice={image}';

describe('spawnLink', () => {
  it('starts the default server on the image with opt- options on JupyterHub 6', () => {
    expect(
      spawnLink(HUB, CONTENT, {
        image: IMAGE,
        optionsTemplate: 'image={image}',
        hubVersion: '6.1.1'
      })
    ).toEqual({
      ok: true,
      value:
        'https://hub.example.org/hub/spawn?opt-image=quay.io%2Forg%2Fcourse%3A2024&next=%2Fhub%2Fuser-redirect%2Fgit-pull%3Frepo%3Dhttps%253A%252F%252Fgithub.com%252Forg%252Fcourse%26branch%3Dmain%26urlpath%3Dlab%252Ftree%252Fcourse%252Fintro.ipynb'
    });
  });

  it('passes the options without prefix to JupyterHub 5', () => {
    expect(
      spawnLink('https://example.org/jupyter/', CONTENT, {
        image: IMAGE,
        optionsTemplate: PROFILE,
        hubVersion: '5.4.3'
      })
    ).toEqual({
      ok: true,
      value:
        'https://example.org/jupyter/hub/spawn?profile=course&profile-option-course--image--unlisted-choice=quay.io%2Forg%2Fcourse%3A2024&next=%2Fjupyter%2Fhub%2Fuser-redirect%2Fgit-pull%3Frepo%3Dhttps%253A%252F%252Fgithub.com%252Forg%252Fcourse%26branch%3Dmain%26urlpath%3Dlab%252Ftree%252Fcourse%252Fintro.ipynb'
    });
  });

  it('gives `next` as a path on the hub, which the hub accepts', () => {
    const link = spawnLink('https://example.org/a%20b', CONTENT, {
      image: IMAGE,
      optionsTemplate: 'image={image}',
      hubVersion: '6.1.1'
    });
    const next = link.ok && new URL(link.value).searchParams.get('next');
    expect(next).toBe(
      '/a%20b/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fintro.ipynb'
    );
  });

  it('reports every problem: hub, image, options, version and content', () => {
    const link = spawnLink(
      '',
      { ...CONTENT, path: '../x' },
      { image: '', optionsTemplate: 'image=latest', hubVersion: 'latest' }
    );
    expect(!link.ok && link.errors.map(error => error.field)).toEqual([
      'hubUrl',
      'image',
      'hubVersion',
      'imageOptions',
      'path'
    ]);
  });
});

describe('imageOptions', () => {
  it('fills every {image} placeholder, in the template order', () => {
    expect(
      imageOptions({
        image: ' registry.example.org:5000/a/b@sha256:abc ',
        optionsTemplate: 'image={image}&note=built from {image}&cpu=2',
        hubVersion: '6.0.0b1'
      })
    ).toEqual({
      ok: true,
      value: [
        ['opt-image', 'registry.example.org:5000/a/b@sha256:abc'],
        ['opt-note', 'built from registry.example.org:5000/a/b@sha256:abc'],
        ['opt-cpu', '2']
      ]
    });
  });

  it.each([
    ['5.0.0', 'image'],
    ['5', 'image'],
    ['6', 'opt-image'],
    ['7.0.0.dev0', 'opt-image']
  ])('on JupyterHub %s names the option %s', (hubVersion, key) => {
    const result = imageOptions({
      image: IMAGE,
      optionsTemplate: 'image={image}',
      hubVersion
    });
    expect(result.ok && result.value[0][0]).toBe(key);
  });

  it('reads the template as a query, so encoded names stay whole', () => {
    const result = imageOptions({
      image: IMAGE,
      optionsTemplate:
        'profile=data%20science&profile-option-data%20science--image--unlisted-choice={image}',
      hubVersion: '5.4.3'
    });
    expect(result.ok && result.value).toEqual([
      ['profile', 'data science'],
      ['profile-option-data science--image--unlisted-choice', IMAGE]
    ]);
  });

  it.each([
    [
      { image: '' },
      'image',
      'Enter the image to start, for example quay.io/org/course:2024.'
    ],
    [{ image: 'my image' }, 'image', 'The image name must not contain spaces.'],
    [
      { optionsTemplate: '' },
      'imageOptions',
      'The image options need an {image} placeholder, for example image={image}.'
    ],
    [
      { optionsTemplate: 'opt-image={image}' },
      'imageOptions',
      'Write the option “opt-image” without “opt-”: it is added for JupyterHub 6 and later.'
    ],
    [
      { optionsTemplate: 'image={image}&next=/x' },
      'imageOptions',
      '“next” cannot be an image option: JupyterHub uses it for the page to open.'
    ],
    [
      { optionsTemplate: '={image}' },
      'imageOptions',
      'Every image option needs a name.'
    ],
    [
      { hubVersion: 'v6' },
      'hubVersion',
      '“v6” is not a JupyterHub version such as 5.3.0 or 6.1.1.'
    ]
  ])('explains %j', (change, field, message) => {
    expect(
      imageOptions({
        image: IMAGE,
        optionsTemplate: 'image={image}',
        hubVersion: '6.1.1',
        ...change
      })
    ).toEqual({ ok: false, errors: [{ field, message }] });
  });
});
