import type { ISavedEnvironment } from '../../api/saved';
import type { IBuildSummary } from '../../api/types';
import { comparables } from '../../model/comparables';

function build(
  id: string,
  result: string,
  imageName: string | null,
  packagesRecorded?: boolean
): IBuildSummary {
  return {
    id,
    spec: `git/x/${id}`,
    repoUrl: 'http://store/x.git',
    ref: id.repeat(40),
    snapshot: true,
    startedAt: `2026-11-29T1${id}:00:00Z`,
    finishedAt: `2026-11-29T1${id}:01:00Z`,
    result,
    imageName,
    cacheHit: false,
    packagesRecorded
  };
}

function saved(name: string, image: string): ISavedEnvironment {
  return {
    id: name,
    name,
    description: '',
    image,
    source: { provider: 'git', spec: null, repoUrl: null, ref: null },
    builtAt: null,
    savedAt: '2026-11-29T12:00:00Z',
    buildId: '1'
  };
}

const label = (b: IBuildSummary) => `build ${b.id}`;

describe('comparables', () => {
  it('offers saved environments by name, then builds whose packages are known, newest first', () => {
    const result = comparables(
      [saved('thesis', 'img:thesis')],
      [
        build('4', 'built', 'img:new', true),
        build('3', 'built', 'img:unstarted', false),
        build('2', 'failed', null),
        build('1', 'dry-run', 'img:dry', true)
      ],
      label
    );
    expect(result.map(c => [c.image, c.label])).toEqual([
      ['img:thesis', 'thesis'],
      ['img:new', 'build 4'],
      ['img:dry', 'build 1']
    ]);
  });

  it('offers an image once: under its saved name, else its newest build', () => {
    const result = comparables(
      [saved('thesis', 'img:a'), saved('thesis copy', 'img:a')],
      [
        build('3', 'built', 'img:a', true),
        build('2', 'built', 'img:b', true),
        build('1', 'built', 'img:b', true)
      ],
      label
    );
    expect(result.map(c => [c.image, c.label])).toEqual([
      ['img:a', 'thesis'],
      ['img:b', 'build 2']
    ]);
  });

  it('offers no build from a server that does not say whether its packages are known', () => {
    expect(comparables([], [build('1', 'built', 'img:a')], label)).toEqual([]);
  });
});
