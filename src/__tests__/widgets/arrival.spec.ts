/**
 * Back after a restart, the notification names the environment in words, as the panel
 * does; a failed start keeps the full image name an administrator looks for.
 */
import { Notification } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { nullTranslator } from '@jupyterlab/translation';

import { announceArrival } from '../../widgets/arrival';
import { hubLocation, rollbackKey } from '../../widgets/restart';

const trans = nullTranslator.load('jupyterlab_envbuilder');
const LONG =
  'registry.example.org/envbuilder-http-3a-2f-2fhub-2eexample-2eorg-2fsnapshots-2fd099dfd0-2egit-5f:d099dfd0';

function leftFor(newImage: string): void {
  PageConfig.setOption('hubPrefix', '/hub/');
  PageConfig.setOption('hubUser', 'ada');
  PageConfig.setOption('hubServerName', 'work');
  window.localStorage.setItem(
    rollbackKey(hubLocation()!),
    JSON.stringify({
      newImage,
      previousImage: 'envbuilder-dev/base:latest',
      previousSpawnUrl: null
    })
  );
}

describe('announceArrival', () => {
  let success: jest.SpyInstance;
  let warning: jest.SpyInstance;
  beforeEach(() => {
    success = jest.spyOn(Notification, 'success').mockReturnValue('');
    warning = jest.spyOn(Notification, 'warning').mockReturnValue('');
  });
  afterEach(() => jest.restoreAllMocks());

  it('names the new environment in words, not its escaped image name', async () => {
    leftFor(LONG);
    const labels: string[] = [];
    await announceArrival({
      runningImage: async () => LONG,
      recordFailedStart: async () => undefined,
      imageLabel: async image => {
        labels.push(image);
        return 'environment/ · snapshot d099dfd';
      },
      showHistory: () => undefined,
      trans
    });
    expect(labels).toEqual([LONG]);
    expect(success).toHaveBeenCalledWith(
      'This server now runs on environment/ · snapshot d099dfd.',
      expect.anything()
    );
    expect(success.mock.calls[0][0]).not.toContain('envbuilder-http');
  });

  it('keeps the full name of an image the server could not start on', async () => {
    leftFor(LONG);
    const recorded: string[] = [];
    await announceArrival({
      runningImage: async () => 'envbuilder-dev/base:latest',
      recordFailedStart: async image => {
        recorded.push(image);
      },
      imageLabel: async () => 'words',
      showHistory: () => undefined,
      trans
    });
    expect(recorded).toEqual([LONG]);
    expect(success).not.toHaveBeenCalled();
    expect(warning.mock.calls[0][0]).toContain(`Could not start on ${LONG}`);
  });
});
