/**
 * The build history is not drawn again when the Build section renders for another reason (a
 * build's progress renders it many times a second, each time with new callbacks): only when
 * what it shows changes.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { IBuildSummary } from '../../api/types';
import { BuildHistory } from '../../components/BuildHistoryView';

function build(id: string): IBuildSummary {
  return {
    id,
    spec: `git/x/${id.repeat(40)}`,
    repoUrl: 'http://store/x.git',
    ref: id.repeat(40),
    snapshot: true,
    startedAt: `2026-11-29T1${id}:00:00Z`,
    finishedAt: `2026-11-29T1${id}:01:00Z`,
    result: 'built',
    imageName: `img:${id}`,
    cacheHit: false
  };
}

/** Words that count how often the history asked for them: once per drawing of a row. */
const asked = { count: 0 };
const fill = (text: string, ...args: unknown[]) => {
  asked.count++;
  return text.replace(/%(\d)/g, (_, i) => String(args[Number(i) - 1]));
};
const trans = {
  __: fill,
  _n: (one: string, many: string, n: number, ...args: unknown[]) =>
    fill(n === 1 ? one : many, n, ...args)
} as unknown as TranslationBundle;

/** The history as the Build section renders it: new callbacks and objects every time. */
class Section extends ReactWidget {
  builds: IBuildSummary[] = [];
  enabled = true;
  render(): JSX.Element {
    return (
      <BuildHistory
        builds={this.builds}
        trans={trans}
        restart={{ exists: true, enabled: this.enabled }}
        packages={null}
        onShowRecord={() => undefined}
        onRestart={() => undefined}
        onRefresh={() => undefined}
      />
    );
  }
}

let section: Section;

beforeEach(() => {
  section = new Section();
  Widget.attach(section, document.body);
});

afterEach(() => {
  section.dispose();
});

/** Render the section; how many words the history asked for meanwhile. */
async function draw(builds: IBuildSummary[], enabled = true): Promise<number> {
  const before = asked.count;
  section.builds = builds;
  section.enabled = enabled;
  section.update();
  await new Promise(resolve => setTimeout(resolve, 50));
  return asked.count - before;
}

describe('the build history', () => {
  it('is drawn again only when what it shows changes', async () => {
    const builds = [build('3'), build('2'), build('1')];
    expect(await draw(builds)).toBeGreaterThan(0);
    expect(section.node.querySelectorAll('li')).toHaveLength(3);
    // The section rendered for a build's progress: same builds, new callbacks.
    expect(await draw(builds)).toBe(0);
    // A restart became possible or not: the rows' buttons change.
    expect(await draw(builds, false)).toBeGreaterThan(0);
    // A new build in the history.
    const more = [build('4'), ...builds];
    expect(await draw(more, false)).toBeGreaterThan(0);
    expect(section.node.querySelectorAll('li')).toHaveLength(4);
  });
});
