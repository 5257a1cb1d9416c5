// Output helpers of shared/money.ts: exact conversion and Chinese display of amounts.
import { describe, expect, it } from 'vitest';
import { divRound, fenToYuan, formatFen, formatPercent, formatYuan } from '../../../shared/money.js';

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

describe('formatYuan', () => {
  it('groups thousands and keeps 2 decimals in 元', () => {
    expect(formatYuan(1234567.8)).toBe('1,234,567.80元');
    expect(formatYuan(0)).toBe('0.00元');
    expect(formatYuan(999.99, '元', { suffix: false })).toBe('999.99');
    expect(formatYuan(-1234.5)).toBe('-1,234.50元');
  });

  it('rescales to 万元 and 亿元 on integer 分, rounding halves up', () => {
    // 10,050 元 = 1.005 万元 → 1.01; the float 10050 / 1e4 is 1.00499999… and toFixed(2) gives 1.00
    expect((10050 / 1e4).toFixed(2)).toBe('1.00');
    expect(formatYuan(10050, '万元')).toBe('1.01万元');
    expect(formatYuan(12345, '万元')).toBe('1.23万元');
    expect(formatYuan(123456789012.34, '亿元')).toBe('1,234.57亿元');
    expect(formatYuan(50000, '万元', { decimals: 0 })).toBe('5万元');
    expect(formatYuan(49.99, '万元', { decimals: 4 })).toBe('0.0050万元');
  });

  it('shows a missing value as a dash', () => {
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(undefined, '万元', { empty: '-' })).toBe('-');
    expect(formatYuan(Number.NaN)).toBe('—');
  });
});

describe('formatFen and formatPercent', () => {
  it('formats 分 directly and fractions as percentages', () => {
    expect(formatFen(123456789n, '万元')).toBe('123.46万元');
    expect(formatFen(5, '元')).toBe('0.05元');
    expect(formatPercent(0.0325)).toBe('3.25%');
    expect(formatPercent(0.00125)).toBe('0.13%');
    expect(formatPercent(-1)).toBe('-100.00%');
    expect(formatPercent(null)).toBe('—');
  });
});
