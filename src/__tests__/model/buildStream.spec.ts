import { IBuildEvent } from '../../buildlog/events';
import { INGEST_SLICE_MS, streamItems } from '../../model/buildStream';

async function* replay(count: number): AsyncGenerator<IBuildEvent> {
  for (let i = 0; i < count; i++) {
    yield { phase: 'building', message: `line ${i}\n` };
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
      for await (const item of streamItems(replay(5000), 5, now, nextTask)) {
        expect(item).toMatchObject({
          kind: 'event',
          event: { message: `line ${seen}\n` },
          first: seen === 0
        });
        seen++;
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
      for await (const item of streamItems(
        replay(3 * INGEST_SLICE_MS),
        5,
        () => clock++
      )) {
        seen += item ? 1 : 0;
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
