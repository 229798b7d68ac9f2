import { planOpen, roomFor } from '../../widgets/sectionRoom';

describe('room for a section that opens', () => {
  it('gives a sliver what it needs, from the open sections above the floor', () => {
    // Sections: files (open, 300), pins (closed), build (open, 200), share (opens at 12).
    const next = roomFor([300, 0, 200, 12], [true, false, true, true], 3, 212);
    expect(next).not.toBeNull();
    expect(next![3]).toBe(212);
    // 200 taken in proportion to what each has above 96: 204 and 104.
    expect(next![0]).toBeCloseTo(300 - (200 * 204) / 308);
    expect(next![2]).toBeCloseTo(200 - (200 * 104) / 308);
    expect(next![1]).toBe(0);
    expect(next!.reduce((a, b) => a + b, 0)).toBeCloseTo(512);
    expect(Math.min(next![0], next![2])).toBeGreaterThanOrEqual(96);
  });

  it('leaves a section that has room as it is', () => {
    expect(roomFor([300, 250], [true, true], 1, 200)).toBeNull();
  });

  it('never takes a section below the floor, and gives what there is', () => {
    const next = roomFor([120, 20], [true, true], 1, 300);
    expect(next).toEqual([96, 44]);
  });

  it('takes nothing from closed sections or when nothing is spare', () => {
    expect(roomFor([90, 400, 10], [true, false, true], 2, 200)).toBeNull();
  });
});

describe('a section opened on request', () => {
  it('closes slivers, then the furthest sections, until it has room', () => {
    // files 150, pins closed, build 22 (a sliver), sources closed, saved 100, share 12.
    const plan = planOpen(
      [150, 0, 22, 0, 100, 12],
      [true, false, true, false, true, true],
      5,
      180
    );
    expect(plan.close).toEqual([2, 0]);
    expect(plan.sizes[5]).toBeGreaterThanOrEqual(179);
    expect(plan.sizes[4]).toBeCloseTo(96);
    expect(plan.sizes.reduce((a, b) => a + b, 0)).toBeCloseTo(284);
  });

  it('closes nothing when the others can give enough', () => {
    const plan = planOpen([400, 300, 20], [true, true, true], 2, 200);
    expect(plan.close).toEqual([]);
    expect(plan.sizes[2]).toBeCloseTo(200);
  });
});
