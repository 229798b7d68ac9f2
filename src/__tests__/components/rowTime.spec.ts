import { rowTime } from '../../components/BuildHistoryView';

describe('the time in a history row', () => {
  const now = new Date(2026, 10, 30, 9, 15);

  it('is the time of day for a build of today', () => {
    const text = rowTime(new Date(2026, 10, 30, 6, 43).toISOString(), now);
    expect(text).toMatch(/06.43|6.43/);
    expect(text).not.toMatch(/Nov/);
  });

  it('is the day for an older build', () => {
    const text = rowTime(new Date(2026, 10, 29, 23, 5).toISOString(), now);
    expect(text).toMatch(/29/);
    expect(text).toMatch(/Nov/);
    expect(text).not.toMatch(/23/);
  });

  it('is empty for a missing or broken time', () => {
    expect(rowTime(null, now)).toBe('');
    expect(rowTime('not a time', now)).toBe('');
  });
});
