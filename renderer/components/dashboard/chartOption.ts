// A ChartSpec of the core (shared/dashboard.ts) as an ECharts option: bar, hbar, line, pie and
// matrix (a heat map of amounts). Geometry uses numbers scaled to the axis unit (万元, %, …);
// every text a user reads (ticks aside) is the raw figure of the spec through the one formatter,
// so a tooltip shows exactly what the export prints. Pure: no DOM, unit-tested in Node.
import type { ChartSpec, DrillRef } from '../../../shared/dashboard.js';
import type { IndicatorUnit } from '../../../shared/indicators.js';
import { axisTick, moneyScaled, resolveMoneyUnit, type FixedMoneyUnit, type MoneyUnit } from '../../format.js';
import { figureText, scalarKind, type FigureWords } from './figures.js';

/** ECharts tooltips are HTML: names from data go through this before they reach one. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface AxisUnit {
  unit: IndicatorUnit;
  /** the money unit of this axis (all its series share it), for money axes */
  mu: FixedMoneyUnit;
}

/** The values a chart draws on an axis (0 or 1), every series and category. */
function axisValues(spec: ChartSpec, axis: 0 | 1): (number | null)[] {
  const out: (number | null)[] = [];
  for (const s of spec.series) if ((s.yAxis ?? 0) === axis) out.push(...s.data);
  if (axis === 0 && spec.threshold) out.push(spec.threshold.value);
  return out;
}

/** Each axis's unit and money scale: one scale per axis, so bars of one axis compare. */
export function axisUnits(spec: ChartSpec, mu: MoneyUnit): [AxisUnit, AxisUnit] {
  const u0 = spec.unit;
  const u1 = spec.unit2 ?? spec.unit;
  // a matrix's cells run from a few 万 to the whole book: in 亿 most would read 0.00
  const mu0 = spec.kind === 'matrix' && mu === 'auto' && resolveMoneyUnit(mu, axisValues(spec, 0)) === 'yi' ? 'wan' : resolveMoneyUnit(mu, axisValues(spec, 0));
  return [
    { unit: u0, mu: mu0 },
    { unit: u1, mu: resolveMoneyUnit(mu, spec.unit2 ? axisValues(spec, 1) : axisValues(spec, 0)) },
  ];
}

/** A figure in its axis's drawing scale (万元 as a number, a ratio in %). */
export function scaled(v: number | null, a: AxisUnit): number | null {
  if (v == null || !Number.isFinite(v)) return null;
  switch (scalarKind(a.unit)) {
    case 'money':
      return moneyScaled(v, a.mu);
    case 'ratio':
      return v * 100;
    default:
      return v;
  }
}

/** The axis's name: the money unit word or %, nothing for counts. */
export function axisName(a: AxisUnit, w: FigureWords): string {
  const k = scalarKind(a.unit);
  return k === 'money' ? w.money[a.mu] : k === 'ratio' ? '%' : '';
}

/** A raw figure's text with its unit word, as a tooltip shows it. */
export function valueLabel(v: number | null, a: AxisUnit, w: FigureWords): string {
  const f = figureText(v, a.unit, a.mu, w);
  return f.unit ? `${f.text} ${f.unit}` : f.text;
}

function valueAxis(a: AxisUnit, w: FigureWords, extra: Record<string, unknown> = {}) {
  return {
    type: 'value',
    name: axisName(a, w),
    nameTextStyle: { align: 'left' },
    axisLabel: { formatter: (v: number) => (scalarKind(a.unit) === 'ratio' ? `${axisTick(v)}%` : axisTick(v)) },
    ...extra,
  };
}

const PALETTE = ['#0b6e4f', '#e6a23c', '#409eff', '#f56c6c', '#909399', '#7b61ff', '#2bb3a3', '#c45656'];

export interface OptionInput {
  spec: ChartSpec;
  mu: MoneyUnit;
  words: FigureWords;
  animate: boolean;
}

/** How tall a chart is drawn: hbar and matrix grow with their rows so labels never overlap. */
export function chartHeight(spec: ChartSpec): number {
  if (spec.kind === 'hbar') return Math.max(260, spec.categories.length * 26 + 70);
  if (spec.kind === 'matrix') return Math.max(260, (spec.rows?.length ?? spec.series.length) * 34 + 90);
  return 300;
}

/** The ECharts option of a chart spec (kinds bar, hbar, line, pie, matrix; 'table' is drawn as a table). */
export function chartOption({ spec, mu, words, animate }: OptionInput): Record<string, unknown> {
  const axes = axisUnits(spec, mu);
  const axisOf = (i: number) => axes[spec.series[i]?.yAxis ?? 0];
  const raw = (si: number, di: number) => spec.series[si]?.data[di] ?? null;
  // no font family of our own: ECharts measures text (legend gaps, label widths) with the one it draws
  const base = { animation: animate, color: PALETTE };

  if (spec.kind === 'pie') {
    const s = spec.series[0];
    const a = axes[0];
    return {
      ...base,
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number; name: string; percent: number }) =>
          `${esc(p.name)}<br/><b>${esc(valueLabel(raw(0, p.dataIndex), a, words))}</b> (${p.percent.toFixed(2)}%)`,
      },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          name: s?.name ?? spec.title,
          radius: ['35%', '65%'],
          center: ['38%', '50%'],
          label: { formatter: '{d}%' },
          data: spec.categories.map((c, i) => ({ name: c, value: scaled(s?.data[i] ?? null, a) })),
        },
      ],
    };
  }

  if (spec.kind === 'matrix') {
    // rows (from) down, columns (to) across; the first row at the top
    const rows = spec.rows ?? spec.series.map((s) => s.name);
    const a = axes[0];
    const data: [number, number, number | null][] = [];
    let max = 0;
    rows.forEach((_, y) =>
      spec.categories.forEach((__, x) => {
        const v = scaled(raw(y, x), a);
        if (v != null) max = Math.max(max, Math.abs(v));
        data.push([x, y, v]);
      }),
    );
    return {
      ...base,
      tooltip: {
        formatter: (p: { value: [number, number, number | null] }) =>
          `${esc(rows[p.value[1]])} → ${esc(spec.categories[p.value[0]])}<br/><b>${esc(valueLabel(raw(p.value[1], p.value[0]), a, words))}</b>`,
      },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', position: 'top', data: spec.categories, axisLabel: { interval: 0 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
      visualMap: { show: false, min: 0, max: max || 1, inRange: { color: ['#f4f4f5', '#b3e19d', '#0b6e4f'] } },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: true,
            fontSize: 11,
            formatter: (p: { value: [number, number, number | null] }) => {
              const v = raw(p.value[1], p.value[0]);
              return v == null || v === 0 ? '' : figureText(v, a.unit, a.mu, words).text;
            },
          },
          emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
        },
      ],
    };
  }

  // bar, hbar, line: categories along one axis, values along the other
  const horizontal = spec.kind === 'hbar';
  const twoAxes = spec.series.some((s) => s.yAxis === 1);
  const many = spec.categories.length > 6;
  const categoryAxis = {
    type: 'category',
    data: spec.categories,
    boundaryGap: spec.kind !== 'line',
    inverse: horizontal, // the first category (rank 1) at the top
    axisLabel: horizontal
      ? { interval: 0, width: 150, overflow: 'truncate' }
      : { interval: spec.kind === 'line' ? 'auto' : 0, rotate: many && spec.kind !== 'line' ? 30 : 0, width: many ? 110 : 160, overflow: 'truncate' },
  };
  const valueAxes = twoAxes ? [valueAxis(axes[0], words), valueAxis(axes[1], words, { splitLine: { show: false } })] : [valueAxis(axes[0], words)];

  const series = spec.series.map((s, si) => {
    const a = axisOf(si);
    const type = spec.kind === 'line' ? 'line' : (s.type ?? 'bar');
    const item: Record<string, unknown> = {
      name: s.name,
      type,
      data: s.data.map((v) => scaled(v, a)),
      ...(horizontal ? { xAxisIndex: s.yAxis ?? 0 } : { yAxisIndex: s.yAxis ?? 0 }),
      ...(type === 'line' ? { symbolSize: 5, connectNulls: false } : { barMaxWidth: 28 }),
      // across ranked rows a connecting line means nothing: the points alone
      ...(type === 'line' && horizontal ? { symbolSize: 8, lineStyle: { opacity: 0 } } : {}),
    };
    if (si === 0 && spec.threshold) {
      const tv = scaled(spec.threshold.value, axes[0]);
      item.markLine = {
        silent: true,
        symbol: 'none',
        lineStyle: { color: '#f56c6c', type: 'dashed' },
        label: { formatter: spec.threshold.label, position: horizontal ? 'end' : 'insideEndTop', color: '#f56c6c' },
        data: [horizontal ? { xAxis: tv } : { yAxis: tv }],
      };
    }
    return item;
  });

  return {
    ...base,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: spec.kind === 'line' ? 'line' : 'shadow' },
      formatter: (ps: { seriesIndex: number; dataIndex: number; seriesName: string; marker: string; name: string }[]) => {
        const list = Array.isArray(ps) ? ps : [ps];
        if (!list.length) return '';
        const lines = list.map((p) => `${p.marker}${esc(p.seriesName)}: <b>${esc(valueLabel(raw(p.seriesIndex, p.dataIndex), axisOf(p.seriesIndex), words))}</b>`);
        return [esc(list[0].name), ...lines].join('<br/>');
      },
    },
    legend: spec.series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
    // a horizontal value axis has its unit word at its right end: room for it
    // the legend on top, then the axes' unit words above the plot: each needs its own line
    grid: { left: 8, right: horizontal ? 48 : twoAxes ? 8 : 24, top: spec.series.length > 1 ? 60 : 32, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxes : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxes,
    series,
  };
}

/** The drill of a clicked point: a bar or line point (series, index), a slice, or a matrix cell. */
export function drillAt(spec: ChartSpec, seriesIndex: number, dataIndex: number, value?: unknown): DrillRef | null {
  if (spec.kind === 'matrix') {
    if (!Array.isArray(value)) return null;
    const [x, y] = value as number[];
    return spec.series[y]?.drill?.[x] ?? null;
  }
  if (spec.kind === 'pie') return spec.series[0]?.drill?.[dataIndex] ?? null;
  return spec.series[seriesIndex]?.drill?.[dataIndex] ?? null;
}

/** Whether any point of the chart leads somewhere (the card then says it can be clicked). */
export function hasDrill(spec: ChartSpec): boolean {
  return spec.series.some((s) => s.drill?.some((d) => d != null));
}
