// A ChartSpec drawn by ECharts on the server (SSR) as an SVG string, for the PDF. No DOM: ECharts
// measures text by its built-in estimate (a CJK character as wide as the font size, which is right
// for CJK fonts). Animation is off (the SVG is the first frame). All text uses CJK_FAMILY, which the
// PDF maps to the embedded CJK font. Money is plotted in 万元, ratios in %.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from '../../../shared/dashboard.js';
import { baseUnit, plotValue, printValue, unitLabel, type BaseUnit } from './format.js';
import type { Lang } from './labels.js';
import { CJK_FAMILY } from './pdf-engine.js';

echarts.use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, MarkLineComponent, VisualMapComponent, SVGRenderer]);

export const CHART_WIDTH = 680;
const ROW_PX = 22;
const MAX_HEIGHT = 900;

/** The drawing's height in px: category rows need room on a horizontal bar chart or a matrix. */
export function chartHeight(chart: ChartSpec): number {
  if (chart.kind === 'hbar') return Math.min(MAX_HEIGHT, Math.max(240, chart.categories.length * ROW_PX + 60));
  if (chart.kind === 'matrix') return Math.min(MAX_HEIGHT, Math.max(240, (chart.rows?.length ?? 0) * 30 + 80));
  if (chart.kind === 'pie') return 280;
  return 300;
}

type Option = Record<string, unknown>;

/** ECharts 6's form of the old `containLabel`: the axis labels stay inside the grid's box. */
const LABELS_INSIDE = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' };

function axisUnits(chart: ChartSpec): [BaseUnit, BaseUnit] {
  const u = baseUnit(chart.unit);
  return [u, chart.unit2 ? baseUnit(chart.unit2) : u];
}

function cartesian(chart: ChartSpec, lang: Lang, horizontal: boolean): Option {
  const units = axisUnits(chart);
  const n = chart.categories.length;
  const many = !horizontal && n > 8;
  const categoryAxis = {
    type: 'category',
    data: chart.categories,
    inverse: horizontal, // the first category (a ranking's top) at the top
    boundaryGap: chart.kind !== 'line',
    // every label while they fit (a bar of a ranking without its name is useless), else ECharts thins them
    axisLabel: { interval: (horizontal ? n * ROW_PX + 60 <= MAX_HEIGHT : n <= 16) ? 0 : 'auto', rotate: many ? 35 : 0, fontSize: 11 },
  };
  const usesSecond = chart.series.some((s) => s.yAxis === 1);
  const valueAxes = [0, 1]
    .filter((i) => i === 0 || usesSecond)
    .map((i) => ({
      type: 'value',
      name: unitLabel(units[i], lang),
      nameTextStyle: { fontSize: 11 },
      splitLine: { show: i === 0 },
      // a trend is read by its movement: the axis fits the values instead of starting at 0
      scale: chart.kind === 'line',
    }));
  const series = chart.series.map((s, si) => {
    const unit = units[s.yAxis ?? 0];
    const type = chart.kind === 'line' ? 'line' : (s.type ?? 'bar');
    return {
      type,
      name: s.name,
      data: s.data.map((v) => plotValue(v, unit)),
      [horizontal ? 'xAxisIndex' : 'yAxisIndex']: s.yAxis ?? 0,
      showSymbol: type === 'line' && n <= 31,
      markLine:
        si === 0 && chart.threshold
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { color: '#d03050', type: 'dashed' },
              // on a horizontal chart the line is vertical: its label at the top, clear of the axis labels
              label: { formatter: `${chart.threshold.label} ${printValue(chart.threshold.value, units[0])}`, fontSize: 11, position: horizontal ? 'start' : 'end' },
              data: [{ [horizontal ? 'xAxis' : 'yAxis']: plotValue(chart.threshold.value, units[0]) }],
            }
          : undefined,
    };
  });
  return {
    legend: chart.series.length > 1 ? { top: 0, textStyle: { fontSize: 11 } } : undefined,
    // a vertical chart's threshold label sits right of the plot: leave it room
    grid: { left: 12, right: chart.threshold && !horizontal ? 96 : usesSecond ? 20 : 28, top: chart.series.length > 1 ? 40 : 28, bottom: 8, ...LABELS_INSIDE },
    [horizontal ? 'yAxis' : 'xAxis']: categoryAxis,
    [horizontal ? 'xAxis' : 'yAxis']: valueAxes,
    series,
  };
}

function pie(chart: ChartSpec): Option {
  const unit = baseUnit(chart.unit);
  const s = chart.series[0];
  const data = chart.categories
    .map((name, i) => ({ name, value: plotValue(s?.data[i] ?? null, unit) }))
    .filter((d): d is { name: string; value: number } => d.value !== null && d.value > 0);
  return {
    legend: { type: 'plain', orient: 'vertical', left: 0, top: 'middle', textStyle: { fontSize: 11 } },
    series: [{ type: 'pie', name: s?.name ?? chart.title, radius: ['30%', '62%'], center: ['62%', '50%'], data, label: { formatter: '{b} {d}%', fontSize: 11 } }],
  };
}

function matrix(chart: ChartSpec): Option {
  const unit = baseUnit(chart.unit);
  const rows = chart.rows ?? [];
  const data: [number, number, number | null][] = [];
  let max = 0;
  rows.forEach((_, i) =>
    chart.categories.forEach((_, j) => {
      const v = chart.series[i]?.data[j] ?? null;
      if (v !== null && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
      data.push([j, i, v]);
    }),
  );
  return {
    grid: { left: 12, right: 12, top: 12, bottom: 8, ...LABELS_INSIDE },
    xAxis: { type: 'category', data: chart.categories, position: 'top', splitArea: { show: true }, axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'category', data: rows, inverse: true, splitArea: { show: true }, axisLabel: { interval: 0, fontSize: 11 } },
    visualMap: { show: false, min: 0, max: max || 1, dimension: 2, inRange: { color: ['#f3f7fd', '#5b8ff9'] } },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, fontSize: 10, formatter: (p: { value: [number, number, number | null] }) => (p.value[2] ? printValue(p.value[2], unit) : '') },
      },
    ],
  };
}

/** The ECharts option of a chart (null for a 'table', which the documents print as a table only). */
export function chartOption(chart: ChartSpec, lang: Lang): Option | null {
  let option: Option;
  switch (chart.kind) {
    case 'bar':
    case 'line':
      option = cartesian(chart, lang, false);
      break;
    case 'hbar':
      option = cartesian(chart, lang, true);
      break;
    case 'pie':
      option = pie(chart);
      break;
    case 'matrix':
      option = matrix(chart);
      break;
    case 'table':
      return null;
  }
  return { animation: false, textStyle: { fontFamily: CJK_FAMILY }, ...option };
}

/**
 * ECharts gives some labels (pie, heatmap) a white halo: a stroke drawn under the fill by
 * `paint-order="stroke"`. SVG-to-PDFKit ignores paint-order and strokes over the fill, which
 * painted those labels white on white. The halo goes; the text keeps its fill.
 */
export function withoutTextHalo(svg: string): string {
  return svg.replace(/<text\b[^>]*\bpaint-order="stroke"[^>]*>/g, (tag) =>
    tag.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, ''),
  );
}

/** The chart as an SVG document, or null when there is nothing to draw (empty, or a table). */
export function chartSvg(chart: ChartSpec, lang: Lang): { svg: string; width: number; height: number } | null {
  if (chart.empty !== undefined) return null;
  const option = chartOption(chart, lang);
  if (!option) return null;
  const width = CHART_WIDTH;
  const height = chartHeight(chart);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(option);
    return { svg: withoutTextHalo(instance.renderToSVGString()), width, height };
  } finally {
    instance.dispose();
  }
}
