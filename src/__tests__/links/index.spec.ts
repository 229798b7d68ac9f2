import {
  buildLaunchLink,
  ILaunchLinkRequest,
  JUPYTERHUB_BADGE_IMAGE
} from '../../links';
import { noTranslation, Translate } from '../../translate';

const CONTENT = {
  repo: 'https://github.com/org/course',
  branch: 'main',
  path: 'intro.ipynb'
};
const PULL =
  'git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fintro.ipynb';

function link(request: ILaunchLinkRequest) {
  const result = buildLaunchLink(request);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.errors));
  }
  return result.value;
}

describe('buildLaunchLink', () => {
  it('links the hub default environment, with its badges', () => {
    const url = `https://hub.example.org/hub/user-redirect/${PULL}`;
    expect(
      link({
        hubUrl: 'https://hub.example.org',
        content: CONTENT,
        environment: { kind: 'default' }
      })
    ).toEqual({
      url,
      markdown: `[![Launch on JupyterHub](${JUPYTERHUB_BADGE_IMAGE})](${url})`,
      html: `<a href="${url.replace(/&/g, '&amp;')}"><img src="${JUPYTERHUB_BADGE_IMAGE}" alt="Launch on JupyterHub"></a>`,
      rst: `.. image:: ${JUPYTERHUB_BADGE_IMAGE}\n   :target: ${url}\n   :alt: Launch on JupyterHub`
    });
  });

  it('links an image on the default server', () => {
    expect(
      link({
        hubUrl: 'https://hub.example.org',
        content: CONTENT,
        environment: {
          kind: 'image',
          image: 'quay.io/org/course:2024',
          optionsTemplate: 'image={image}',
          hubVersion: '6.1.1'
        }
      }).url
    ).toBe(
      `https://hub.example.org/hub/spawn?opt-image=quay.io%2Forg%2Fcourse%3A2024&next=${encodeURIComponent(`/hub/user-redirect/${PULL}`)}`
    );
  });

  it('links a repository built by a BinderHub, with its badge', () => {
    const value = link({
      content: CONTENT,
      environment: {
        kind: 'repository',
        binderUrl: 'https://example.org/binder',
        repo: 'https://github.com/org/env',
        ref: 'main'
      }
    });
    expect(value.url).toBe(
      `https://example.org/binder/v2/gh/org/env/main?urlpath=${encodeURIComponent(PULL)}`
    );
    expect(value.markdown).toBe(
      `[![Launch Binder](https://example.org/binder/badge_logo.svg)](${value.url})`
    );
  });

  it('uses the badge image it is given', () => {
    const value = link({
      hubUrl: 'https://hub.example.org',
      content: CONTENT,
      environment: { kind: 'default' },
      badgeImageUrl: 'https://hub.example.org/hub/logo'
    });
    expect(value.html).toContain('<img src="https://hub.example.org/hub/logo"');
  });

  it('asks for the hub address when a hub link has none', () => {
    expect(
      buildLaunchLink({ content: CONTENT, environment: { kind: 'default' } })
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'hubUrl',
          message:
            "Enter the hub's address, for example https://hub.example.org."
        }
      ]
    });
  });

  it('refuses an environment kind it does not know', () => {
    expect(
      buildLaunchLink({
        hubUrl: 'https://hub.example.org',
        content: CONTENT,
        environment: { kind: 'conda' } as never
      })
    ).toEqual({
      ok: false,
      errors: [
        { field: 'environment', message: 'Unknown environment kind “conda”.' }
      ]
    });
  });

  it('translates messages and badge text with the function it is given', () => {
    const french: Translate = (msg, ...args) =>
      noTranslation(
        {
          'Enter the branch (or tag) to use, for example main.':
            'Indiquez la branche (ou l’étiquette), par exemple main.',
          '“%1” is not a valid web address.':
            '« %1 » n’est pas une adresse web valide.',
          'Launch on JupyterHub': 'Lancer sur JupyterHub'
        }[msg] ?? msg,
        ...args
      );
    expect(
      buildLaunchLink(
        {
          hubUrl: 'https://hub.example.org',
          content: { repo: 'example.org/course', branch: '' },
          environment: { kind: 'default' }
        },
        french
      )
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'repo',
          message: '« example.org/course » n’est pas une adresse web valide.'
        },
        {
          field: 'branch',
          message: 'Indiquez la branche (ou l’étiquette), par exemple main.'
        }
      ]
    });
    const result = buildLaunchLink(
      {
        hubUrl: 'https://hub.example.org',
        content: CONTENT,
        environment: { kind: 'default' }
      },
      french
    );
    expect(result.ok && result.value.markdown).toMatch(
      /^\[!\[Lancer sur JupyterHub\]/
    );
  });
});

describe('noTranslation', () => {
  it('fills numbered placeholders like JupyterLab does', () => {
    expect(noTranslation('%2 before %1, %1 again', 'a', 'b')).toBe(
      'b before a, a again'
    );
  });

  it('leaves placeholders without a value, and values with %, alone', () => {
    expect(noTranslation('“%1” and %2', '100%1')).toBe('“100%1” and %2');
  });
});
