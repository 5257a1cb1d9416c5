// The scoring rules of DATA.md "Assessment" row by row, and ranks, with the arithmetic written out.
import { describe, expect, it } from 'vitest';
import { completionOf, creditOf, sheetRow } from '../../../electron/core/assess/index.js';
import { ranks } from '../../../electron/core/assess/rank.js';
import type { SchemeIndicator } from '../../../shared/assessment.js';

const up: SchemeIndicator = { indicator: 'loan_balance', weight: 25, lowerIsBetter: false, floor: 0.6, cap: 1.2 };
const down: SchemeIndicator = { indicator: 'npl_ratio', weight: 15, lowerIsBetter: true, floor: 0.6, cap: 1.2 };

describe('completion and credit', () => {
  it('higher is better: actual / target; floor and cap', () => {
    // 59 / 100 is under the floor: 0; 60 / 100 is on it: counts 0.6; 130 / 100 counts 1.2
    expect(creditOf(completionOf(59, 100, up), up)).toBe(0);
    expect(creditOf(completionOf(60, 100, up), up)).toBe(0.6);
    expect(creditOf(completionOf(130, 100, up), up)).toBe(1.2);
  });

  it('lower is better: target / actual; an actual of 0 completes at the cap; a target of 0 scores nothing against any NPL', () => {
    // 0.02 target against 0.025: 0.8
    expect(completionOf(0.025, 0.02, down)).toBeCloseTo(0.8, 15);
    expect(completionOf(0, 0.02, down)).toBe(1.2);
    expect(completionOf(0.01, 0, down)).toBe(0);
  });

  it('no actual (a ratio without a denominator) and a negative target complete nothing', () => {
    expect(completionOf(null, 0.02, down)).toBeNull();
    expect(completionOf(10, -5, up)).toBeNull();
    expect(creditOf(null, up)).toBe(0);
  });

  it('money is compared in 分: 0.1 + 0.2 元 style float error does not move a completion of exactly 1', () => {
    // actual 1234567.89 元 = 123456789 分 against the same target in 元
    const r = sheetRow(up, 1234567.89, { value: 1234567.89, exact: 123456789 });
    expect(r.completion).toBe(1);
    expect(r.score).toBe(25);
  });

  it('未设目标: the row keeps its actual and weight, scores 0', () => {
    expect(sheetRow(up, null, { value: 5, exact: 500 })).toEqual({ indicator: 'loan_balance', target: null, actual: 5, completion: null, weight: 25, score: 0 });
  });
});

describe('ranks', () => {
  it('ties share a rank and the next skips; nulls come last; float noise is a tie', () => {
    expect(ranks([73, 63.5, 73])).toEqual([1, 3, 1]);
    expect(ranks([null, 2, 5])).toEqual([3, 2, 1]);
    // 0.1 + 0.2 is 0.30000000000000004: the same total on paper
    expect(ranks([0.1 + 0.2, 0.3, 0.29])).toEqual([1, 1, 3]);
    // lower is better
    expect(ranks([0.02, 0.2, 0], true)).toEqual([2, 3, 1]);
  });
});
