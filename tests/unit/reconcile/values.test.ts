// Reading an official figure's text and the exact decimal arithmetic of the comparison.
import { describe, expect, it } from 'vitest';
import { compareValue, indicatorOf, readValue } from '../../../electron/core/reconcile/index.js';
import { formatDec, parseDec, roundDouble } from '../../../electron/core/reconcile/decimal.js';
import { ValueError } from '../../../electron/core/import/values.js';

describe('official values', () => {
  it('money to integer 分 on the digits, counts as integers, ratios as the fraction written', () => {
    expect(readValue('1,234,567.89', 'yuan')).toEqual({ int: 123456789, dec: null });
    expect(readValue('0.1', 'yuan')).toEqual({ int: 10, dec: null });
    expect(readValue('1,234', 'count')).toEqual({ int: 1234, dec: null });
    // the % moves the point two places in the text: 1.23% is 0.0123, 12.5% is 0.125, 5% is 0.05
    expect(readValue('1.23%', 'ratio')).toEqual({ int: null, dec: '0.0123' });
    expect(readValue('12.5%', 'ratio')).toEqual({ int: null, dec: '0.125' });
    expect(readValue('5%', 'ratio')).toEqual({ int: null, dec: '0.05' });
    expect(readValue('-0.0300', 'ratio')).toEqual({ int: null, dec: '-0.0300' });
    expect(readValue('5.20', 'avg')).toEqual({ int: null, dec: '5.20' });
    for (const [t, u] of [['1.234', 'yuan'], ['1,23', 'yuan'], ['1.5', 'count'], ['', 'count'], ['1.2.3', 'ratio'], ['5%', 'avg'], ['%', 'ratio']] as const) {
      expect(readValue(t, u), `${t} as ${u}`).toBeInstanceOf(ValueError);
    }
  });

  it('an indicator by key or Chinese name; breakdowns and unknown names are refused', () => {
    expect(indicatorOf('各项贷款余额')).toEqual({ key: 'loan_balance', unit: 'yuan' });
    expect(indicatorOf(' npl_ratio ')).toEqual({ key: 'npl_ratio', unit: 'ratio' });
    expect(indicatorOf('户均持有项数')).toEqual({ key: 'avg_items_per_customer', unit: 'avg' });
    expect((indicatorOf('逾期分段余额') as ValueError).reason).toContain('分类明细');
    expect((indicatorOf('存款') as ValueError).reason).toContain('未知指标');
  });

  it('rounding a double half away from zero at the official decimals, and exact differences', () => {
    expect(formatDec(roundDouble(1 / 3, 4))).toBe('0.3333');
    expect(formatDec(roundDouble(2 / 3, 4))).toBe('0.6667');
    expect(formatDec(roundDouble(-2 / 3, 2))).toBe('-0.67');
    expect(formatDec(roundDouble(0.125, 2))).toBe('0.13'); // 0.125 is exact in binary: a true tie, rounded up
    expect(formatDec(parseDec('.5', false)!)).toBe('0.5');
    // 0.1 + 0.2 in floating point is 0.30000000000000004; on the digits 0.3000 − 0.3000 is 0
    expect(compareValue('ratio', { int: null, dec: '0.3000' }, 0.1 + 0.2)).toMatchObject({ console: '0.3000', diff: '0.0000', status: 'match' });
    expect(compareValue('ratio', { int: null, dec: '0.0123' }, 0.01244)).toMatchObject({ console: '0.0124', diff: '0.0001', status: 'differ' });
    // money: 0.1 + 0.2 元 from the core would be 0.30000000000000004; the 分 are 30 exactly
    expect(compareValue('yuan', { int: 30, dec: null }, 0.1 + 0.2)).toMatchObject({ diff: 0, status: 'match' });
    expect(compareValue('yuan', { int: 100000000000, dec: null }, 1000000000.01)).toMatchObject({ diff: 0.01, status: 'differ' });
    expect(compareValue('count', { int: 5, dec: null }, null)).toMatchObject({ console: null, status: 'no_data' });
  });
});
