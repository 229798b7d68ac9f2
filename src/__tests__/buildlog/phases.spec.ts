import { stepStates } from '../../buildlog/phases';

const states = (
  reached: string | null,
  outcome: 'running' | 'ready' | 'failed'
) => stepStates(reached, outcome).map(s => `${s.step}:${s.state}`);

describe('stepStates', () => {
  it('marks the steps before the current phase done', () => {
    expect(states('building', 'running')).toEqual([
      'waiting:done',
      'fetching:done',
      'building:current',
      'pushing:todo',
      'ready:todo'
    ]);
  });

  it('marks the step a build failed at', () => {
    expect(states('fetching', 'failed')).toEqual([
      'waiting:done',
      'fetching:failed',
      'building:todo',
      'pushing:todo',
      'ready:todo'
    ]);
  });

  it('starts at waiting before any phase, and a failure there fails it', () => {
    expect(states(null, 'running')[0]).toBe('waiting:current');
    expect(states(null, 'failed')[0]).toBe('waiting:failed');
  });

  it('has every step done once ready, a cache hit too', () => {
    expect(states(null, 'ready').every(s => s.endsWith(':done'))).toBe(true);
  });

  it('takes built and launching for the last step', () => {
    expect(states('built', 'running')[4]).toBe('ready:current');
  });
});
