import { BuildOutcome, stepStates } from '../../buildlog/phases';

const states = (
  reached: string | null,
  outcome: BuildOutcome,
  cacheHit = false
) => stepStates(reached, outcome, cacheHit).map(s => `${s.step}:${s.state}`);

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

  it('has every step done once an image is built', () => {
    expect(states('pushing', 'ready').every(s => s.endsWith(':done'))).toBe(
      true
    );
  });

  it('shows no build and no push after a dry run', () => {
    expect(states('building', 'dry-run')).toEqual([
      'waiting:done',
      'fetching:done',
      'building:skipped',
      'pushing:skipped',
      'ready:done'
    ]);
  });

  it('shows only the last step done for a cache hit, a dry run one too', () => {
    for (const outcome of ['ready', 'dry-run'] as const) {
      expect(states('ready', outcome, true)).toEqual([
        'waiting:skipped',
        'fetching:skipped',
        'building:skipped',
        'pushing:skipped',
        'ready:done'
      ]);
    }
  });

  it('takes built and launching for the last step', () => {
    expect(states('built', 'running')[4]).toBe('ready:current');
  });
});
