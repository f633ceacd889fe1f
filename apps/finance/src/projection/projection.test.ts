import { describe, expect, it } from 'vitest';
import { estimateModel, monthCost, project } from './projection.js';

describe('cohort projection', () => {
  // Two states, fostering (F) and residential (R), over a 12-month reference window:
  //   F: 80 child-months; 60 stayed, 10 moved to R, 10 left care -> 0.75, 0.125, 0.125
  //   R: 40 child-months; 20 stayed, 10 moved to F, 10 left care -> 0.25 to F, 0.5, 0.25
  //   entries: 24 into F and 12 into R -> 2 and 1 a month
  const seq = (...s: (string | null)[]) => s;
  const sequences = [
    ...Array.from({ length: 60 }, () => seq('F', 'F')),
    ...Array.from({ length: 10 }, () => seq('F', 'R')),
    ...Array.from({ length: 10 }, () => seq('F', null)),
    ...Array.from({ length: 20 }, () => seq('R', 'R')),
    ...Array.from({ length: 10 }, () => seq('R', 'F')),
    ...Array.from({ length: 10 }, () => seq('R', null)),
    ...Array.from({ length: 24 }, () => seq(null, 'F')),
    ...Array.from({ length: 12 }, () => seq(null, 'R')),
    ...Array.from({ length: 5 }, () => seq(null, null)),
  ];
  const model = estimateModel(['F', 'R'], sequences, 12);

  it('estimates monthly transition probabilities and entries from the window', () => {
    expect(model.p).toEqual([
      [0.75, 0.125, 0.125],
      [0.25, 0.5, 0.25],
    ]);
    expect(model.entriesPerMonth).toEqual([2, 1]);
    expect(model.exposure).toEqual([80, 40]);
  });

  it('reproduces the hand-computed two-state projection exactly', () => {
    // From 100 in F and 40 in R:
    // month 1: F = 100 x 0.75 + 40 x 0.25 + 2 = 87;        R = 100 x 0.125 + 40 x 0.5 + 1 = 33.5;   left = 12.5 + 10 = 22.5
    // month 2: F = 87 x 0.75 + 33.5 x 0.25 + 2 = 75.625;  R = 87 x 0.125 + 33.5 x 0.5 + 1 = 28.625; left = 10.875 + 8.375 = 19.25
    const months = project(model, [100, 40], 2);
    expect(months).toEqual([
      { step: 1, byCategory: [87, 33.5], total: 120.5, left: 22.5, entered: 3 },
      { step: 2, byCategory: [75.625, 28.625], total: 104.25, left: 19.25, entered: 3 },
    ]);
    // The cost of month 1 (31 days) at £500 and £6,000 a week:
    // F 87 x 50000 x 31 / 7 = 19,264,285.71 -> 19,264,286; R 33.5 x 600000 x 31 / 7 = 89,014,285.71 -> 89,014,286
    expect(monthCost(months[0]!.byCategory, [50_000, 600_000], 31)).toEqual([19_264_286, 89_014_286]);
  });

  it('keeps a category with no evidence where it is, and grows by entries alone', () => {
    const still = estimateModel(['F', 'S'], [seq('F', 'F'), seq(null, 'S')], 1);
    expect(project(still, [1, 3], 2).map((m) => m.byCategory)).toEqual([
      [1, 4],
      [1, 5],
    ]);
  });
});
