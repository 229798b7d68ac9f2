import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import { ICapability, IHubContext } from '../../api/types';
import {
  buildWords,
  hubVersionWords,
  restartWords,
  storeWords
} from '../../components/handshakeText';
import { defaultServerSettings, DEFAULT_FOLDER } from '../../contract';

/** A translator that fills in the arguments, as JupyterLab's does. */
const trans = {
  __: (text: string, ...args: unknown[]) =>
    text.replace(/%(\d)/g, (_, i) => String(args[Number(i) - 1]))
};

const ROOT = path.resolve(__dirname, '..', '..', '..');
const openapi = parse(
  fs.readFileSync(path.join(ROOT, 'specification', 'openapi.yaml'), 'utf-8')
);
const schemas = openapi.components.schemas;

const settings = defaultServerSettings();

describe('the words for the handshake codes', () => {
  it.each(schemas.BuildCapability.properties.code.enum as string[])(
    'has words for the build code %s the server may send',
    code => {
      const words = buildWords({ available: false, code }, settings, trans);
      expect(words.text).not.toMatch(/^Not available/);
      expect(words.summary).not.toMatch(/^not available/);
    }
  );

  it.each(schemas.RestartCapability.properties.code.enum as string[])(
    'has words for the restart code %s the server may send',
    code => {
      const words = restartWords({ available: false, code }, settings, trans);
      expect(words.text).not.toMatch(/^Not available/);
    }
  );

  it.each(schemas.StoreCapability.properties.code.enum as string[])(
    'has words for the snapshot store code %s the server may send',
    code => {
      const words = storeWords({ available: false, code }, trans);
      expect(words.text).not.toMatch(/^Not available/);
    }
  );

  it('says what is lost without a snapshot store, and how an admin deploys it', () => {
    const words = storeWords(
      {
        available: false,
        code: 'notConfigured',
        setting: 'ENVBUILDER_SNAPSHOT_STORE_URL',
        lost: ['sharedBuilds', 'buildWithoutServer']
      },
      trans
    );
    expect(words.text).toContain('once for each user and server');
    expect(words.text).toContain('needs this server running');
    expect(words.adminSetting).toBe(
      'jupyterlab_envbuilder.hub.configure(c, snapshot_store=True)'
    );
  });

  it('names BinderHub’s base URL when the service answers elsewhere', () => {
    const words = buildWords(
      {
        available: false,
        code: 'wrongBaseUrl',
        httpStatus: 404,
        url: 'https://hub.example.org/services/binder/',
        foundAt: 'https://hub.example.org/'
      },
      settings,
      trans
    );
    expect(words.text).toContain('https://hub.example.org/ but not at');
    expect(words.text).toContain('Tell your administrator');
    expect(words.adminSetting).toBe(
      "c.BinderHub.base_url = '/services/binder/'"
    );
  });

  it.each(['unreachable', 'notFound', 'wrongBaseUrl'])(
    'tells the user to tell their administrator about %s',
    code => {
      const build = buildWords(
        { available: false, code, url: 'http://binder:8585/services/binder/' },
        settings,
        trans
      );
      expect(build.text).toContain('Tell your administrator');
    }
  );

  it('tells the user to tell their administrator when the store is down', () => {
    const words = storeWords(
      { available: false, code: 'unreachable', httpStatus: 502 },
      trans
    );
    expect(words.text).toContain('HTTP 502');
    expect(words.text).toContain('builds fail until it answers');
    expect(words.text).toContain('Tell your administrator');
  });

  it('names the missing scopes and the setting that grants them', () => {
    const restart: ICapability = {
      available: false,
      code: 'missingScope',
      missingScopes: ['read:servers!server'],
      setting: 'c.Spawner.oauth_client_allowed_scopes'
    };
    const words = restartWords(restart, settings, trans);
    expect(words.text).toContain('read:servers!server');
    expect(words.adminSetting).toBe(
      "c.Spawner.oauth_client_allowed_scopes = ['servers!server', 'read:servers!server']"
    );
  });

  it('uses the service name and scope the server reports', () => {
    const renamed = {
      ...settings,
      buildService: {
        name: 'builder',
        scope: 'access:services!service=builder'
      }
    };
    const refused = buildWords(
      {
        available: false,
        code: 'refused',
        httpStatus: 403,
        url: 'https://hub.example.org/services/builder/'
      },
      renamed,
      trans
    );
    expect(refused.text).toContain('HTTP 403');
    expect(refused.adminSetting).toContain("'access:services!service=builder'");
    const missing = buildWords(
      { available: false, code: 'notConfigured' },
      renamed,
      trans
    );
    expect(missing.adminSetting).toContain('/services/builder/');
  });

  it('says an unknown code is one, with the setting the server named', () => {
    const words = buildWords(
      { available: false, code: 'quotaExceeded', setting: 'c.Example.quota' },
      settings,
      trans
    );
    expect(words.text).toContain('quotaExceeded');
    expect(words.adminSetting).toBe('c.Example.quota');
  });

  it('tells why the hub version is unknown', () => {
    const hub: IHubContext = {
      user: 'alice',
      serverName: '',
      hubPrefix: '/hub/',
      publicUrl: '',
      hubVersion: null,
      hubVersionProblem: {
        code: 'notConfigured',
        setting: 'JUPYTERHUB_API_URL'
      }
    };
    expect(hubVersionWords(hub, trans)).toBe(
      'version unknown (JUPYTERHUB_API_URL is not set)'
    );
    expect(hubVersionWords({ ...hub, hubVersion: '5.3.0' }, trans)).toBe(
      'JupyterHub 5.3.0'
    );
  });
});

describe('the shared contract', () => {
  it('gives the settings editor the same default folder as the server', () => {
    const plugin = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'schema', 'plugin.json'), 'utf-8')
    );
    expect(plugin.properties.environmentFolder.default).toBe(DEFAULT_FOLDER);
  });
});
