/**
 * What a saved environment can do outside the panel: restart this server into it, start a
 * named server on it, a course link to it. They need JupyterLab's page config and commands.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard } from '@jupyterlab/apputils';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';

import { HubApi } from '../api/hub';
import type { ISavedActions } from '../components/savedProps';
import { imageOptions, namedServerLink } from '../links';
import { HandshakeModel } from '../model/handshake';
import { hubAddress } from '../model/shareClone';
import { CommandIDs } from '../tokens';
import { hubLocation } from './restart';

// JupyterHub takes a server name in a URL when it is a "safe slug".
const SERVER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export function savedActions(
  app: JupyterFrontEnd,
  handshake: HandshakeModel,
  trans: TranslationBundle
): ISavedActions {
  const __ = trans.__.bind(trans);
  const restart = CommandIDs.restartIntoImage;
  return {
    // Asked at each render: the restart plugin may register its command later, or not.
    get restartInto() {
      return app.commands.hasCommand(restart)
        ? (image: string) => void app.commands.execute(restart, { image })
        : null;
    },
    startServer: (image, server) => {
      const location = hubLocation();
      const shake = handshake.handshake;
      if (!location || !shake?.hub) {
        return __('This server does not run on a JupyterHub.');
      }
      if (!SERVER_NAME.test(server)) {
        return __(
          'Name the server with lower case letters, digits, “.”, “_” or “-”, for example course-101.'
        );
      }
      if (server === location.server) {
        return __(
          'This is the server you are on: restart it into the environment instead.'
        );
      }
      const options = imageOptions(
        {
          image,
          optionsTemplate:
            shake.capabilities.restart.spawnOptionsTemplate ?? '',
          hubVersion: shake.hub.hubVersion ?? ''
        },
        __
      );
      if (!options.ok) {
        return options.errors.map(e => e.message).join(' ');
      }
      // The new server's Lab, beside this one: /user/<owner>/<server>/lab.
      const base = location.hubPrefix.replace(/hub\/?$/, '');
      const next = URLExt.join(
        base,
        'user',
        encodeURIComponent(location.owner),
        server,
        'lab'
      );
      const hub = new HubApi({ ...location, server }, PageConfig.getToken());
      window.open(hub.spawnUrl(options.value, next), '_blank', 'noopener');
      return null;
    },
    shareLink: (image, server) => {
      const hubUrl = hubAddress(handshake.handshake, window.location.origin);
      const link = namedServerLink(
        hubUrl,
        null,
        { image, serverName: server },
        __
      );
      return link.ok
        ? { url: link.value }
        : { error: link.errors.map(e => e.message).join(' ') };
    },
    copy: text => Clipboard.copyToSystem(text)
  };
}
