import { IBuildEvent } from '../../buildlog/events';
import { streamItems } from '../../model/buildStream';

async function* replay(count: number): AsyncGenerator<IBuildEvent> {
  for (let i = 0; i < count; i++) {
    yield { phase: 'building', message: `line ${i}\n` };
  }
}

describe('streamItems', () => {
  it('lets the page draw while a replayed log of thousands of events is taken', async () => {
    let clock = 0;
    const now = () => clock++;
    let turns = 0;
    let seen = 0;
    const page = setInterval(() => turns++, 0);
    try {
      for await (const item of streamItems(replay(5000), 5, now)) {
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
});
