// The dashboards' figures as text (renderer/format.ts money, components/dashboard/figures.ts) and
// a chart spec as an ECharts option (chartOption.ts): the numbers below are worked out by hand.
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../shared/dashboard.js';
import { autoMoneyUnit, axisTick, money, moneyScaled, points, resolveMoneyUnit } from '../../../renderer/format.js';
import { changeText, figureText, trendOf, type FigureWords } from '../../../renderer/components/dashboard/figures.js';
import { axisUnits, chartHeight, chartOption, drillAt, hasDrill, valueLabel } from '../../../renderer/components/dashboard/chartOption.js';
import { drillMove } from '../../../renderer/components/dashboard/drill.js';

const W: FigureWords = { money: { yuan: '元', wan: '万元', yi: '亿元' }, points: '个百分点', items: '项' };

describe('money in 元 / 万元 / 亿元', () => {
  it('picks the unit by size on integer 分', () => {
    expect(autoMoneyUnit(9999.99)).toBe('yuan');
    expect(autoMoneyUnit(10000)).toBe('wan'); // exactly 1 万
    expect(autoMoneyUnit(-10000)).toBe('wan');
    expect(autoMoneyUnit(99_999_999.99)).toBe('wan');
    expect(autoMoneyUnit(100_000_000)).toBe('yi'); // exactly 1 亿
    expect(autoMoneyUnit(null)).toBe('yuan');
    // a chart's scale follows its largest figure: one unit for every bar
    expect(resolveMoneyUnit('auto', [5, null, -250_000_000, 12])).toBe('yi');
    expect(resolveMoneyUnit('wan', [5e9])).toBe('wan');
  });

  it('rounds half away from zero in each unit', () => {
    // 123,456,789.01 元 = 12,345.678901 万元 → 12,345.68; = 1.2345678901 亿元 → 1.23
    expect(money(123456789.01, 'wan')).toBe('12,345.68');
    expect(money(123456789.01, 'yi')).toBe('1.23');
    expect(money(123456789.01, 'yuan')).toBe('123,456,789.01');
    // 1.5 亿 − 1 分 = 149,999,999.99 元 → 1.4999999999 亿 → 1.50 (half of the last digit or more)
    expect(money(149_999_999.99, 'yi')).toBe('1.50');
    // 1,234,500,000 元 = 12.345 亿: exactly half a hundredth, away from zero
    expect(money(1_234_500_000, 'yi')).toBe('12.35');
    expect(money(-1_234_500_000, 'yi')).toBe('-12.35');
    expect(money(null, 'wan')).toBe('—');
  });

  it('scales for geometry and prints ticks without float noise', () => {
    expect(moneyScaled(123456789.01, 'wan')).toBeCloseTo(12345.678901, 9);
    expect(moneyScaled(250_000_000, 'yi')).toBe(2.5);
    expect(axisTick(0.1 + 0.2)).toBe('0.3');
    expect(axisTick(12345.678)).toBe('12,345.68');
  });

  it('writes changes of ratios in percentage points', () => {
    // 0.0123 − 0.0100 = 0.0023 → +0.23
    expect(points(0.0123 - 0.01)).toBe('+0.23');
    expect(points(-0.0005)).toBe('-0.05');
    expect(points(0.00001)).toBe('0.00'); // rounds to zero: no sign
  });
});

describe('a figure by its unit', () => {
  it('money, counts, ratios, averages', () => {
    expect(figureText(123456789.01, 'yuan', 'wan', W)).toEqual({ text: '12,345.68', unit: '万元' });
    expect(figureText(3021, 'count', 'wan', W)).toEqual({ text: '3,021', unit: '' });
    expect(figureText(0.012345, 'ratio', 'wan', W)).toEqual({ text: '1.23%', unit: '' });
    expect(figureText(5.125, 'avg', 'wan', W)).toEqual({ text: '5.13', unit: '项' });
    expect(figureText(null, 'yuan', 'wan', W)).toEqual({ text: '—', unit: '' });
  });

  it('changes carry their sign; lower is better turns the colour', () => {
    expect(changeText(-30000, 'yuan', 'wan', W)).toEqual({ text: '-3.00', unit: '万元' });
    expect(changeText(30000, 'yuan', 'wan', W)).toEqual({ text: '+3.00', unit: '万元' });
    expect(changeText(0.002, 'ratio', 'wan', W)).toEqual({ text: '+0.20', unit: '个百分点' });
    expect(changeText(12, 'count', 'wan', W)).toEqual({ text: '+12', unit: '' });
    expect(trendOf(5)).toEqual({ trend: 'up', good: true });
    expect(trendOf(5, true)).toEqual({ trend: 'up', good: false }); // NPL up: bad news
    expect(trendOf(-5, true)).toEqual({ trend: 'down', good: true });
    expect(trendOf(0)).toEqual({ trend: 'flat', good: null });
    expect(trendOf(null)).toEqual({ trend: 'none', good: null });
  });
});

const orgBar: ChartSpec = {
  id: 'dev',
  title: '存款偏离度',
  kind: 'bar',
  unit: 'yuan',
  unit2: 'ratio',
  categories: ['鲤城支行', '丰泽支行'],
  series: [
    { name: '余额', data: [250_000_000, 120_000_000], drill: [{ kind: 'scope', org: 'QZ101' }, { kind: 'scope', org: 'QZ102' }] },
    { name: '偏离度', data: [0.025, -0.041], type: 'line', yAxis: 1 },
  ],
  threshold: { value: 300_000_000, label: '阈值' },
};

describe('a chart spec as an ECharts option', () => {
  it('one money scale per axis, ratios in % on the second axis', () => {
    const [a0, a1] = axisUnits(orgBar, 'auto');
    expect(a0.mu).toBe('yi'); // 2.5 亿 and the 3 亿 threshold
    expect(a1.unit).toBe('ratio');
    const o = chartOption({ spec: orgBar, mu: 'auto', words: W, animate: false }) as any;
    expect(o.animation).toBe(false);
    expect(o.series[0].data).toEqual([2.5, 1.2]); // 亿元
    expect(o.series[1].data[0]).toBeCloseTo(2.5, 12); // % (0.025)
    expect(o.series[1].type).toBe('line');
    expect(o.series[1].yAxisIndex).toBe(1);
    expect(o.yAxis.map((a: { name: string }) => a.name)).toEqual(['亿元', '%']);
    // the threshold line in the axis unit: 3 亿
    expect(o.series[0].markLine.data).toEqual([{ yAxis: 3 }]);
    // tooltips print the spec's raw figure, not the scaled float
    const tip = o.tooltip.formatter([{ seriesIndex: 0, dataIndex: 1, seriesName: '余额', marker: '', name: '丰泽支行' }]);
    expect(tip).toContain('1.20 亿元');
    expect(tip).toContain('丰泽支行');
  });

  it('a fixed unit holds for every figure', () => {
    const o = chartOption({ spec: orgBar, mu: 'wan', words: W, animate: true }) as any;
    expect(o.series[0].data).toEqual([25000, 12000]);
    expect(valueLabel(120_000_000, axisUnits(orgBar, 'wan')[0], W)).toBe('12,000.00 万元');
  });

  it('hbar puts categories on y, first at the top, and grows with them', () => {
    const spec: ChartSpec = { ...orgBar, kind: 'hbar', unit2: undefined, series: [orgBar.series[0]], categories: Array.from({ length: 20 }, (_, i) => `C${i}`) };
    const o = chartOption({ spec, mu: 'auto', words: W, animate: false }) as any;
    expect(o.yAxis.type).toBe('category');
    expect(o.yAxis.inverse).toBe(true);
    expect(o.series[0].markLine.data).toEqual([{ xAxis: 3 }]);
    expect(chartHeight(spec)).toBe(20 * 26 + 70);
  });

  it('pie and matrix draw the raw figures and lead to their drills', () => {
    const pie: ChartSpec = {
      id: 'kind',
      title: '存款结构',
      kind: 'pie',
      unit: 'map_yuan',
      categories: ['活期', '定期'],
      series: [{ name: '余额', data: [30000, 70000], drill: [{ kind: 'list', list: 'deposits', params: { key: 'deposit_by_kind', cat: '活期', date: '2024-07-31' } }, null] }],
    };
    const o = chartOption({ spec: pie, mu: 'auto', words: W, animate: false }) as any;
    expect(o.series[0].data).toEqual([{ name: '活期', value: 3 }, { name: '定期', value: 7 }]); // 万元
    expect(drillAt(pie, 0, 0)).toEqual(pie.series[0].drill![0]);
    expect(drillAt(pie, 0, 1)).toBeNull();
    const matrix: ChartSpec = {
      id: 'mig',
      title: '迁徙',
      kind: 'matrix',
      unit: 'yuan',
      categories: ['正常', '关注'],
      rows: ['正常', '关注', '新发放'],
      series: [
        { name: '正常', data: [100, 0] },
        { name: '关注', data: [5, 7], drill: [null, { kind: 'list', list: 'loans', params: { key: 'loan_by_class5' } }] },
        { name: '新发放', data: [9, null] },
      ],
    };
    const m = chartOption({ spec: matrix, mu: 'yuan', words: W, animate: false }) as any;
    expect(m.series[0].data).toContainEqual([1, 1, 7]); // column 关注, row 关注
    expect(m.series[0].data).toContainEqual([1, 2, null]);
    expect(m.yAxis.data).toEqual(['正常', '关注', '新发放']);
    expect(drillAt(matrix, 0, 0, [1, 1, 7])).toEqual(matrix.series[1].drill![1]);
    expect(drillAt(matrix, 0, 0, [0, 0, 100])).toBeNull();
    expect(hasDrill(matrix)).toBe(true);
    expect(hasDrill({ ...matrix, series: [{ name: 'x', data: [1] }] })).toBe(false);
  });
});

describe('a click follows its drill', () => {
  it('a list drill opens the rows with the core parameters as the URL', () => {
    const m = drillMove({ kind: 'list', list: 'loans', params: { key: 'overdue_buckets', cat: '>360', date: '2024-07-31', org: 'QZ101' } }, { org: 'QZ100' });
    expect(m).toEqual({ to: 'list', path: '/drill/loans', query: { key: 'overdue_buckets', cat: '>360', date: '2024-07-31', org: 'QZ101' } });
  });

  it('an org narrows the scope and drops the staff filter; a staff member keeps the org', () => {
    expect(drillMove({ kind: 'scope', org: 'QZ102' }, { org: 'QZ100', staff: 'S1', date: '2024-07-31' })).toEqual({
      to: 'scope',
      query: { org: 'QZ102', date: '2024-07-31' },
      clearStaff: true,
    });
    expect(drillMove({ kind: 'scope', staff: 'S9' }, { org: 'QZ100', date: '2024-07-31' })).toEqual({
      to: 'scope',
      query: { org: 'QZ100', staff: 'S9', date: '2024-07-31' },
      clearStaff: false,
    });
  });
});
