import { IBuildEvent } from '../../buildlog/events';
import {
  FRAME_WORK_MS,
  INGEST_SLICE_MS,
  MIN_SLICE_MS,
  sliceEnd,
  streamItems
} from '../../model/buildStream';

/** A replayed log: `count` events in batches of `size`, as the stream's reader gives them. */
async function* replay(
  count: number,
  size = 50
): AsyncGenerator<IBuildEvent[]> {
  for (let i = 0; i < count; i += size) {
    const batch: IBuildEvent[] = [];
    for (let j = i; j < Math.min(count, i + size); j++) {
      batch.push({ phase: 'building', message: `line ${j}\n` });
    }
    yield batch;
  }
}

const nextTask = () => new Promise<void>(resolve => setTimeout(resolve, 0));

describe('streamItems', () => {
  it('lets the page draw while a replayed log of thousands of events is taken', async () => {
    let clock = 0;
    const now = () => clock++;
    let turns = 0;
    let seen = 0;
    const page = setInterval(() => turns++, 0);
    try {
      for await (const items of streamItems(replay(5000), 5, now, nextTask)) {
        for (const item of items) {
          expect(item).toMatchObject({
            kind: 'event',
            event: { message: `line ${seen}\n` },
            first: seen === 0
          });
          seen++;
        }
      }
    } finally {
      clearInterval(page);
    }
    expect(seen).toBe(5000);
    // Without a pause the whole log would go by in one task and the page get no turn.
    expect(turns).toBeGreaterThan(10);
  });

  it('takes no more events after a slice until the page has drawn a frame', async () => {
    const frames: FrameRequestCallback[] = [];
    const realFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = callback => frames.push(callback);
    let clock = 0;
    let seen = 0;
    const taking = (async () => {
      for await (const items of streamItems(
        replay(3 * INGEST_SLICE_MS),
        5,
        () => clock++
      )) {
        seen += items.length;
      }
    })();
    try {
      // Several tasks go by, and no frame: the stream waits after its first slice.
      for (let i = 0; i < 5; i++) {
        await nextTask();
      }
      const slice = seen;
      expect(slice).toBeGreaterThan(0);
      expect(slice).toBeLessThan(3 * INGEST_SLICE_MS);
      expect(frames).toHaveLength(1);
      for (let i = 0; i < 5; i++) {
        await nextTask();
      }
      expect(seen).toBe(slice);
      // The frame is drawn: the next slice follows in the task after it.
      frames.shift()!(0);
      for (let i = 0; i < 5; i++) {
        await nextTask();
      }
      expect(seen).toBeGreaterThan(slice);
      while (frames.length > 0) {
        frames.shift()!(0);
        await nextTask();
      }
      await taking;
      expect(seen).toBe(3 * INGEST_SLICE_MS);
    } finally {
      window.requestAnimationFrame = realFrame;
    }
  });
});

describe('sliceEnd', () => {
  it('gives a slice its whole time after a frame that drew little', () => {
    // The frame began at 100; the slice starts 1 ms later.
    expect(sliceEnd(101, 100)).toBe(101 + INGEST_SLICE_MS);
  });

  it('ends a slice with the frame’s time when the frame drew much, but takes some lines', () => {
    // The views drew for 6 ms: the slice has what is left of the frame's work time.
    expect(sliceEnd(106, 100)).toBe(100 + FRAME_WORK_MS);
    // They drew for 30 ms: the slice takes only its least.
    expect(sliceEnd(130, 100)).toBe(130 + MIN_SLICE_MS);
  });

  it('gives the whole time when no frame was drawn (a hidden page)', () => {
    expect(sliceEnd(50)).toBe(50 + INGEST_SLICE_MS);
  });
});

describe('streamItems after frames that drew', () => {
  it('takes fewer events in a frame the page spent drawing, and loses none', async () => {
    let clock = 0;
    // Each event takes 1 ms; each frame began 20 ms before the slice after it starts.
    const now = () => clock++;
    const slices: number[] = [0];
    const pause = async () => {
      slices.push(0);
      return clock - 20;
    };
    let seen = 0;
    for await (const items of streamItems(replay(200), 5, now, pause)) {
      for (const item of items) {
        expect(item).toMatchObject({ event: { message: `line ${seen}\n` } });
        seen++;
        slices[slices.length - 1]++;
      }
    }
    expect(seen).toBe(200);
    // The first slice has its whole time (the clock's first tick is its start); after
    // each busy frame, only the least.
    expect(slices[0]).toBe(INGEST_SLICE_MS - 1);
    expect(Math.max(...slices.slice(1, -1))).toBe(MIN_SLICE_MS);
  });
});
