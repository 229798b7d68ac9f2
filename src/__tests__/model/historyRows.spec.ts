import { IBuildSummary } from '../../api/types';
import { historyRows } from '../../model/historyRows';

function build(
  id: string,
  result: string,
  imageName: string | null,
  ref = 'a'.repeat(40)
): IBuildSummary {
  return {
    id,
    spec: `git/x/${ref}`,
    repoUrl: 'http://store/x.git',
    ref,
    snapshot: true,
    startedAt: `2026-11-29T1${id}:00:00Z`,
    finishedAt: `2026-11-29T1${id}:01:00Z`,
    result,
    imageName,
    cacheHit: false
  };
}

describe('historyRows', () => {
  it('lists a cache hit once, on the row of the build that made the image', () => {
    const hit = (id: string) => ({
      ...build(id, 'built', 'img:a'),
      cacheHit: true
    });
    const rows = historyRows([
      hit('3'),
      hit('2'),
      build('1', 'built', 'img:a')
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].build.id).toBe('1');
    expect(rows[0].latest.id).toBe('3');
    expect(rows[0].cacheHits).toBe(2);
  });

  it('does not pass a cache hit for the build that made the image', () => {
    const hit = (id: string) => ({
      ...build(id, 'dry-run', 'img:a'),
      cacheHit: true
    });
    // Another user's build made it: every build here found it done.
    const theirs = historyRows([hit('2'), hit('1')]);
    expect(
      theirs.map(r => [r.build.id, r.build.cacheHit, r.cacheHits])
    ).toEqual([['1', true, 2]]);
    // Made here after a cache hit of an older record, e.g. the image was deleted since:
    // the row's log is the one that ran the build.
    const made = historyRows([
      hit('3'),
      build('2', 'dry-run', 'img:a'),
      hit('1')
    ]);
    expect(made.map(r => [r.build.id, r.cacheHits])).toEqual([['2', 2]]);
    // Built twice without a cache hit: no cache hit is counted.
    const twice = historyRows([
      build('2', 'built', 'img:a'),
      build('1', 'built', 'img:a')
    ]);
    expect(twice.map(r => [r.build.id, r.cacheHits])).toEqual([['1', 0]]);
  });

  it('keeps failed builds and different images as rows of their own', () => {
    const rows = historyRows([
      build('4', 'failed', null, 'c'.repeat(40)),
      build('3', 'built', 'img:b', 'b'.repeat(40)),
      build('2', 'failed', null),
      build('1', 'built', 'img:a')
    ]);
    expect(rows.map(r => [r.build.id, r.cacheHits])).toEqual([
      ['4', 0],
      ['3', 0],
      ['2', 0],
      ['1', 0]
    ]);
  });
});
