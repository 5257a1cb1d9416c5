// 方案与目标's conversions (renderer/components/assess-scheme): what a typed cell is stored as, and
// the scheme form's checks and % ↔ fraction round trip.
import { describe, expect, it } from 'vitest';
import { cellText, cellUnit, parseCell } from '../../../renderer/components/assess-scheme/units.js';
import { fromForm, sameAs, shownName, storedName, toForm, validate } from '../../../renderer/components/assess-scheme/schemeForm.js';
import { dropsEdits, viewOf } from '../../../renderer/components/assess-scheme/pageView.js';
import type { Scheme } from '../../../shared/assessment.js';

describe('target cells', () => {
  it('takes money in 万元 and stores 元, exactly', () => {
    expect(cellUnit('deposit_avg')).toBe('wan');
    // 123.4567 万元 = 1234567 元 (× 10^4); 0.000001 万元 = 0.01 元 = 1 分
    expect(parseCell('123.4567', 'wan')).toEqual({ ok: true, value: 1_234_567 });
    expect(parseCell('0.000001', 'wan')).toEqual({ ok: true, value: 0.01 });
    // 1,200 万元 = 12,000,000 元; a float 1.1 × 10000 would be 11000.000000000002, the digits give 11000
    expect(parseCell('1,200', 'wan')).toEqual({ ok: true, value: 12_000_000 });
    expect(parseCell('1.1', 'wan')).toEqual({ ok: true, value: 11_000 });
    expect(parseCell('0.0000001', 'wan')).toEqual({ ok: false, reason: 'decimals' });
  });
  it('takes ratios in % and stores fractions', () => {
    expect(cellUnit('npl_ratio')).toBe('percent');
    // 1.5 % = 0.015; 7 % = 0.07 (7 / 100, not 0.07000000000000001)
    expect(parseCell('1.5', 'percent')).toEqual({ ok: true, value: 0.015 });
    expect(parseCell('7', 'percent')).toEqual({ ok: true, value: 0.07 });
  });
  it('takes whole counts, clears on empty, refuses the rest', () => {
    expect(cellUnit('visits')).toBe('count');
    expect(parseCell('42', 'count')).toEqual({ ok: true, value: 42 });
    expect(parseCell('42.0', 'count')).toEqual({ ok: true, value: 42 });
    expect(parseCell('4.2', 'count')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseCell('  ', 'count')).toEqual({ ok: true, value: null });
    expect(parseCell('-3', 'count')).toEqual({ ok: false, reason: 'negative' });
    expect(parseCell('1e3', 'count')).toEqual({ ok: false, reason: 'number' });
    expect(parseCell('十', 'count')).toEqual({ ok: false, reason: 'number' });
  });
  it('shows a stored value in the unit it is typed in, and reads back to the same value', () => {
    expect(cellText(1_234_567, 'wan')).toBe('123.4567');
    expect(cellText(12_000_000, 'wan')).toBe('1200');
    expect(cellText(0.01, 'wan')).toBe('0.000001');
    expect(cellText(0.07, 'percent')).toBe('7');
    expect(cellText(0.015, 'percent')).toBe('1.5');
    expect(cellText(null, 'count')).toBe('');
    for (const [v, u] of [[98_765_432.1, 'wan'], [0.0123, 'percent'], [17, 'count']] as const) {
      expect(parseCell(cellText(v, u), u)).toEqual({ ok: true, value: v });
    }
  });
});

const scheme: Scheme = {
  object_type: 'org',
  version: 3,
  name: '支行方案',
  indicators: [
    { indicator: 'deposit_avg', weight: 30, lowerIsBetter: false, floor: 0.6, cap: 1.2 },
    { indicator: 'npl_ratio', weight: 15, lowerIsBetter: true, floor: 0.625, cap: 1.15 },
  ],
  deduction: { per_alert: 1, max: 10 },
  saved_by: 'admin',
  saved_at: '2024-08-01T00:00:00Z',
};

describe('scheme form', () => {
  it('shows floor and cap in % and gives the same fractions back', () => {
    const f = toForm(scheme);
    expect(f.rows.map((r) => [r.floorPct, r.capPct])).toEqual([[60, 120], [62.5, 115]]);
    expect(fromForm(f).indicators).toEqual(scheme.indicators);
    expect(sameAs(f, scheme)).toBe(true);
    f.rows[0].weight = 40;
    expect(sameAs(f, scheme)).toBe(false);
  });
  it('names each wrong row', () => {
    const f = toForm(scheme);
    f.name = ' ';
    f.rows[0].weight = null;
    f.rows[1].floorPct = 120;
    f.max = -1;
    const nameOf = (id: string) => id;
    expect(validate(f, nameOf)).toEqual([
      { key: 'name' },
      { key: 'weight', params: { row: 1, name: 'deposit_avg' } },
      { key: 'floorCap', params: { row: 2, name: 'npl_ratio' } },
      { key: 'deduction' },
    ]);
    f.rows = [];
    expect(validate(f, nameOf).map((p) => p.key)).toContain('none');
  });
});

describe('page view and the unsaved-edits guard', () => {
  it('reads the URL as the page shows it, the default period standing in for a missing or bad one', () => {
    expect(viewOf({}, '2024-07')).toEqual({ tab: 'scheme', type: 'org', period: '2024-07' });
    expect(viewOf({ tab: 'targets', type: 'staff', period: '2024Q2' }, '2024-07')).toEqual({ tab: 'targets', type: 'staff', period: '2024Q2' });
    expect(viewOf({ tab: 'targets', period: '2024-13' }, '2024-07').period).toBe('2024-07');
  });
  it('drops the edits on another tab or type, and the targets (only) on another period', () => {
    const targets = viewOf({ tab: 'targets', period: '2024-07' }, '2024-07');
    // the default period written out in the URL is the same view: no question
    expect(dropsEdits(viewOf({ tab: 'targets' }, '2024-07'), targets)).toBe(false);
    expect(dropsEdits(targets, { ...targets, period: '2024-06' })).toBe(true);
    expect(dropsEdits(targets, { ...targets, type: 'staff' })).toBe(true);
    expect(dropsEdits(targets, { ...targets, tab: 'scheme' })).toBe(true);
    const scheme = viewOf({ tab: 'scheme' }, '2024-07');
    expect(dropsEdits(scheme, { ...scheme, period: '2024-06' })).toBe(false);
    expect(dropsEdits(scheme, { ...scheme, type: 'staff' })).toBe(true);
  });
});

describe('scheme names', () => {
  it('shows the built-in default names in English and any other name as typed', () => {
    // the core's version 0 names (electron/core/assess/scheme.ts), spelled out here
    expect(shownName('支行考核方案（默认）', 'en')).toBe('Branch scheme (default)');
    expect(shownName('客户经理考核方案（默认）', 'en')).toBe('Account manager scheme (default)');
    expect(shownName('支行考核方案（默认）', 'zh-CN')).toBe('支行考核方案（默认）');
    // typed by a user: data, even when it only looks like the default
    expect(shownName('支行方案', 'en')).toBe('支行方案');
    expect(shownName('支行考核方案（默认） ', 'en')).toBe('支行考核方案（默认） ');
    expect(shownName('2024 下半年', 'en')).toBe('2024 下半年');
  });
  it('stores the English default name as the built-in one, anything else as typed', () => {
    expect(storedName('Branch scheme (default)', 'en')).toBe('支行考核方案（默认）');
    expect(storedName('Account manager scheme (default)', 'en')).toBe('客户经理考核方案（默认）');
    expect(storedName('Branch scheme (default', 'en')).toBe('Branch scheme (default');
    expect(storedName('Branch scheme (default)', 'zh-CN')).toBe('Branch scheme (default)');
    // an unrenamed default scheme edited in English is no change of name
    const v0: Scheme = { ...scheme, version: 0, name: '支行考核方案（默认）' };
    const f = toForm(v0);
    f.name = storedName(shownName(f.name, 'en'), 'en');
    expect(sameAs(f, v0)).toBe(true);
  });
});
