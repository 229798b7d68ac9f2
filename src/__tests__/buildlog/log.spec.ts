import {
  BLOCK_LINES,
  BuildLog,
  overprint,
  stripAnsi
} from '../../buildlog/log';
import { matchRanges, occurrenceLines } from '../../buildlog/search';
import { recordedEvents } from './streams';

/** Every line of the log, in order. */
function linesOf(log: BuildLog): string[] {
  return Array.from({ length: log.length }, (_, i) => log.line(i));
}

describe('BuildLog', () => {
  it('joins messages that do not end a line, as a terminal does', () => {
    const log = new BuildLog();
    log.append('Step 1/51 : FROM docker.io/library/buildpack-deps:bionic');
    expect(linesOf(log)).toEqual([
      'Step 1/51 : FROM docker.io/library/buildpack-deps:bionic'
    ]);
    log.append('\n');
    log.append(' ---> Using cache\n');
    expect(linesOf(log)).toEqual([
      'Step 1/51 : FROM docker.io/library/buildpack-deps:bionic',
      ' ---> Using cache'
    ]);
  });

  it('keeps empty lines', () => {
    const log = new BuildLog();
    log.append('FROM x\n');
    log.append('\n');
    log.append('\n');
    log.append('RUN y\n');
    expect(linesOf(log)).toEqual(['FROM x', '', '', 'RUN y']);
  });

  it('prints progress lines over each other at a carriage return', () => {
    const log = new BuildLog();
    log.append('Fetching base image...\r');
    log.append('Fetching base image...\r');
    expect(linesOf(log)).toEqual(['Fetching base image...']);
    log.append(' ---> 0707eec19ac4\n');
    expect(linesOf(log)).toEqual([' ---> 0707eec19ac4']);
    log.append('Unpacking libxcb-image0:arm64 (0.4.0-1build1) ...\r\n');
    expect(log.line(1)).toBe(
      'Unpacking libxcb-image0:arm64 (0.4.0-1build1) ...'
    );
  });

  it('keeps ANSI colours in lines and drops them from the plain text', () => {
    const log = new BuildLog();
    log.append('\u001b[91mdebconf: delaying package configuration\n\u001b[0m');
    log.append('done\n');
    expect(linesOf(log)).toEqual([
      '\u001b[91mdebconf: delaying package configuration',
      '\u001b[0mdone'
    ]);
    expect(log.plainLines).toEqual([
      'debconf: delaying package configuration',
      'done'
    ]);
    expect(log.text).toBe('debconf: delaying package configuration\ndone\n');
  });

  it("gives a line's plain text before and after the whole plain text was asked for", () => {
    const log = new BuildLog();
    log.append('\u001b[32mok\u001b[0m one\n');
    log.append('\u001b[31mprogress 1%\r');
    expect(log.plainLine(0)).toBe('ok one');
    expect(log.plainTail(4)).toEqual(['ok one', 'progress 1%']);
    expect(log.plainLines).toEqual(['ok one', 'progress 1%']);
    // The open line goes on after its plain text was made: the plain text follows.
    log.append('\u001b[31mprogress 100%\n');
    log.append('\u001b[1mlast\n');
    expect(log.plainLines).toEqual(['ok one', 'progress 100%', 'last']);
    expect(log.plainLine(1)).toBe('progress 100%');
    expect(log.plainTail(2)).toEqual(['progress 100%', 'last']);
    expect(log.text).toBe('ok one\nprogress 100%\nlast\n');
    log.clear();
    expect(log.plainLines).toEqual([]);
    expect(log.text).toBe('');
  });

  it('measures the widest line by what it shows: colours take no room, tabs do', () => {
    const log = new BuildLog();
    log.append('\u001b[38;2;255;0;0m\u001b[1mred\u001b[0m\n');
    expect(log.widest).toBe(3);
    log.append('twelve chars\n');
    expect(log.widest).toBe(12);
    log.append('a\tb\n');
    expect(log.widest).toBe(12);
    log.append('\t\tc\n');
    expect(log.widest).toBe(17);
  });

  it('keeps every line of the recorded BinderHub build and tells views once per change', () => {
    const events = recordedEvents();
    const log = new BuildLog();
    let changes = 0;
    log.changed.connect(() => changes++);
    log.appendAll(events.map(e => e.message ?? ''));
    expect(changes).toBe(1);
    expect(log.plainLines[0]).toBe('Waiting for build to start...');
    expect(log.plainLines).toContain('Picked Git content provider.');
    expect(log.plainLines).toContain(
      'Successfully tagged binder-2dexamples-2doctave-03025a:1479e0252b2e648bb755ee913292b79495931717'
    );
    // Nothing is lost: every newline of the stream is a line of the log.
    const newlines = events
      .map(e => (e.message ?? '').replace(/\r\n/g, '\n').split('\n').length - 1)
      .reduce((a, b) => a + b, 0);
    expect(log.length).toBe(newlines);
    expect(log.widest).toBeGreaterThan(100);
  });

  it('tells views once for a batch of changes, with every line there meanwhile', () => {
    const log = new BuildLog();
    let told = 0;
    log.changed.connect(() => told++);
    const seenInside = log.batch(() => {
      for (let i = 0; i < 500; i++) {
        log.append(`line ${i}\n`);
      }
      return log.length;
    });
    expect(seenInside).toBe(500);
    expect(told).toBe(1);
    expect(log.version).toBe(1);
    expect(log.plainLines[499]).toBe('line 499');
    // A batch that changes nothing says nothing.
    log.batch(() => log.append(''));
    expect(told).toBe(1);
  });

  it('starts afresh when cleared', () => {
    const log = new BuildLog();
    log.append('open line');
    log.clear();
    log.append('next\n');
    expect(linesOf(log)).toEqual(['next']);
    expect(log.widest).toBe(4);
  });
});

describe('log helpers', () => {
  it('strips colour, cursor and title sequences', () => {
    expect(
      stripAnsi('\u001b[1;31mError\u001b[0m: \u001b[2Kx\u001b]0;title\u0007y')
    ).toBe('Error: xy');
  });

  it('shows the last non-empty part of an overprinted line', () => {
    expect(overprint('10%\r20%\r')).toBe('20%');
    expect(overprint('plain')).toBe('plain');
  });

  it('finds matches ignoring case, each occurrence one match', () => {
    expect(matchRanges('Error: error!', 'error')).toEqual([
      [0, 5],
      [7, 12]
    ]);
    expect(matchRanges('abc', '')).toEqual([]);
    expect(
      occurrenceLines(
        ['pip install', 'ERROR: No matching error', 'ok', 'aaaa'],
        'error'
      )
    ).toEqual([1, 1]);
    // Occurrences do not overlap: "aa" is twice in "aaaa", not three times.
    expect(occurrenceLines(['aaaa'], 'aa')).toEqual([0, 0]);
  });
});

describe('BuildLog in blocks', () => {
  /** What the lines would be kept as one string each, to compare with. */
  const numbered = (count: number, from = 0) =>
    Array.from(
      { length: count },
      (_, i) =>
        `\u001b[32mline ${from + i}\u001b[0m ${'é'.repeat((from + i) % 5)}`
    );

  it('gives every line back across the blocks, in one message or many', () => {
    const lines = numbered(BLOCK_LINES * 3 + 7);
    const one = new BuildLog();
    one.append(lines.join('\n') + '\n');
    const many = new BuildLog();
    for (const line of lines) {
      many.append(line + '\n');
    }
    for (const log of [one, many]) {
      expect(log.length).toBe(lines.length);
      expect(linesOf(log)).toEqual(lines);
      expect(log.plainLines).toEqual(lines.map(stripAnsi));
      expect(log.plainLine(BLOCK_LINES)).toBe(stripAnsi(lines[BLOCK_LINES]));
      expect(log.plainTail(3)).toEqual(lines.slice(-3).map(stripAnsi));
      expect(log.line(-1)).toBe('');
      expect(log.line(lines.length)).toBe('');
    }
  });

  it.each([BLOCK_LINES - 1, BLOCK_LINES, BLOCK_LINES * 2])(
    'keeps the last line open to change when the lines before it are joined (%i before it)',
    before => {
      const log = new BuildLog();
      const lines = numbered(before);
      log.append(lines.join('\n') + '\n');
      // The next line is open: its messages do not end it.
      log.append('Downloading 10%\r');
      log.append('Downloading 90%\r');
      expect(log.length).toBe(before + 1);
      log.append('Downloading 100%');
      log.append(' done\nnext\n');
      expect(linesOf(log)).toEqual([...lines, 'Downloading 100% done', 'next']);
      expect(log.widest).toBe('Downloading 100% done'.length);
    }
  );

  it('starts again empty when cleared after several blocks', () => {
    const log = new BuildLog();
    log.append(numbered(BLOCK_LINES * 2 + 1).join('\n') + '\n');
    log.clear();
    expect(log.length).toBe(0);
    expect(log.text).toBe('');
    const again = numbered(BLOCK_LINES + 2, 1000);
    log.append(again.join('\n') + '\n');
    expect(linesOf(log)).toEqual(again);
    expect(log.text).toBe(again.map(stripAnsi).join('\n') + '\n');
  });
});
