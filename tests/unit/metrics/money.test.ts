// Output helpers of shared/money.ts: exact conversion of amounts (display text is renderer/format.ts).
import { describe, expect, it } from 'vitest';
import { divRound, fenToYuan, yuanToFen } from '../../../shared/money.js';

describe('fenToYuan', () => {
  it('turns integer 分 into 元 with 2 decimals, from number or bigint', () => {
    expect(fenToYuan(123456)).toBe(1234.56);
    expect(fenToYuan(13_000_001n)).toBe(130000.01);
    expect(fenToYuan(-5)).toBe(-0.05);
    // exact while the amount has at most 15 significant digits (a double's guaranteed precision)
    expect(String(fenToYuan(999_999_999_999_999n))).toBe('9999999999999.99');
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });
});

describe('divRound', () => {
  it('rounds half away from zero', () => {
    expect([divRound(5n, 2n), divRound(-5n, 2n), divRound(7n, 3n), divRound(-7n, 3n), divRound(5n, -2n)]).toEqual([3n, -3n, 2n, -2n, -3n]);
  });
});

describe('yuanToFen', () => {
  it('takes the nearest whole 分, not the float product truncated', () => {
    // 0.29 × 100 is 28.999999999999996 in binary floating point; truncating would give 28
    expect(0.29 * 100).toBeLessThan(29);
    expect(yuanToFen(0.29)).toBe(29n);
    expect(yuanToFen(1234.56)).toBe(123456n);
    expect(yuanToFen(-0.05)).toBe(-5n);
  });
});
