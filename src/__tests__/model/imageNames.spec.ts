/**
 * The words the panel's views and notices use for an image: the build history and the
 * environment folder as they are when the words are asked for.
 */
import { IBuildSummary } from '../../api/types';
import { EnvironmentFolder } from '../../model/folder';
import { BuildHistoryModel } from '../../model/history';
import { imageLabeller } from '../../model/imageNames';
import { noTranslation } from '../../translate';

const SHA = 'd099dfd4b6a7c1e2f3a4b5c6d7e8f9a0b1c2d3e4';
const IMAGE = 'envbuilder-http-3a-2f-2fstore-2fx:' + SHA;
/** The image's name cut in the middle, for a view at sidebar width. */
const SHORT = 'envbuilder-http-3a-…5c6d7e8f9a0b1c2d3e4';

function build(extra: Partial<IBuildSummary> = {}): IBuildSummary {
  return {
    id: 'b1',
    spec: `git/x/${SHA}`,
    repoUrl: 'http://store/x.git',
    ref: SHA,
    snapshot: true,
    startedAt: '2026-11-29T19:45:00Z',
    finishedAt: '2026-11-29T19:50:00Z',
    result: 'built',
    imageName: IMAGE,
    cacheHit: false,
    ...extra
  };
}

async function labeller(builds: IBuildSummary[], folder = 'environment') {
  const history = new BuildHistoryModel(async () => builds);
  const environmentFolder = new EnvironmentFolder(folder);
  await history.load();
  return {
    label: imageLabeller(history, environmentFolder, noTranslation),
    history,
    folder: environmentFolder
  };
}

describe('imageLabeller', () => {
  it('names an image a build of the folder made by the folder and the snapshot', async () => {
    const { label } = await labeller([build()]);
    expect(label(IMAGE)).toBe('environment/ · snapshot d099dfd');
  });

  it('names the image a dry run of the folder named the same way', async () => {
    const { label } = await labeller([build({ result: 'dry-run' })]);
    expect(label(IMAGE)).toBe('environment/ · snapshot d099dfd');
  });

  it('names an image the history does not hold by the last part of its name', async () => {
    const { label } = await labeller([build()]);
    expect(label('example.org/course/env:base')).toBe('env:base');
  });

  it('names an image a source (not the folder) built by its name, shortened', async () => {
    const { label } = await labeller([build({ snapshot: false })]);
    expect(label(IMAGE)).toBe(SHORT);
  });

  it('follows the history once it arrives and the folder when the setting moves it', async () => {
    let builds: IBuildSummary[] = [];
    const history = new BuildHistoryModel(async () => builds);
    const folder = new EnvironmentFolder();
    const label = imageLabeller(history, folder, noTranslation);
    expect(label(IMAGE)).toBe(SHORT);
    builds = [build()];
    await history.refresh();
    expect(label(IMAGE)).toBe('environment/ · snapshot d099dfd');
    folder.set('/repos/course/binder/');
    expect(label(IMAGE)).toBe('repos/course/binder/ · snapshot d099dfd');
  });
});
