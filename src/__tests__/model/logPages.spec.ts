import type { RecordPage } from '../../api/build';
import { EnvBuilderRequestError } from '../../api/request';
import { IBuildRecord } from '../../api/types';
import { occurrenceLines } from '../../buildlog/search';
import { LogPages, REST_PAGE_SIZE } from '../../model/logPages';
import { pageQuery, recordPage, summary } from './buildFakes';

const LINES = 50_000;

/** A built record of `count` lines, each its own message, `line <i>`. */
function longRecord(count = LINES): IBuildRecord {
  return {
    ...summary(),
    events: Array.from({ length: count }, (_, i) => ({
      time: null,
      event: { phase: 'building', message: `line ${i}\n` }
    }))
  };
}

/** The record's pages, served as the server does; `failing` makes the next reads refuse. */
function server(record: IBuildRecord) {
  const asked: string[] = [];
  const state = { failing: 0 };
  const fetch = async (page: RecordPage) => {
    asked.push(pageQuery(page));
    if (state.failing > 0) {
      state.failing--;
      throw new EnvBuilderRequestError('Bad gateway', 502);
    }
    return recordPage(record, page);
  };
  return { asked, state, fetch };
}

describe('LogPages', () => {
  it('reads the end of a long record first, a page of it', async () => {
    const { asked, fetch } = server(longRecord());
    const pages = new LogPages(fetch);
    const record = await pages.open();
    expect(asked).toEqual(['tail=2000']);
    expect(record.result).toBe('built');
    expect(pages.log.length).toBe(2000);
    expect(pages.log.plainLines[0]).toBe('line 48000');
    expect(pages.log.plainLines[1999]).toBe('line 49999');
    expect(pages.offset).toBe(48000);
    expect(pages.eventCount).toBe(LINES);
    expect(pages.whole).toBe(false);
  });

  it('puts the previous page on top, and says by how many lines the view moves', async () => {
    const { asked, fetch } = server(longRecord());
    const pages = new LogPages(fetch);
    await pages.open();
    await pages.loadEarlier();
    expect(asked).toEqual(['tail=2000', 'offset=46000&limit=2000']);
    expect(pages.log.length).toBe(4000);
    expect(pages.log.plainLines[0]).toBe('line 46000');
    expect(pages.log.plainLines[2000]).toBe('line 48000');
    expect(pages.prepended).toBe(2000);
    expect(pages.offset).toBe(46000);
  });

  it('reads one page at a time however often the view asks', async () => {
    const { asked, fetch } = server(longRecord());
    const pages = new LogPages(fetch);
    await pages.open();
    await Promise.all([pages.loadEarlier(), pages.loadEarlier()]);
    expect(asked).toHaveLength(2);
  });

  it('joins a line that a page boundary cut in two', async () => {
    const record: IBuildRecord = {
      ...summary(),
      events: ['Step 1/3 : ', 'FROM ubuntu\n', 'done\n'].map(message => ({
        time: null,
        event: { phase: 'building', message }
      }))
    };
    const { fetch } = server(record);
    const pages = new LogPages(fetch, undefined, 2);
    await pages.open();
    expect(pages.log.plainLines).toEqual(['FROM ubuntu', 'done']);
    await pages.loadEarlier();
    expect(pages.whole).toBe(true);
    expect(pages.log.plainLines).toEqual(['Step 1/3 : FROM ubuntu', 'done']);
    // The cut line was already on screen: nothing new above it.
    expect(pages.prepended).toBe(0);
  });

  it('reads the rest in large pages before a search, which counts every occurrence', async () => {
    const { asked, fetch } = server(longRecord());
    const pages = new LogPages(fetch);
    await pages.open();
    const offsets: number[] = [];
    pages.changed.connect(() => offsets.push(pages.offset));
    expect(await pages.loadRest()).toBe(true);
    expect(asked.slice(1)).toEqual([
      `offset=38000&limit=${REST_PAGE_SIZE}`,
      'offset=28000&limit=10000',
      'offset=18000&limit=10000',
      'offset=8000&limit=10000',
      'offset=0&limit=8000'
    ]);
    // Progress: what is read grows towards the first line.
    expect(offsets.filter((o, i) => i % 2 === 1)).toEqual([
      38000, 28000, 18000, 8000, 0
    ]);
    expect(pages.whole).toBe(true);
    expect(pages.log.length).toBe(LINES);
    expect(pages.log.plainLines[0]).toBe('line 0');
    // "line 1234" is in "line 1234" and "line 12345": two matches, in two lines.
    expect(occurrenceLines(pages.log.plainLines, 'line 1234')).toEqual([
      1234, 12340, 12341, 12342, 12343, 12344, 12345, 12346, 12347, 12348, 12349
    ]);
    await pages.loadEarlier();
    expect(asked).toHaveLength(6);
  });

  it('downloads the whole log: its text is every line once the rest is read', async () => {
    const { fetch } = server(longRecord(12_345));
    const pages = new LogPages(fetch);
    await pages.open();
    await pages.loadRest();
    const text = pages.log.text;
    expect(text.startsWith('line 0\nline 1\n')).toBe(true);
    expect(text.endsWith('line 12344\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(12_346);
  });

  it('says what failed when a page cannot be read, and reads it again on Try again', async () => {
    const { asked, state, fetch } = server(longRecord());
    const pages = new LogPages(fetch);
    await pages.open();
    state.failing = 1;
    await pages.loadEarlier();
    expect(pages.error?.during).toBe('earlier');
    expect(pages.error?.text).toBe(
      'The server refused the request (HTTP 502).'
    );
    expect(pages.log.length).toBe(2000);
    await pages.retry();
    expect(pages.error).toBeNull();
    expect(pages.log.plainLines[0]).toBe('line 46000');
    expect(asked.slice(1)).toEqual([
      'offset=46000&limit=2000',
      'offset=46000&limit=2000'
    ]);
  });

  it('stops reading the rest at a failure, and goes on from there on Try again', async () => {
    const { state, fetch } = server(longRecord());
    const pages = new LogPages(fetch);
    await pages.open();
    state.failing = 1;
    expect(await pages.loadRest()).toBe(false);
    expect(pages.error?.during).toBe('rest');
    expect(pages.whole).toBe(false);
    await pages.retry();
    expect(pages.whole).toBe(true);
    expect(pages.log.length).toBe(LINES);
  });

  it('fails to open with the words for what went wrong', async () => {
    const pages = new LogPages(async () => {
      throw new EnvBuilderRequestError('unreachable', 0);
    });
    await expect(pages.open()).rejects.toThrow(
      'This Jupyter server cannot be reached.'
    );
    expect(pages.error?.during).toBe('tail');
  });

  it('reads a short record whole at once', async () => {
    const { asked, fetch } = server(longRecord(30));
    const pages = new LogPages(fetch);
    await pages.open();
    expect(pages.whole).toBe(true);
    await pages.loadEarlier();
    expect(await pages.loadRest()).toBe(true);
    expect(asked).toEqual(['tail=2000']);
  });
});
