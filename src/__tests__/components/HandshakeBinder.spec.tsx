/**
 * A server a BinderHub launched from a repository (mybinder.org): the "Server and hub" section
 * says which BinderHub and repository, and sends no one to an administrator or to the hub's
 * home page, which a Binder does not offer.
 */
import { IHandshake } from '../../api/types';
import { buildOffReason } from '../../components/buildOff';
import { defaultServerSettings } from '../../contract';
import { handshakeStatus } from '../../widgets/StatusSection';
import { shownHandshake, trans } from './handshakeShown';

const BINDER_SESSION = { available: false, code: 'binderSession' };

function handshake(binder: IHandshake['binder']): IHandshake {
  return {
    version: '1.2.3',
    frontendVersion: '1.2.3',
    versionMatches: true,
    hub: {
      user: 'example-course-x1y2z3',
      serverName: '',
      hubPrefix: '/hub/',
      publicUrl: '',
      hubVersion: '5.3.0'
    },
    binder,
    image: 'gesis/binder-example-course:abc',
    settings: defaultServerSettings(),
    capabilities: {
      build: BINDER_SESSION,
      restart: BINDER_SESSION,
      snapshotStore: BINDER_SESSION
    }
  };
}

const shown = (value: IHandshake) =>
  shownHandshake({ kind: 'ready', handshake: value });

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a Binder session', () => {
  it('names the BinderHub, the repository and the commit, as links', async () => {
    const node = await shown(
      handshake({
        launchHost: 'https://mybinder.org/',
        repoUrl: 'https://github.com/example/course',
        refUrl: 'https://github.com/example/course/tree/0123abc'
      })
    );
    const launcher = node.querySelector('[data-testid="envbuilder-binder"]');
    expect(launcher?.previousElementSibling?.textContent).toBe('Launched by');
    expect(launcher?.querySelector('a')?.getAttribute('href')).toBe(
      'https://mybinder.org/'
    );
    const links = [
      ...node.querySelectorAll('[data-testid="envbuilder-binder-repo"] a')
    ].map(a => a.getAttribute('href'));
    expect(links).toEqual([
      'https://github.com/example/course',
      'https://github.com/example/course/tree/0123abc'
    ]);
  });

  it('says why nothing builds or restarts here, with nothing for an administrator', async () => {
    const node = await shown(
      handshake({
        launchHost: 'https://mybinder.org/',
        repoUrl: null,
        refUrl: null
      })
    );
    const reasons = [...node.querySelectorAll('[data-code="binderSession"]')];
    expect(reasons).toHaveLength(3);
    expect(reasons[0].textContent).toMatch(
      /^A BinderHub launched this server from a repository and built its image/
    );
    expect(node.textContent).not.toMatch(/administrator|admin setting/i);
    expect(node.querySelector('[data-testid^="envbuilder-admin-"]')).toBeNull();
    // A Binder's hub has no home page where a user restarts a server by hand.
    expect(
      node.querySelector('[data-testid="envbuilder-manual-restart"]')
    ).toBeNull();
    expect(
      node.querySelector('[data-testid="envbuilder-binder-repo"]')
    ).toBeNull();
  });

  it('is a Binder session in the section header, not a list of problems', () => {
    const value = handshake({
      launchHost: 'https://mybinder.org/',
      repoUrl: null,
      refUrl: null
    });
    expect(handshakeStatus({ kind: 'ready', handshake: value }, trans)).toEqual(
      { text: 'Binder session', tone: 'info' }
    );
    // What an operator did set up, and is broken, still counts, and only that.
    value.capabilities.build = { available: false, code: 'unreachable' };
    expect(handshakeStatus({ kind: 'ready', handshake: value }, trans)).toEqual(
      { text: '1 problem', tone: 'warning' }
    );
  });

  it('shows addresses without their scheme, and links to them whole', async () => {
    const node = await shown(
      handshake({
        launchHost: 'https://mybinder.org/',
        repoUrl: 'https://github.com/example/course',
        refUrl: null
      })
    );
    const launcher = node.querySelector('[data-testid="envbuilder-binder"] a');
    expect(launcher?.textContent).toBe('mybinder.org');
    expect(launcher?.getAttribute('title')).toBe('https://mybinder.org/');
    expect(
      node.querySelector('[data-testid="envbuilder-binder-repo"]')?.textContent
    ).toBe('github.com/example/course');
  });

  it('does not make a link of an address that is not a web address', async () => {
    const node = await shown(
      handshake({
        launchHost: 'javascript:alert(1)',
        repoUrl: 'git@github.com:example/course.git',
        refUrl: null
      })
    );
    expect(
      node.querySelector('[data-testid^="envbuilder-binder"] a')
    ).toBeNull();
    expect(
      node.querySelector('[data-testid="envbuilder-binder"]')?.textContent
    ).toBe('javascript:alert(1)');
    expect(
      node.querySelector('[data-testid="envbuilder-binder-repo"]')?.textContent
    ).toBe('git@github.com:example/course.git');
  });

  it('turns Build off without sending the user to an administrator', () => {
    const reason = buildOffReason(
      handshake({
        launchHost: 'https://mybinder.org/',
        repoUrl: null,
        refUrl: null
      }),
      null,
      trans
    );
    expect(reason).toBe(
      'No build service: this is a Binder session (see "Server and hub").'
    );
  });

  it('keeps the manual restart on a hub that no BinderHub launched from', async () => {
    const value = handshake(null);
    value.capabilities.restart = {
      available: false,
      code: 'missingScope',
      missingScopes: ['servers!server']
    };
    const node = await shown(value);
    expect(node.querySelector('[data-testid="envbuilder-binder"]')).toBeNull();
    expect(
      node.querySelector('[data-testid="envbuilder-manual-restart"]')
    ).not.toBeNull();
  });
});
